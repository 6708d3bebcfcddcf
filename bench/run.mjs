#!/usr/bin/env node
// `make bench`: the weight and speed of certinspect next to what a support
// engineer would otherwise run (OpenSSL), with the budgets of issue 9.
// Prints ONE table and writes bench/latest.json (and the `go test -bench`
// output, benchstat-compatible, to bench/latest.bench.txt).
//
//   node bench/run.mjs [--quick] [--no-worker]
//
// Expects `make dist build` to have run (make bench does). Absolute times vary
// with the machine and its load; the ratios are measured in the same run, from
// medians, and are the figures to quote.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "build", "bench");
const DIST = path.join(ROOT, "dist");
const ARGS = new Set(process.argv.slice(2));
const QUICK = ARGS.has("--quick");
const N = {
  cold: QUICK ? 3 : 7, // cold page loads per page, fresh profile each
  procs: QUICK ? 3 : 5, // fresh Node/native processes for first-call figures
  warm: QUICK ? 10 : 30, // warm calls per process / page
  crlProcs: QUICK ? 1 : 3, // processes per CRL size and runtime
  hyperfine: QUICK ? 3 : 10,
  steady: 300, // calls of the typical ticket for its steady state (median of the last third)
  goCount: QUICK ? 1 : 5,
};
const CRL_SIZES = [10_000, 100_000, 1_000_000];
const AT = "2026-06-01T00:00:00Z";
const KEY_PASSWORD = "correct horse battery staple";
const GO = process.env.GO || "go";
const GOROOT = execFileSync(GO, ["env", "GOROOT"], { encoding: "utf8" }).trim();
const WASM_EXEC = path.join(GOROOT, "lib", "wasm", "wasm_exec.js");
const WASM = path.join(ROOT, "build", "web", "certinspect.wasm");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const WASM_OPT_FLAGS = ["-Oz", "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-mutable-globals"];

fs.mkdirSync(OUT, { recursive: true });
const t0 = Date.now();
const log = (m) => process.stderr.write(`bench [${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}\n`);
const median = (v) => { const s = v.filter((x) => typeof x === "number" && !Number.isNaN(x)).sort((a, b) => a - b); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN; };
const sha = (b) => createHash("sha256").update(b).digest("hex");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const have = (bin) => spawnSync("sh", ["-c", `command -v ${bin}`]).status === 0;
function run(cmd, args, opt = {}) {
  return execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "inherit"], ...opt });
}
const runJSON = (cmd, args, opt) => JSON.parse(run(cmd, args, opt));

const R = {
  schema: 1,
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg().map((x) => +x.toFixed(2)), node: process.version },
  runs: N,
};

// --- sizes: raw, gzip -9, brotli -q 11 -w 24 (Node zlib; what scripts/build-dist.mjs ships), cached -------
const CACHE = path.join(ROOT, "build", "compress-cache");
fs.mkdirSync(CACHE, { recursive: true });
function compressed(data, kind, text) {
  const p = path.join(CACHE, `${sha(data)}.${kind === "br" ? "br11w24" : "gz"}`);
  if (fs.existsSync(p)) return fs.statSync(p).size;
  const out = kind === "gz" ? zlib.gzipSync(data, { level: 9 }) : zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24, // as scripts/build-dist.mjs ships it
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
    },
  });
  fs.writeFileSync(p, out);
  return out.length;
}
function sizes(file) {
  const data = fs.readFileSync(file);
  const text = /\.(js|css|html|svg|json)$/.test(file);
  // What a server sends: the compressed form only when it is smaller.
  return { raw: data.length, gz: Math.min(data.length, compressed(data, "gz", text)), br: Math.min(data.length, compressed(data, "br", text)) };
}
const addSizes = (list) => list.reduce((a, s) => ({ raw: a.raw + s.raw, gz: a.gz + s.gz, br: a.br + s.br }), { raw: 0, gz: 0, br: 0 });

// --- preparation -------------------------------------------------------------------------
function prepare() {
  for (const f of [WASM, path.join(DIST, "index.html"), path.join(ROOT, "bin", "certinspect")]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run make bench (it builds dist/ and bin/)`);
  }
  log("building benchnative and the hello-world wasm");
  run(GO, ["build", "-o", path.join(OUT, "benchnative"), "./bench/cmd/benchnative"]);
  run(GO, ["build", "-trimpath", "-ldflags", "-s -w", "-o", path.join(OUT, "hello.wasm"), "./bench/hello"], { env: { ...process.env, GOOS: "js", GOARCH: "wasm" } });
  const missing = CRL_SIZES.filter((n) => !fs.existsSync(crlPath(n)));
  if (missing.length) {
    log(`generating the large CRLs (${missing.join(", ")} entries) with core/revocation's benchmark`);
    run(GO, ["test", "-run", "^$", "-bench", "CRLMembership", "-benchtime", "1x", "./core/revocation"]);
  }
  const req = (name, ...a) => { const p = path.join(OUT, name + ".json"); fs.writeFileSync(p, run(path.join(OUT, "benchnative"), ["request", ...a])); return p; };
  R.files = { typical: req("typical", "typical"), roots: req("roots", "roots") };
  for (const n of CRL_SIZES) R.files["crl" + n] = req("crl-" + n, "crl", crlPath(n));
  buildHelloSite();
}
function crlDir() { return process.env.CERTINSPECT_BENCH_CRL_DIR || path.join(os.tmpdir(), "certinspect-crl-bench"); }
function crlPath(n) { return path.join(crlDir(), `crl-v1-${n}-none.pem`); }

