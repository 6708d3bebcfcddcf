#!/usr/bin/env node
// Builds the deployable inspector folder:
//   node scripts/build-dist.mjs --wasm build/web/certinspect.wasm \
//        --wasm-exec "$(go env GOROOT)/lib/wasm/wasm_exec.js" [--web web] [--out dist]
// Assets get content-hashed names (name.<sha256:10>.ext; index.html keeps its
// name), every compressible file gets precompressed .br and .gz twins, and a
// _headers file carries the CSP and cache policy for static hosts.
// Compression results are cached in build/compress-cache by content hash, so a
// rebuild with an unchanged wasm is quick.
// Stable names (not hashed, served with no-cache): index.html, embed.js (the
// one script a documentation page includes), the sample page under examples/
// and the built-in examples' files, copied from the repository's fixtures
// (the list is web/examples.js) into examples/data/.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { CSP, SECURITY_HEADERS } from "./csp.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function args() {
  const out = { web: "web", out: "dist", cache: "build/compress-cache", quality: 11 };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i += 2) {
    const k = a[i].replace(/^--/, "");
    const v = a[i + 1];
    if (v === undefined) throw new Error("missing value for " + a[i]);
    out[k.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = v;
  }
  if (!out.wasm || !out.wasmExec) throw new Error("usage: build-dist.mjs --wasm FILE --wasm-exec FILE [--web DIR] [--out DIR]");
  out.quality = Number(out.quality);
  return out;
}

const opt = args();
const read = (p) => fs.readFileSync(p);
const sha = (b) => createHash("sha256").update(b).digest("hex");

// Logical name → bytes. Order matters: each file may only refer to files
// listed before it, so their hashed names are known when it is hashed.
const sources = [
  ["certinspect.wasm", read(opt.wasm)],
  ["wasm_exec.js", read(opt.wasmExec)],
  ["style.css", read(path.join(opt.web, "style.css"))],
  ["favicon.svg", read(path.join(opt.web, "favicon.svg"))],
  ["inspector-worker.js", read(path.join(opt.web, "inspector-worker.js"))],
  ["certinspect.js", read(path.join(opt.web, "certinspect.js"))],
  ["i18n.js", read(path.join(opt.web, "i18n.js"))],
  ["examples.js", read(path.join(opt.web, "examples.js"))],
  ["inspector-ui.js", read(path.join(opt.web, "inspector-ui.js"))],
  ["app.js", read(path.join(opt.web, "app.js"))],
  ["embed.js", read(path.join(opt.web, "embed.js"))],
  ["index.html", read(path.join(opt.web, "index.html"))],
  ["examples/embed.html", read(path.join(opt.web, "examples", "embed.html"))],
  ["examples/embed-page.css", read(path.join(opt.web, "examples", "embed-page.css"))],
  ["examples/embed-page.js", read(path.join(opt.web, "examples", "embed-page.js"))],
];
const unhashed = new Set(["index.html", "embed.js", "examples/embed.html", "examples/embed-page.css", "examples/embed-page.js"]);
const textual = (n) => /\.(js|css|html|svg)$/.test(n);

// The built-in examples' files: copied from the fixtures web/examples.js names.
// (imported from its text: web/ is not a "type": "module" package for Node)
const { EXAMPLES, EXAMPLE_DATA } = await import("data:text/javascript," + encodeURIComponent(read(path.join(opt.web, "examples.js")).toString("utf8")));
const exampleFiles = new Map(); // dist name → repository path
for (const ex of EXAMPLES) {
  for (const f of ex.files) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(f.name)) throw new Error(`example ${ex.id}: bad file name ${f.name}`);
    if (!/^testdata\/pki\//.test(f.src) || f.src.includes("..")) throw new Error(`example ${ex.id}: ${f.src} is not a testdata/pki fixture`);
    const known = exampleFiles.get(f.name);
    if (known && known !== f.src) throw new Error(`example file ${f.name} names both ${known} and ${f.src}`);
    exampleFiles.set(f.name, f.src);
  }
}
for (const [name, src] of exampleFiles) {
  const data = read(path.join(REPO, src));
  if (data.length > 1 << 20) throw new Error(`example file ${src} is over 1 MiB`);
  const out = EXAMPLE_DATA + name;
  sources.push([out, data]);
  unhashed.add(out);
}

