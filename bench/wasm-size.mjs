#!/usr/bin/env node
// What a Go wasm's size is made of, twiggy-style: the code size of every
// function (from the code section, named by the "name" section) and the data
// segments, summed by Go package. The wasm must be built WITHOUT -ldflags=-s
// (make bench builds build/bench/certinspect-names.wasm for this).
//   node bench/wasm-size.mjs FILE.wasm [--top N] [--json]
import fs from "node:fs";
import zlib from "node:zlib";

const file = process.argv[2];
const top = Number((process.argv.find((a) => a.startsWith("--top=")) || "--top=30").slice(6));
const buf = fs.readFileSync(file);
let pos = 8;
const u32 = () => { let r = 0, s = 0, b; do { b = buf[pos++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
const name = () => { const n = u32(); const s = buf.toString("utf8", pos, pos + n); pos += n; return s; };
let imported = 0;
const bodies = [];
const names = new Map();
const sections = {};
let dataBytes = 0;
const dataSegs = [];
while (pos < buf.length) {
  const id = buf[pos++];
  const size = u32();
  const end = pos + size;
  const start = pos;
  if (id === 2) { // imports: count function imports
    const n = u32();
    for (let i = 0; i < n; i++) {
      name(); name();
      const kind = buf[pos++];
      if (kind === 0) { u32(); imported++; } else if (kind === 1) { pos++; const f = buf[pos++]; u32(); if (f & 1) u32(); } else if (kind === 2) { const f = buf[pos++]; u32(); if (f & 1) u32(); } else if (kind === 3) { pos += 2; }
    }
  } else if (id === 10) { // code
    const n = u32();
    for (let i = 0; i < n; i++) { const sz = u32(); bodies.push({ index: imported + i, start: pos, size: sz }); pos += sz; }
  } else if (id === 11) { // data
    const n = u32();
    for (let i = 0; i < n; i++) {
      const flags = u32();
      let off = null;
      if (flags === 0 || flags === 2) { if (flags === 2) u32(); if (buf[pos] === 0x41) { pos++; let r = 0, s = 0, b; do { b = buf[pos++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); off = r; } while (buf[pos++] !== 0x0b); }
      const sz = u32();
      dataSegs.push({ offset: off, size: sz, start: pos });
      dataBytes += sz; pos += sz;
    }
  } else if (id === 0) { // custom
    const nm = name();
    if (nm === "name") {
      while (pos < end) {
        const sub = buf[pos++]; const ssz = u32(); const send = pos + ssz;
        if (sub === 1) { const n = u32(); for (let i = 0; i < n; i++) { const idx = u32(); names.set(idx, name()); } }
        pos = send;
      }
    }
  }
  sections[id] = (sections[id] || 0) + size;
  pos = end;
}
const pkgOf = (fn) => {
  if (!fn) return "?";
  fn = fn.replace(/^(github\.com|golang\.org)/, (m) => m.replace(".", "·"));
  const slash = fn.lastIndexOf("/");
  const dot = fn.indexOf(".", slash + 1);
  return dot < 0 ? fn : fn.slice(0, dot);
};
const byPkg = new Map();
let code = 0;
for (const b of bodies) {
  const p = pkgOf(names.get(b.index));
  code += b.size;
  const e = byPkg.get(p) || { pkg: p, code: 0, funcs: 0, br: 0 };
  e.code += b.size; e.funcs++;
  byPkg.set(p, e);
}
// Compressed share: brotli (q 9, fast enough) of each package's concatenated bodies.
const concat = new Map();
for (const b of bodies) { const p = pkgOf(names.get(b.index)); (concat.get(p) || concat.set(p, []).get(p)).push(buf.subarray(b.start, b.start + b.size)); }
for (const [p, parts] of concat) byPkg.get(p).br = zlib.brotliCompressSync(Buffer.concat(parts), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }).length;
const dataBr = zlib.brotliCompressSync(Buffer.concat(dataSegs.map((d) => buf.subarray(d.start, d.start + d.size))), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }).length;
const rows = [...byPkg.values()].sort((a, b) => b.code - a.code);
const out = { file, bytes: buf.length, codeBytes: code, dataBytes, dataBrotli9: dataBr, functions: bodies.length, packages: rows };
if (process.argv.includes("--json")) { process.stdout.write(JSON.stringify(out) + "\n"); process.exit(0); }
console.log(`${file}: ${buf.length} bytes; code ${code} (${bodies.length} functions), data ${dataBytes} (brotli-9 ${dataBr})`);
console.log("code bytes  brotli-9  funcs  package");
for (const r of rows.slice(0, top)) console.log(`${String(r.code).padStart(10)}  ${String(r.br).padStart(8)}  ${String(r.funcs).padStart(5)}  ${r.pkg}`);