// The hello-world page: the same structure as the inspector (module script →
// dedicated Worker → wasm_exec.js → instantiateStreaming), same CSP and
// server, "ready" when the Go program's main has run.
function buildHelloSite() {
  const dir = path.join(OUT, "hello-site");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const csp = fs.readFileSync(path.join(ROOT, "web", "index.html"), "utf8").match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)[0];
  const files = {
    "index.html": `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n${csp}\n<link rel="icon" href="favicon.svg" type="image/svg+xml">\n<title>hello</title>\n<script type="module" src="hello.js"></script></head><body><p>hello</p></body></html>\n`,
    "hello.js": `const w = new Worker(new URL("./hello-worker.js", import.meta.url));\nw.onmessage = (e) => { if (e.data === "ready") document.body.dataset.ready = "true"; };\n`,
    "hello-worker.js": `importScripts("wasm_exec.js");\n(async () => {\n  const go = new Go();\n  const { instance } = await WebAssembly.instantiateStreaming(fetch("hello.wasm"), go.importObject);\n  await go.run(instance);\n  self.postMessage("ready");\n})();\n`,
  };
  for (const [n, s] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), s);
  fs.copyFileSync(WASM_EXEC, path.join(dir, "wasm_exec.js"));
  fs.copyFileSync(path.join(ROOT, "web", "favicon.svg"), path.join(dir, "favicon.svg"));
  fs.copyFileSync(path.join(OUT, "hello.wasm"), path.join(dir, "hello.wasm"));
  // Precompressed twins, as dist/ has them.
  for (const n of fs.readdirSync(dir)) {
    const p = path.join(dir, n);
    const data = fs.readFileSync(p);
    if (data.length < 256) continue;
    const text = !n.endsWith(".wasm");
    compressed(data, "gz", text);
    compressed(data, "br", text);
    fs.copyFileSync(path.join(CACHE, sha(data) + ".gz"), p + ".gz");
    fs.copyFileSync(path.join(CACHE, sha(data) + ".br11w24"), p + ".br");
  }
}