const names = new Map(); // logical → hashed
const files = new Map(); // hashed → bytes
for (const [name, raw] of sources) {
  let data = raw;
  if (textual(name)) {
    let text = raw.toString("utf8");
    for (const [from, to] of names) {
      // Replace quoted references only: "x", 'x', "./x", './x'.
      const esc = from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      text = text.replace(new RegExp(`(["'])(\\.\\.?/)?${esc}\\1`, "g"), (_, q, dot) => `${q}${dot || ""}${to}${q}`);
    }
    data = Buffer.from(text, "utf8");
  }
  let out = name;
  if (!unhashed.has(name)) {
    const ext = path.extname(name);
    out = path.posix.join(path.posix.dirname(name), `${path.basename(name, ext)}.${sha(data).slice(0, 10)}${ext}`);
  }
  names.set(name, out);
  files.set(out, data);
}

// The pages' meta CSP must be the policy the server sends.
for (const page of ["index.html", "examples/embed.html"]) {
  const html = files.get(page).toString("utf8");
  if (!html.includes(`content="${CSP}"`)) {
    throw new Error(`web/${page}'s Content-Security-Policy meta tag differs from scripts/csp.mjs`);
  }
}

fs.rmSync(opt.out, { recursive: true, force: true });
fs.mkdirSync(opt.out, { recursive: true });
fs.mkdirSync(opt.cache, { recursive: true });

// Brotli's largest standard window (RFC 7932; every browser decodes it): the
// 10 MB wasm repeats itself across more than the default 4 MiB, so this saves
// about 30 kB of the first visit. Decoders need up to 16 MiB for it.
const BROTLI_WINDOW = 24;

function cached(kind, data, make) {
  const p = path.join(opt.cache, `${sha(data)}.${kind}${kind === "br" ? `${opt.quality}w${BROTLI_WINDOW}` : ""}`);
  if (fs.existsSync(p)) return fs.readFileSync(p);
  const out = make(data);
  fs.writeFileSync(p, out);
  return out;
}

let total = { raw: 0, gz: 0, br: 0 };
for (const [name, data] of files) {
  fs.mkdirSync(path.dirname(path.join(opt.out, name)), { recursive: true });
  fs.writeFileSync(path.join(opt.out, name), data);
  total.raw += data.length;
  if (data.length < 256) continue;
  const gz = cached("gz", data, (d) => zlib.gzipSync(d, { level: 9 }));
  const br = cached("br", data, (d) => zlib.brotliCompressSync(d, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: opt.quality,
      [zlib.constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: d.length,
      [zlib.constants.BROTLI_PARAM_MODE]: textual(name) ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
    },
  }));
  if (gz.length < data.length) { fs.writeFileSync(path.join(opt.out, name + ".gz"), gz); total.gz += gz.length; }
  if (br.length < data.length) { fs.writeFileSync(path.join(opt.out, name + ".br"), br); total.br += br.length; }
}

// Static-host headers (Cloudflare/Netlify _headers syntax).
const headerLines = (indent) => Object.entries(SECURITY_HEADERS).map(([k, v]) => `${indent}${k}: ${v}`).join("\n");
fs.writeFileSync(path.join(opt.out, "_headers"), [
  "/*", headerLines("  "),
  "/", "  Cache-Control: no-cache",
  ...[...unhashed].flatMap((n) => [`/${names.get(n)}`, "  Cache-Control: no-cache"]),
  ...[...files.keys()].filter((n) => !unhashed.has(n)).flatMap((n) => [`/${n}`, "  Cache-Control: public, max-age=31536000, immutable"]),
  "",
].join("\n"));
fs.writeFileSync(path.join(opt.out, "manifest.json"), JSON.stringify(Object.fromEntries(names), null, 2) + "\n");

const kb = (n) => (n / 1024).toFixed(0) + " KiB";
console.log(`certinspect: wrote ${opt.out}/ (${files.size} files, ${kb(total.raw)} raw, ${kb(total.gz)} gzip, ${kb(total.br)} brotli; wasm ${names.get("certinspect.wasm")})`);
