#!/usr/bin/env node
// The wasm core in Node, through the bridge (window-less: globalThis.certinspect),
// in a fresh process per call of this script. Used by bench/run.mjs:
//   node bench/node-wasm.mjs --wasm FILE --wasm-exec FILE --request REQ.json [--warm N] [--steady M]
//   node bench/node-wasm.mjs --wasm FILE --wasm-exec FILE --request REQ.json --crl
// REQ.json is core.Request as JSON (file data in base64), from `benchnative request`.
// Prints one JSON object: ready (ms from before reading the .wasm to the bridge's
// ready callback), first and warm-median inspect times, verdict; with --crl the
// inspect time, the process's peak RSS (VmHWM) and the Go linear memory size.
import fs from "node:fs";
import { createRequire } from "node:module";

const opt = { warm: "20" };
const a = process.argv.slice(2);
for (let i = 0; i < a.length; i++) {
  const k = a[i].replace(/^--/, "").replace(/-(\w)/g, (_, c) => c.toUpperCase());
  if (k === "crl") opt.crl = true;
  else opt[k] = a[++i];
}

function vm(key) {
  const m = fs.readFileSync("/proc/self/status", "utf8").match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"));
  return m ? Number(m[1]) * 1024 : 0;
}

function toBridge(req) {
  const out = {};
  for (const k of ["uri", "keyPassword", "hosts", "at", "errorText", "dnsAnswer", "lang"]) {
    if (req[k] !== undefined && req[k] !== null && req[k] !== "") out[k] = req[k];
  }
  out.files = (req.files || []).map((f) => ({ name: f.name, role: f.role || "auto", data: new Uint8Array(Buffer.from(f.data, "base64")) }));
  return out;
}

const median = (v) => { const s = [...v].sort((x, y) => x - y); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : 0; };

createRequire(import.meta.url)(opt.wasmExec);
const request = toBridge(JSON.parse(fs.readFileSync(opt.request, "utf8")));
const rssBefore = vm("VmRSS");

const t0 = performance.now();
const go = new globalThis.Go();
let markReady;
const ready = new Promise((r) => { markReady = r; });
globalThis.__certinspectReady = () => markReady(performance.now());
const bytes = fs.readFileSync(opt.wasm);
const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
const instantiated = performance.now();
go.run(instance);
const readyAt = await ready;

const api = globalThis.certinspect;
async function once() {
  const s = performance.now();
  const rep = await api.inspect(request);
  return [performance.now() - s, rep];
}

const [first, rep] = await once();
const out = {
  instantiateMs: instantiated - t0,
  readyMs: readyAt - t0,
  firstMs: first,
  verdict: rep.verdict && rep.verdict.status,
};
if (opt.crl) {
  const crl = rep.revocation && rep.revocation.crls && rep.revocation.crls[0];
  out.entries = crl ? crl.entries : 0;
  out.ok = !!(crl && crl.signatureValid);
  out.peakRssBytes = vm("VmHWM");
  out.rssBeforeBytes = rssBefore;
  out.wasmMemoryBytes = instance.exports.mem.buffer.byteLength;
} else {
  const warm = [];
  for (let i = 0; i < Number(opt.warm); i++) warm.push((await once())[0]);
  out.warmMs = median(warm);
  out.n = warm.length;
  if (opt.steady) {
    // Steady state: V8 tiers hot wasm functions up to its optimizing compiler
    // after many calls; the median of the last third is that code's speed.
    const steady = [];
    for (let i = 0; i < Number(opt.steady); i++) steady.push((await once())[0]);
    out.steadyMs = median(steady.slice(Math.floor((steady.length * 2) / 3)));
    out.steadyN = steady.length;
  }
}
process.stdout.write(JSON.stringify(out) + "\n");
process.exit(0);