// --- 1. weight ---------------------------------------------------------------------------
function weight(firstVisit) {
  log("weight: sizes of the first visit, the wasm, the hello-world floor");
  const names = firstVisit.map((u) => decodeURIComponent(new URL(u).pathname).replace(/^\//, "") || "index.html");
  const per = names.map((n) => ({ name: n, ...sizes(path.join(DIST, n)) }));
  const wasmName = names.find((n) => n.endsWith(".wasm"));
  const helloSite = fs.readdirSync(path.join(OUT, "hello-site")).filter((n) => !/\.(br|gz)$/.test(n));
  R.weight = {
    firstVisit: { files: per, total: addSizes(per) },
    wasm: wasmName ? sizes(path.join(DIST, wasmName)) : sizes(WASM),
    helloWasm: sizes(path.join(OUT, "hello.wasm")),
    helloPage: addSizes(helloSite.map((n) => sizes(path.join(OUT, "hello-site", n)))),
  };
  R.weight.wasmOpt = wasmOpt();
  // What the wasm is made of (code by package, data), from a build that keeps the name section.
  try {
    const names = path.join(OUT, "certinspect-names.wasm");
    run(GO, ["build", "-trimpath", "-gcflags=certinspect/...=-l", "-o", names, "./wasm"], { env: { ...process.env, GOOS: "js", GOARCH: "wasm" } }); // as the Makefile's WASM_GCFLAGS
    const helloNames = path.join(OUT, "hello-names.wasm");
    run(GO, ["build", "-trimpath", "-o", helloNames, "./bench/hello"], { env: { ...process.env, GOOS: "js", GOARCH: "wasm" } });
    const an = (f) => JSON.parse(run(process.execPath, [path.join(ROOT, "bench", "wasm-size.mjs"), f, "--json"]));
    const a = an(names), h = an(helloNames);
    R.weight.composition = {
      codeBytes: a.codeBytes, dataBytes: a.dataBytes, dataBrotli9: a.dataBrotli9,
      hello: { codeBytes: h.codeBytes, dataBytes: h.dataBytes, dataBrotli9: h.dataBrotli9 },
      topPackages: a.packages.slice(0, 25).map((p) => ({ pkg: p.pkg, codeBytes: p.code, brotli9: p.br, funcs: p.funcs })),
      ownPackagesBrotli9: a.packages.filter((p) => /^(certinspect|main)/.test(p.pkg)).reduce((s, p) => s + p.br, 0),
    };
  } catch (e) { R.weight.composition = { error: String(e.message).slice(0, 200) }; }
}

function wasmOpt() {
  if (!have("wasm-opt")) return { available: false, note: "wasm-opt (Debian binaryen) not installed" };
  const data = fs.readFileSync(WASM);
  const out = path.join(OUT, `opt-${sha(data).slice(0, 16)}.wasm`);
  let ms = null;
  if (!fs.existsSync(out)) {
    log("wasm-opt " + WASM_OPT_FLAGS.join(" ") + " (takes a while)");
    const s = Date.now();
    const r = spawnSync("wasm-opt", [...WASM_OPT_FLAGS, WASM, "-o", out + ".tmp"], { encoding: "utf8" });
    if (r.status !== 0) return { available: true, failed: (r.stderr || "").slice(0, 400) };
    fs.renameSync(out + ".tmp", out);
    ms = Date.now() - s;
    fs.writeFileSync(out + ".ms", String(ms));
  } else if (fs.existsSync(out + ".ms")) ms = Number(fs.readFileSync(out + ".ms", "utf8"));
  const version = spawnSync("wasm-opt", ["--version"], { encoding: "utf8" }).stdout.trim();
  const before = sizes(WASM);
  const after = sizes(out);
  // Does the optimized module still work, and is it faster?
  let check = null;
  try {
    check = nodeWasm(R.files.typical, [], out);
  } catch (e) { check = { error: String(e.message).slice(0, 200) }; }
  return { available: true, version, flags: WASM_OPT_FLAGS.join(" "), ms, before, after, saved: { raw: before.raw - after.raw, gz: before.gz - after.gz, br: before.br - after.br }, typicalInNode: check, file: path.relative(ROOT, out) };
}

// --- servers and Chromium ----------------------------------------------------------------
async function serve(dir) {
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "serve.mjs"), "--dir", dir, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let buf = "";
    const t = setTimeout(() => reject(new Error("server did not start: " + buf)), 10000);
    child.stdout.on("data", (d) => { buf += d; const m = buf.match(/on (http:\/\/127\.0\.0\.1:\d+\/)/); if (m) { clearTimeout(t); resolve(m[1]); } });
    child.on("exit", (code) => reject(new Error("server exited " + code)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

const READY_OBSERVER = `(() => {
  const mark = () => { if (!window.__benchReadyAt && document.body && document.body.dataset.ready === "true") window.__benchReadyAt = performance.now(); };
  new MutationObserver(mark).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
})();`;

async function chromiumRuns() {
  const { chromium } = await import(path.join(ROOT, "node_modules", "playwright-core", "index.mjs"));
  const site = await serve(DIST);
  const hello = await serve(path.join(OUT, "hello-site"));
  const ready = { inspector: [], hello: [] };
  let firstVisit = [];
  let transferred = 0;
  const typical = JSON.parse(fs.readFileSync(R.files.typical, "utf8"));
  let ticket = null;
  try {
    for (let i = 0; i < N.cold; i++) {
      const order = i % 2 ? ["hello", "inspector"] : ["inspector", "hello"];
      for (const which of order) {
        const profile = fs.mkdtempSync(path.join(os.tmpdir(), "certinspect-bench-chromium-"));
        const context = await chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM, headless: true,
          args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        try {
          await sleep(300); // let the browser settle after launch, as a user's browser is
          const page = await context.newPage();
          await page.addInitScript(READY_OBSERVER);
          const responses = [];
          if (which === "inspector" && i === 0) context.on("response", (r) => responses.push(r));
          await page.goto(which === "inspector" ? site.url : hello.url);
          await page.waitForFunction(() => window.__benchReadyAt, null, { timeout: 60000, polling: "raf" });
          ready[which].push(await page.evaluate(() => window.__benchReadyAt));
          if (responses.length) {
            await sleep(200);
            for (const r of responses) {
              if (r.status() !== 200) continue;
              firstVisit.push(r.url());
              try { transferred += (await r.request().sizes()).responseBodySize; } catch { /* not available */ }
            }
          }
          if (which === "inspector" && i === N.cold - 1) ticket = await pageTicket(page, typical);
        } finally {
          await context.close();
          fs.rmSync(profile, { recursive: true, force: true });
        }
      }
      log(`chromium: cold load ${i + 1}/${N.cold}: inspector ${ready.inspector.at(-1).toFixed(0)} ms, hello ${ready.hello.at(-1).toFixed(0)} ms`);
    }
  } finally {
    site.stop();
    hello.stop();
  }
  R.ready = {
    inspectorMs: median(ready.inspector), helloMs: median(ready.hello), samples: ready,
    ratio: median(ready.inspector) / median(ready.hello),
  };
  R.chromiumTicket = ticket;
  return { firstVisit: [...new Set(firstVisit)], transferred };
}

// The typical ticket through window.certinspect.inspect on the page: the first
// call after ready, then warm calls (the same Uint8Arrays, as the page re-runs).
async function pageTicket(page, req) {
  return page.evaluate(async ({ req, warm, steady }) => {
    const files = req.files.map((f) => ({ name: f.name, role: f.role, data: Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0)) }));
    const request = { uri: req.uri, files, keyPassword: req.keyPassword, at: req.at, lang: req.lang };
    const api = window.certinspect;
    const time = async () => { const s = performance.now(); const rep = await api.inspect(request); return [performance.now() - s, rep]; };
    const [first, rep] = await time();
    const w = [];
    for (let i = 0; i < warm; i++) w.push((await time())[0]);
    w.sort((a, b) => a - b);
    const s = [];
    for (let i = 0; i < steady; i++) s.push((await time())[0]);
    const last = s.slice(Math.floor((s.length * 2) / 3)).sort((a, b) => a - b);
    return { firstMs: first, warmMs: w[Math.floor(w.length / 2)], n: w.length, steadyMs: last[Math.floor(last.length / 2)], steadyN: s.length, verdict: rep.verdict.status };
  }, { req, warm: N.warm, steady: N.steady });
}

// --- Node (wasm through the bridge) and native processes ---------------------------------
function nodeWasm(reqFile, extra = [], wasm = WASM) {
  return runJSON(process.execPath, [path.join(ROOT, "bench", "node-wasm.mjs"), "--wasm", wasm, "--wasm-exec", WASM_EXEC, "--request", reqFile, "--warm", String(N.warm), ...extra]);
}
function native(...a) { return runJSON(path.join(OUT, "benchnative"), ["-root", ROOT, "-n", String(N.warm), ...a]); }
function medianOf(list, keys) { const o = {}; for (const k of keys) o[k] = median(list.map((x) => x[k])); return o; }

function goBench() {
  log(`go test -bench (count ${N.goCount}): typical ticket, root store, CRL Inspect`);
  const out = run(GO, ["test", "-run", "^$", "-bench", ".", "-benchmem", "-count", String(N.goCount), "./bench"]);
  fs.writeFileSync(path.join(ROOT, "bench", "latest.bench.txt"), out);
  const by = {};
  for (const line of out.split("\n")) {
    const m = line.match(/^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns\/op(?:.*?\s([\d.]+) B\/op)?/);
    if (m) (by[m[1]] ||= []).push({ ns: Number(m[2]), bytes: Number(m[3]) });
  }
  const res = {};
  for (const [k, v] of Object.entries(by)) res[k] = { ms: median(v.map((x) => x.ns)) / 1e6, bytesPerOp: median(v.map((x) => x.bytes)) };
  R.goBench = res;
}

function typicalAndRoots() {
  log(`typical ticket and root store: ${N.procs} fresh native and Node processes each`);
  const keys = ["firstMs", "warmMs", "readyMs", "instantiateMs"];
  const nt = [], nr = [], wt = [], wr = [];
  for (let i = 0; i < N.procs; i++) {
    nt.push(native("time", "typical"));
    nr.push(native("time", "roots"));
    wt.push(nodeWasm(R.files.typical));
    wr.push(nodeWasm(R.files.roots));
  }
  const steady = nodeWasm(R.files.typical, ["--steady", String(N.steady)]);
  for (const r of [...wt, ...wr, steady]) if (r.verdict !== "ok") throw new Error("wasm verdict is not ok: " + JSON.stringify(r));
  R.typical = {
    native: { ...medianOf(nt, ["firstMs", "warmMs"]), goBenchMs: R.goBench.BenchmarkTypicalTicket?.ms },
    node: { ...medianOf(wt, keys), steadyMs: steady.steadyMs, steadyN: steady.steadyN },
    chromium: R.chromiumTicket,
  };
  R.roots = { native: { ...medianOf(nr, ["firstMs", "warmMs"]), goBenchMs: R.goBench.BenchmarkRootStore?.ms }, node: medianOf(wr, keys) };
}

// --- timing of whole commands: hyperfine when installed, else a simple loop ---------------
function timeCommands(cmds, runs) {
  if (have("hyperfine")) {
    const json = path.join(OUT, "hyperfine.json");
    const noShell = spawnSync("hyperfine", ["-N", "--runs", "1", "--style", "none", "true"]).status === 0 ? ["-N"] : [];
    run("hyperfine", [...noShell, "--style", "none", "--warmup", "1", "--runs", String(runs), "--export-json", json, ...cmds.map((c) => c.sh)], { stdio: ["ignore", "ignore", "inherit"] });
    const res = JSON.parse(fs.readFileSync(json, "utf8")).results;
    // CPU time (user + system, hyperfine gives means) is less disturbed by other jobs on the machine.
    return res.map((r) => ({ ms: r.median * 1000, cpuMs: (r.user + r.system) * 1000, tool: "hyperfine" }));
  }
  return cmds.map((c) => {
    spawnSync("sh", ["-c", c.sh], { stdio: "ignore" });
    const t = [];
    for (let i = 0; i < runs; i++) { const s = process.hrtime.bigint(); spawnSync("sh", ["-c", c.sh], { stdio: "ignore" }); t.push(Number(process.hrtime.bigint() - s) / 1e6); }
    return { ms: median(t), tool: "loop" };
  });
}
const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

function crls() {
  const ossl = have("openssl");
  const pki = path.join(ROOT, "testdata", "pki");
  const leaf = path.join(OUT, "good-leaf.pem");
  const chain = fs.readFileSync(path.join(pki, "revocation", "good-leaf-chain.pem"), "utf8");
  fs.writeFileSync(leaf, chain.slice(0, chain.indexOf("-----END CERTIFICATE-----") + 26));
  const atUnix = Math.floor(Date.parse(AT) / 1000);
  R.crl = [];
  for (const n of CRL_SIZES) {
    const file = crlPath(n);
    const bytes = fs.statSync(file).size;
    log(`CRL ${n} entries (${(bytes / 1e6).toFixed(1)} MB PEM): native, wasm, openssl`);
    const nat = [], wasm = [];
    for (let i = 0; i < N.crlProcs; i++) {
      nat.push(native("crl", file));
      wasm.push(nodeWasm(R.files["crl" + n], ["--crl"]));
    }
    for (const r of [...nat, ...wasm]) if (!r.ok || r.entries !== n) throw new Error(`CRL ${n}: not read completely: ${JSON.stringify(r)}`);
    const row = {
      entries: n, fileBytes: bytes,
      // One call in a fresh process, as for wasm (go test -bench's warm figure is nativeGoBenchMs).
      nativeMs: median(nat.map((x) => x.ms)),
      nativeCpuMs: median(nat.map((x) => x.cpuMs)),
      nativeGoBenchMs: R.goBench[`BenchmarkCRLInspect/${n / 1000}k`]?.ms,
      nativePeakRssBytes: Math.max(...nat.map((x) => x.peakRssBytes)),
      nativeRssBeforeBytes: median(nat.map((x) => x.rssBeforeBytes)),
      wasmMs: median(wasm.map((x) => x.firstMs)),
      wasmMemoryBytes: Math.max(...wasm.map((x) => x.wasmMemoryBytes)),
      wasmPeakRssBytes: Math.max(...wasm.map((x) => x.peakRssBytes)),
    };
    const cli = `${q(path.join(ROOT, "bin", "certinspect"))} -at ${AT} -tlsCAFile ${q(path.join(pki, "ca.pem"))} -chain ${q(path.join(pki, "revocation", "good-leaf-chain.pem"))} -host db0.example.net -tlsCRLFile ${q(file)}`;
    const cmds = [{ sh: cli }];
    if (ossl) {
      cmds.push({ sh: `openssl crl -noout -in ${q(file)}` });
      cmds.push({ sh: `openssl verify -crl_check -attime ${atUnix} -CAfile ${q(path.join(pki, "ca.pem"))} -untrusted ${q(path.join(pki, "revocation", "good-leaf-chain.pem"))} -CRLfile ${q(file)} ${q(leaf)}` });
    }
    const t = timeCommands(cmds, n >= 1_000_000 ? Math.max(3, Math.ceil(N.hyperfine / 2)) : N.hyperfine);
    row.cliMs = t[0].ms;
    row.cliCpuMs = t[0].cpuMs;
    if (ossl) { row.opensslCrlMs = t[1].ms; row.opensslVerifyMs = t[2].ms; row.opensslCrlCpuMs = t[1].cpuMs; row.opensslVerifyCpuMs = t[2].cpuMs; }
    row.timing = t[0].tool;
    row.wasmOverNative = row.wasmMs / row.nativeMs;
    row.opensslCrlOverNative = row.opensslCrlMs / row.nativeMs;
    row.opensslCrlOverNativeCpu = row.opensslCrlCpuMs / row.nativeCpuMs;
    row.opensslVerifyOverNative = row.opensslVerifyMs / row.nativeMs;
    row.nativePeakOverFile = row.nativePeakRssBytes / bytes;
    row.wasmMemoryOverFile = row.wasmMemoryBytes / bytes;
    R.crl.push(row);
  }
}

// --- 6. the whole job: the CLI vs the openssl commands an engineer would run --------------
function scenario() {
  log("the whole job: certinspect CLI vs the openssl sequence");
  const pki = path.join(ROOT, "testdata", "pki");
  const dir = path.join(OUT, "scenario");
  fs.mkdirSync(dir, { recursive: true });
  const pems = (s) => s.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g);
  const [leaf, inter] = pems(fs.readFileSync(path.join(pki, "revocation", "good-leaf-chain.pem"), "utf8"));
  const ca = fs.readFileSync(path.join(pki, "ca.pem"), "utf8");
  fs.writeFileSync(path.join(dir, "leaf.pem"), leaf);
  fs.writeFileSync(path.join(dir, "intermediate.pem"), inter);
  fs.writeFileSync(path.join(dir, "chain.pem"), leaf + inter + ca);
  fs.copyFileSync(path.join(pki, "ca.pem"), path.join(dir, "ca.pem"));
  fs.copyFileSync(path.join(pki, "client", "enc-pkcs8-pbkdf2-sha256-aes256.pem"), path.join(dir, "client.pem"));
  fs.copyFileSync(path.join(pki, "revocation", "crl-good.pem"), path.join(dir, "crl.pem"));
  fs.copyFileSync(path.join(pki, "revocation", "ocsp-good.der"), path.join(dir, "ocsp.der"));
  const typical = JSON.parse(fs.readFileSync(R.files.typical, "utf8"));
  const cli = [q(path.join(ROOT, "bin", "certinspect")), "-at", AT, "-uri", q(typical.uri), "-chain", q(path.join(dir, "chain.pem")),
    "-tlsCAFile", q(path.join(dir, "ca.pem")), "-tlsCertificateKeyFile", q(path.join(dir, "client.pem")),
    "-tlsCertificateKeyFilePassword", q(KEY_PASSWORD), "-tlsCRLFile", q(path.join(dir, "crl.pem")), "-ocsp", q(path.join(dir, "ocsp.der"))].join(" ");
  // The CLI must reach the same verdict as the library (and exit 0).
  const r = spawnSync("sh", ["-c", cli + " -json"], { encoding: "utf8" });
  const verdict = r.status === 0 ? JSON.parse(r.stdout).verdict.status : `exit ${r.status}`;
  const steps = `sh ${q(path.join(ROOT, "bench", "openssl-steps.sh"))} ${q(dir)} ${Math.floor(Date.parse(AT) / 1000)}`;
  const stepCount = fs.readFileSync(path.join(ROOT, "bench", "openssl-steps.sh"), "utf8").match(/(^|\| )openssl /gm).length;
  if (!have("openssl")) { R.scenario = { cliVerdict: verdict, note: "openssl not installed" }; return; }
  const t = timeCommands([{ sh: cli }, { sh: steps }], N.hyperfine);
  R.scenario = { cliVerdict: verdict, cliMs: t[0].ms, opensslMs: t[1].ms, opensslCommands: stepCount, ratio: t[1].ms / t[0].ms, timing: t[0].tool };
}

// --- the Worker (worker/, wrangler dev) --------------------------------------------------
async function freePort() {
  return new Promise((resolve) => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
}
async function workerBench() {
  const wrangler = path.join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
  if (ARGS.has("--no-worker")) return { available: false, note: "skipped (--no-worker)" };
  if (!fs.existsSync(path.join(ROOT, "worker", "app")) || !fs.existsSync(path.join(ROOT, "wrangler.toml"))) return { available: false, note: "not available: worker/ or wrangler.toml missing" };
  if (!fs.existsSync(wrangler)) return { available: false, note: "not available: wrangler not installed (npm ci)" };
  try {
    log("worker: make worker");
    run("make", ["-s", "worker"], { stdio: ["ignore", "ignore", "inherit"] });
  } catch (e) { return { available: false, note: "not available: make worker failed" }; }
  const port = await freePort();
  const inspector = await freePort();
  const persist = fs.mkdtempSync(path.join(os.tmpdir(), "certinspect-bench-wrangler-"));
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_SEND_ERROR_REPORTS: "false", CI: "true", WRANGLER_HIDE_BANNER: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
  const child = spawn(process.execPath, [wrangler, "dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--persist-to", persist], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  child.stderr.on("data", (d) => { out += d; });
  let exited = null;
  child.on("exit", (c) => { exited = c; });
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60000;
    for (let ok = 0; ok < 3;) {
      if (exited !== null) return { available: false, note: "not available: wrangler dev exited: " + out.slice(-300) };
      if (Date.now() > deadline) return { available: false, note: "not available: wrangler dev did not answer in 60 s" };
      try { const r = await fetch(url + "/api/v1/health"); await r.arrayBuffer(); ok = r.status === 200 ? ok + 1 : 0; } catch { ok = 0; }
      await sleep(ok ? 20 : 200);
    }
    const body = fs.readFileSync(R.files.typical);
    const once = async () => {
      const s = performance.now();
      const r = await fetch(url + "/api/v1/inspect", { method: "POST", headers: { "Content-Type": "application/json" }, body });
      const j = await r.json();
      return [performance.now() - s, r.status, j];
    };
    const [first, status, rep] = await once();
    if (status !== 200) return { available: false, note: `not available: POST /api/v1/inspect answered ${status}` };
    const warm = [];
    for (let i = 0; i < N.warm; i++) warm.push((await once())[0]);
    return { available: true, firstMs: first, warmMs: median(warm), n: warm.length, verdict: rep.verdict && rep.verdict.status };
  } finally {
    try { process.kill(-child.pid, "SIGTERM"); } catch { /* gone */ }
    await sleep(1000);
    try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ }
    fs.rmSync(persist, { recursive: true, force: true });
  }
}

// --- budgets and the table ---------------------------------------------------------------
const MB = 1e6;
function budgets() {
  const b = [];
  const add = (name, value, limit, unit, met, how) => b.push({ name, value, limit, unit, met, by: how });
  const br = R.weight.firstVisit.total.br;
  add("first-visit transfer (brotli) <= 1.35 MB", br / MB, 1.35, "MB", br <= 1.35 * MB, `${((br / (1.35 * MB) - 1) * 100).toFixed(0)}% ${br <= 1.35 * MB ? "under" : "over"} (${((br - 1.35 * MB) / 1e3).toFixed(0)} kB)`);
  add("ready <= 1.3x hello-world page", R.ready.ratio, 1.3, "x", R.ready.ratio <= 1.3, `${R.ready.ratio.toFixed(2)}x vs 1.3x`);
  const tr = R.typical.node.warmMs / R.typical.native.warmMs;
  const trc = R.typical.chromium ? R.typical.chromium.warmMs / R.typical.native.warmMs : NaN;
  R.typical.wasmOverNative = { node: tr, chromium: trc, nodeFirst: R.typical.node.firstMs / R.typical.native.firstMs };
  const worst = Math.max(tr, Number.isNaN(trc) ? 0 : trc);
  const steadyNative = R.goBench.BenchmarkTypicalTicket?.ms || R.typical.native.warmMs;
  const sn = R.typical.node.steadyMs / steadyNative;
  const sc = R.typical.chromium && R.typical.chromium.steadyMs ? R.typical.chromium.steadyMs / steadyNative : NaN;
  R.typical.steadyOverNative = { node: sn, chromium: sc };
  add("typical ticket wasm <= 2.5x native (warm)", worst, 2.5, "x", worst <= 2.5, `Node ${tr.toFixed(1)}x, Chromium ${trc.toFixed(1)}x vs 2.5x (steady state: Node ${sn.toFixed(1)}x, Chromium ${sc.toFixed(1)}x)`);
  const m = R.crl.find((r) => r.entries === 1_000_000);
  if (m) {
    // Judged on CPU time when known (robust to other jobs on the machine), else wall time.
    const cpu = m.opensslCrlCpuMs !== undefined && m.nativeCpuMs > 0;
    const fast = m.opensslCrlMs === undefined ? null : cpu ? m.nativeCpuMs < m.opensslCrlCpuMs : m.nativeMs < m.opensslCrlMs;
    add("1M CRL native faster than openssl crl -noout", cpu ? m.opensslCrlOverNativeCpu : m.opensslCrlOverNative, 1, "x", fast,
      `CPU: openssl crl -noout ${m.opensslCrlCpuMs?.toFixed(0)} ms vs native Inspect ${m.nativeCpuMs?.toFixed(0)} ms (${m.opensslCrlOverNativeCpu?.toFixed(2)}x); wall: ${m.opensslCrlMs?.toFixed(0)} vs ${m.nativeMs.toFixed(0)} ms; whole CLI process ${m.cliMs.toFixed(0)} ms wall, ${m.cliCpuMs?.toFixed(0)} ms CPU`);
    add("1M CRL wasm <= 3x native", m.wasmOverNative, 3, "x", m.wasmOverNative <= 3, `${m.wasmOverNative.toFixed(1)}x vs 3x`);
    const worstMem = Math.max(m.nativePeakOverFile, m.wasmMemoryOverFile);
    add("1M CRL peak memory <= 2x CRL size", worstMem, 2, "x", worstMem <= 2, `native peak RSS ${(m.nativePeakRssBytes / MB).toFixed(0)} MB = ${m.nativePeakOverFile.toFixed(1)}x, wasm memory ${(m.wasmMemoryBytes / MB).toFixed(0)} MB = ${m.wasmMemoryOverFile.toFixed(1)}x of ${(m.fileBytes / MB).toFixed(1)} MB`);
  }
  R.budgets = b;
}

function table() {
  const L = [];
  const f = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? "–" : x.toFixed(d));
  const kb = (x) => (x / 1e3).toFixed(0) + " kB";
  const row = (...c) => L.push("| " + c.join(" | ") + " |");
  L.push(`certinspect bench ${R.date} · ${R.machine.cpus} CPU ${R.machine.cpu || ""} · load ${R.machine.loadavg.join(" ")} · medians; ratios are from this run`);
  L.push("");
  row("measure", "certinspect", "reference", "ratio");
  row("---", "---", "---", "---");
  const w = R.weight;
  row("first visit: raw / gzip -9 / brotli -q 11 -w 24", `${kb(w.firstVisit.total.raw)} / ${kb(w.firstVisit.total.gz)} / ${kb(w.firstVisit.total.br)} (${w.firstVisit.files.length} files)`, `hello page ${kb(w.helloPage.raw)} / ${kb(w.helloPage.gz)} / ${kb(w.helloPage.br)}`, `${f(w.firstVisit.total.br / w.helloPage.br, 2)}x br`);
  row("wasm: raw / gzip / brotli", `${kb(w.wasm.raw)} / ${kb(w.wasm.gz)} / ${kb(w.wasm.br)}`, `hello.wasm ${kb(w.helloWasm.raw)} / ${kb(w.helloWasm.gz)} / ${kb(w.helloWasm.br)}`, `${f(w.wasm.br / w.helloWasm.br, 2)}x br`);
  if (w.wasmOpt.available && !w.wasmOpt.failed) {
    const o = w.wasmOpt;
    row(`wasm-opt ${o.flags.split(" ")[0]} (${o.version.split(" ").slice(0, 3).join(" ")}, ${f(o.ms / 1000, 0)} s)`, `${kb(o.after.raw)} / ${kb(o.after.gz)} / ${kb(o.after.br)}`, `saves ${kb(o.saved.raw)} / ${kb(o.saved.gz)} / ${kb(o.saved.br)}`, `br ${f((o.after.br / o.before.br - 1) * 100, 1)}%`);
  } else row("wasm-opt", w.wasmOpt.failed ? "failed" : "not available", w.wasmOpt.note || w.wasmOpt.failed || "", "–");
  const c = w.composition;
  if (c && c.topPackages) {
    row("wasm made of: code / data (raw; data brotli-9)", `${kb(c.codeBytes)} / ${kb(c.dataBytes)} (${kb(c.dataBrotli9)})`, `hello ${kb(c.hello.codeBytes)} / ${kb(c.hello.dataBytes)} (${kb(c.hello.dataBrotli9)})`, `certinspect's own packages: ${kb(c.ownPackagesBrotli9)} br-9 of code`);
    row("largest packages (code, brotli-9)", c.topPackages.slice(0, 8).map((p) => `${p.pkg.replace(/_/g, "/")} ${kb(p.brotli9)}`).join(", "), "bench/wasm-size.mjs", "");
  }
  row("ready in Chromium (cold, fresh profile)", `${f(R.ready.inspectorMs, 0)} ms`, `hello page ${f(R.ready.helloMs, 0)} ms`, `${f(R.ready.ratio, 2)}x`);
  row("ready in Node (bridge)", `${f(R.typical.node.readyMs, 0)} ms`, "", "");
  const t = R.typical;
  row("typical ticket, native (go test -bench)", `${f(R.goBench.BenchmarkTypicalTicket?.ms, 2)} ms/op`, `fresh process: 1st ${f(t.native.firstMs, 2)}, warm ${f(t.native.warmMs, 2)} ms`, "1x");
  row("typical ticket, wasm in Node", `1st ${f(t.node.firstMs)} ms, warm ${f(t.node.warmMs)} ms`, `native warm ${f(t.native.warmMs, 2)} ms`, `${f(t.wasmOverNative.node)}x`);
  row("typical ticket, Chromium page API", t.chromium ? `1st ${f(t.chromium.firstMs)} ms, warm ${f(t.chromium.warmMs)} ms` : "–", `native warm ${f(t.native.warmMs, 2)} ms`, `${f(t.wasmOverNative.chromium)}x`);
  row(`typical ticket, steady state (median of calls ${Math.floor((N.steady * 2) / 3) + 1}-${N.steady}, after V8's optimizing tier)`, `Node ${f(t.node.steadyMs, 2)} ms, Chromium ${t.chromium ? f(t.chromium.steadyMs, 2) : "–"} ms`, `go test -bench ${f(R.goBench.BenchmarkTypicalTicket?.ms, 2)} ms`, `${f(t.steadyOverNative.node)}x / ${f(t.steadyOverNative.chromium)}x`);
  if (R.worker.available) row("typical ticket, Worker (wrangler dev, POST /api/v1/inspect)", `1st ${f(R.worker.firstMs)} ms, warm ${f(R.worker.warmMs)} ms`, `native warm ${f(t.native.warmMs, 2)} ms`, `${f(R.worker.warmMs / t.native.warmMs)}x`);
  else row("typical ticket, Worker", R.worker.note, "", "–");
  row("root store (public chain, no CA file), native", `1st ${f(R.roots.native.firstMs, 2)} ms, warm ${f(R.roots.native.warmMs, 2)} ms`, "", "");
  row("root store, wasm in Node", `1st ${f(R.roots.node.firstMs)} ms, warm ${f(R.roots.node.warmMs)} ms`, `native warm ${f(R.roots.native.warmMs, 2)} ms`, `${f(R.roots.node.warmMs / R.roots.native.warmMs)}x`);
  for (const c of R.crl) {
    const n = c.entries >= 1e6 ? `${c.entries / 1e6}M` : `${c.entries / 1e3}k`;
    row(`CRL ${n} (${f(c.fileBytes / MB)} MB PEM): native / wasm`, `${f(c.nativeMs, 0)} ms / ${f(c.wasmMs, 0)} ms`, `openssl crl -noout ${f(c.opensslCrlMs, 0)} ms, verify -crl_check ${f(c.opensslVerifyMs, 0)} ms, CLI process ${f(c.cliMs, 0)} ms; go bench ${f(c.nativeGoBenchMs, 0)} ms`, `wasm ${f(c.wasmOverNative)}x; openssl crl ${f(c.opensslCrlOverNative, 2)}x, verify ${f(c.opensslVerifyOverNative, 2)}x of native`);
    row(`CRL ${n} CPU time: native / openssl crl / verify`, `${f(c.nativeCpuMs, 0)} ms`, `${f(c.opensslCrlCpuMs, 0)} ms / ${f(c.opensslVerifyCpuMs, 0)} ms (CLI process ${f(c.cliCpuMs, 0)} ms)`, `openssl crl ${f(c.opensslCrlOverNativeCpu, 2)}x of native`);
    row(`CRL ${n} peak memory: native RSS / wasm memory`, `${f(c.nativePeakRssBytes / MB, 0)} MB / ${f(c.wasmMemoryBytes / MB, 0)} MB`, `file ${f(c.fileBytes / MB)} MB`, `${f(c.nativePeakOverFile)}x / ${f(c.wasmMemoryOverFile)}x`);
  }
  const s = R.scenario;
  row("whole job: CLI vs openssl sequence", `${f(s.cliMs, 0)} ms (verdict ${s.cliVerdict})`, `${s.opensslCommands ?? "–"} openssl commands ${f(s.opensslMs, 0)} ms`, `openssl ${f(s.ratio)}x the CLI`);
  L.push("");
  L.push("Budgets:");
  for (const b of R.budgets) L.push(`  ${b.met ? "MET    " : b.met === null ? "n/a    " : "NOT MET"}  ${b.name}: ${b.by}`);
  return L.join("\n");
}

// --- main ---------------------------------------------------------------------------------
prepare();
goBench();
const { firstVisit, transferred } = await chromiumRuns();
weight(firstVisit);
R.weight.firstVisit.observedTransferBytes = transferred;
typicalAndRoots();
crls();
scenario();
R.worker = await workerBench();
budgets();
const text = table();
R.table = text;
fs.writeFileSync(path.join(ROOT, "bench", "latest.json"), JSON.stringify(R, null, 2) + "\n");
process.stdout.write(text + "\n");
log("wrote bench/latest.json and bench/latest.bench.txt");
