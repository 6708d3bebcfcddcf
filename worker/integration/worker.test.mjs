// The Worker on Cloudflare's real local runtime: `wrangler dev` (workerd),
// fully offline, on 127.0.0.1. Needs `make worker dist` first (make test-worker
// does both). Compares the API's reports with the CLI's --json for the same
// inputs, checks the static site's headers, the body limit, a burst of
// concurrent requests, CORS from the Worker variable, and `wrangler deploy
// --dry-run`.
import { execFileSync, spawn } from "node:child_process";
import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PKI = path.join(ROOT, "testdata", "pki");
const AT = "2026-06-01T00:00:00Z";
const WRANGLER = path.join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const ORIGIN = "https://tickets.example.com";
// A marker in every request body: it must never show up in the runtime's log.
const MARKER = "BODY-MARKER-7f3a";
const OFFLINE = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CI: "true",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_COLOR: "1",
};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** startWorker runs `wrangler dev` in its own process group; stop() kills that group by id. */
async function startWorker() {
  for (const f of ["build/worker/app.wasm", "build/worker/worker.mjs", "dist/index.html", "dist/_headers"]) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run make worker dist (make test-worker does)`);
  }
  const port = await freePort();
  const inspector = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [WRANGLER, "dev", "--ip", "127.0.0.1", "--port", String(port),
    "--inspector-port", String(inspector), "--var", `CORS_ALLOWED_ORIGINS:${ORIGIN}`, "--log-level", "info"], {
    cwd: ROOT, env: { ...process.env, ...OFFLINE }, detached: true, stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => { log += d; });
  child.stderr.on("data", (d) => { log += d; });
  let exited = null;
  const exit = new Promise((resolve) => child.on("exit", (code, sig) => { exited = code ?? sig; resolve(); }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45000;
  // Ready: three answers in a row (wrangler may swap its proxy once at start).
  for (let ok = 0; ok < 3;) {
    if (exited !== null) throw new Error(`wrangler dev exited (${exited}):\n${log}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid, "SIGKILL");
      throw new Error(`wrangler dev did not answer /api/v1/health within 45 s:\n${log}`);
    }
    try {
      const r = await fetch(url + "/api/v1/health");
      await r.arrayBuffer();
      ok = r.status === 200 ? ok + 1 : 0;
    } catch { ok = 0; /* not listening yet */ }
    await sleep(ok ? 20 : 100);
  }
  const readyMs = performance.now() - t0;
  return {
    url, port, readyMs, pid: child.pid, log: () => log,
    stop: async () => {
      if (exited === null) {
        process.kill(-child.pid, "SIGTERM");
        const t = setTimeout(() => { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } }, 5000);
        await exit;
        clearTimeout(t);
      }
      // Whatever wrangler left in its group (workerd) goes too.
      try { process.kill(-child.pid, "SIGKILL"); } catch { /* group is empty */ }
    },
  };
}

function b64(name) { return fs.readFileSync(path.join(PKI, name)).toString("base64"); }

/** The cases: CLI flags and the equivalent API request (same names, same order, same at). */
const CASES = [
  { name: "good chain", args: ["--tlsCAFile", "ca.pem", "--chain", "server-chain.pem", "--host", "db0.example.net"],
    req: { files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "server-chain.pem", role: "serverChain" }], hosts: ["db0.example.net"] } },
  { name: "expired", args: ["--tlsCAFile", "ca.pem", "--chain", "expired-chain.pem", "--host", "db0.example.net"],
    req: { files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "expired-chain.pem", role: "serverChain" }], hosts: ["db0.example.net"] } },
  { name: "missing intermediate, uri", args: ["--uri", "mongodb://db0.example.net:27017/?tls=true", "--tlsCAFile", "ca.pem", "--chain", "missing-intermediate-chain.pem"],
    req: { uri: "mongodb://db0.example.net:27017/?tls=true", files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "missing-intermediate-chain.pem", role: "serverChain" }] } },
  { name: "client key and revoked leaf with CRL", args: ["--uri", "mongodb://u:pw@db0.example.net/?tls=true", "--tlsCAFile", "ca.pem",
    "--tlsCertificateKeyFile", "client/client-rsa.pem", "--tlsCRLFile", "revocation/crl-revoked.pem", "--chain", "revocation/revoked-leaf-chain.pem"],
    req: { uri: "mongodb://u:pw@db0.example.net/?tls=true", files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "client/client-rsa.pem", role: "tlsCertificateKeyFile" },
      { name: "revocation/crl-revoked.pem", role: "tlsCRLFile" }, { name: "revocation/revoked-leaf-chain.pem", role: "serverChain" }] } },
  // A CA file in DER: PyMongo cannot load it (ca.load), whatever runs the core.
  { name: "DER tlsCAFile", args: ["--tlsCAFile", "client/cert.der", "--chain", "server-chain.pem",
    "--tlsCertificateKeyFile", "client/client-rsa.pem", "--host", "db0.example.net"],
    req: { files: [{ name: "client/cert.der", role: "tlsCAFile" }, { name: "client/client-rsa.pem", role: "tlsCertificateKeyFile" },
      { name: "server-chain.pem", role: "serverChain" }], hosts: ["db0.example.net"] },
    check: (rep) => rep.checks.some((c) => c.id === "ca.load" && c.status === "fail") },
  // A CA file whose OpenSSL trust settings reject TLS servers: certificate rejected.
  { name: "TRUSTED CERTIFICATE tlsCAFile rejecting serverAuth", args: ["--tlsCAFile", "trust/root-rejected-serverauth.pem", "--chain", "server-chain.pem", "--host", "db0.example.net"],
    req: { files: [{ name: "trust/root-rejected-serverauth.pem", role: "tlsCAFile" }, { name: "server-chain.pem", role: "serverChain" }], hosts: ["db0.example.net"] },
    check: (rep) => rep.checks.some((c) => c.id === "chain.trusted" && c.status === "fail" && c.opensslError?.code === 28) &&
      rep.certificates.some((c) => c.trustSettings?.serverAuth === "rejected") },
  // A server certificate Go's parser refuses (AKI marked critical), read as
  // OpenSSL reads it: unhandled critical extension (34).
  { name: "server certificate Go refuses: critical AKI", args: ["--tlsCAFile", "ca.pem", "--chain", "defect/critical-aki-chain.pem", "--host", "db0.example.net"],
    req: { files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "defect/critical-aki-chain.pem", role: "serverChain" }], hosts: ["db0.example.net"] },
    check: (rep) => rep.checks.some((c) => c.id === "chain.trusted" && c.status === "fail" && c.opensslError?.code === 34) },
  // A negative serial number: OpenSSL reads it, so must every front end
  // (GODEBUG x509negativeserial=1 in go.mod must reach the Worker's build too).
  { name: "negative serial number", args: ["--tlsCAFile", "ca.pem", "--chain", "negative-serial-chain.pem", "--host", "db0.example.net"],
    req: { files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "negative-serial-chain.pem", role: "serverChain" }], hosts: ["db0.example.net"] },
    check: (rep) => rep.checks.some((c) => c.id === "lint.serialNegative" && c.status === "warn") && rep.verdict.status === "warn" },
  // A signature crypto/x509 does not verify (RSA-PSS with the longest salt,
  // OpenSSL's default) is checked as OpenSSL checks it in the Worker too.
  { name: "RSA-PSS signature with the longest salt", args: ["--tlsCAFile", "ca.pem", "--chain", "pss-max-salt-chain.pem", "--host", "db0.example.net"],
    req: { files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "pss-max-salt-chain.pem", role: "serverChain" }], hosts: ["db0.example.net"] },
    check: (rep) => rep.verdict.status !== "fail" && rep.checks.some((c) => c.id === "chain.trusted" && c.status === "pass") },
  // OpenSSL 3 requires basicConstraints CA:TRUE of an intermediate (79).
  { name: "intermediate without basic constraints", args: ["--tlsCAFile", "ca.pem", "--chain", "no-basic-constraints-ca-chain.pem", "--host", "db0.example.net"],
    req: { files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "no-basic-constraints-ca-chain.pem", role: "serverChain" }], hosts: ["db0.example.net"] },
    check: (rep) => rep.checks.some((c) => c.id === "chain.trusted" && c.status === "fail" && c.opensslError?.code === 79) },
  // The Worker derives the key with workerd's WebCrypto (internal/webcrypto),
  // the CLI with Go's crypto/pbkdf2: the reports must still be the same.
  { name: "encrypted PKCS#8 client key (PBKDF2 in WebCrypto)", args: ["--uri", "mongodb://db0.example.net/?tls=true", "--tlsCAFile", "ca.pem",
    "--tlsCertificateKeyFile", "client/enc-pkcs8-pbkdf2-sha256-aes256.pem", "--tlsCertificateKeyFilePassword", "correct horse battery staple", "--chain", "server-chain.pem"],
    req: { uri: "mongodb://db0.example.net/?tls=true", keyPassword: "correct horse battery staple", files: [{ name: "ca.pem", role: "tlsCAFile" },
      { name: "client/enc-pkcs8-pbkdf2-sha256-aes256.pem", role: "tlsCertificateKeyFile" }, { name: "server-chain.pem", role: "serverChain" }] } },
  { name: "sniffed files, pasted error", args: ["--error-text", "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)",
    "self-signed-chain.pem", "ocsp-good.pem".replace(/^/, "revocation/")],
    req: { errorText: "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)",
      files: [{ name: "self-signed-chain.pem", role: "auto" }, { name: "revocation/ocsp-good.pem", role: "auto" }] } },
];

function apiBody(c) {
  const req = { ...c.req, at: AT, files: c.req.files.map((f) => ({ ...f, data: b64(f.name) })) };
  return JSON.stringify(req);
}

describe("Worker on local workerd (wrangler dev)", { timeout: 110000 }, () => {
  let w;
  let cli;
  let version;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "certinspect-worker-"));

  before(async () => {
    w = await startWorker();
    const h = await (await fetch(w.url + "/api/v1/health")).json();
    version = h.version;
    // The CLI, built with the Worker's version so tool.version agrees.
    cli = path.join(tmp, "certinspect");
    execFileSync("go", ["build", "-trimpath", "-ldflags", `-X certinspect/core.Version=${version}`, "-o", cli, "./cmd/certinspect"], { cwd: ROOT, stdio: "inherit" });
  });

  afterEach((t) => {
    // A failure shows what the runtime said (it never logs request bodies).
    if (w && t.passed === false) console.error(`--- wrangler dev output ---\n${w.log().split("\n").filter((l) => !/ 200 OK /.test(l)).join("\n")}`);
  });

  after(async () => {
    if (w) {
      await w.stop();
      // Stopped by its process id: nothing answers any more.
      await assert.rejects(fetch(w.url + "/api/v1/health", { signal: AbortSignal.timeout(2000) }));
      assert.ok(!w.log().includes(MARKER), "the runtime's log holds request data");
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test("health: version and build info, security headers", async (t) => {
    t.diagnostic(`wrangler dev answered after ${w.readyMs.toFixed(0)} ms`);
    const r = await fetch(w.url + "/api/v1/health");
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(r.headers.get("cache-control"), "no-store");
    assert.equal(r.headers.get("x-content-type-options"), "nosniff");
    assert.equal(r.headers.get("referrer-policy"), "no-referrer");
    const h = await r.json();
    assert.equal(h.status, "ok");
    assert.equal(h.build.goos, "js");
    assert.equal(h.build.goarch, "wasm");
    assert.match(h.build.goVersion, /^go1\./);
    assert.equal(h.schemaVersion, 1);
    // HEAD, as uptime monitors send it: the headers, no body (workerd
    // refused a Content-Length with no body behind it: a 500).
    const head = await fetch(w.url + "/api/v1/health", { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get("cache-control"), "no-store");
    assert.equal(await head.text(), "");
  });

  for (const c of CASES) {
    test(`inspect = CLI --json: ${c.name}`, async () => {
      let out;
      try {
        out = execFileSync(cli, [...c.args, "--at", AT, "--json"], { cwd: PKI, env: { ...process.env, LANG: "C", NO_COLOR: "1" } });
      } catch (e) {
        if (e.status !== 1) throw e; // 1: some check failed, a report all the same
        out = e.stdout;
      }
      const want = JSON.parse(out);
      const r = await fetch(w.url + "/api/v1/inspect", { method: "POST", headers: { "content-type": "application/json" }, body: apiBody(c) });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("cache-control"), "no-store");
      const text = await r.text();
      assert.deepEqual(JSON.parse(text), want);
      assert.ok(want.checks.length > 0 && want.verdict.status);
      if (c.check) assert.ok(c.check(want), "the report has what this case is about");
      assert.equal(text, out.toString(), "not byte for byte the CLI's output");
    });
  }

  test("inspect without at: evaluated now by the Worker", async () => {
    const before = Date.now();
    const r = await fetch(w.url + "/api/v1/inspect", { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ files: [{ name: "server-chain.pem", data: b64("server-chain.pem") }] }) });
    assert.equal(r.status, 200);
    const rep = await r.json();
    const at = Date.parse(rep.at);
    assert.ok(at >= Math.floor(before / 1000) * 1000 - 1000 && at <= Date.now() + 1000, `at ${rep.at}`);
    assert.ok(!rep.checks.some((c) => c.id === "request.at"));
  });

  test("errors: JSON {error, detail} with the right status", async () => {
    const cases = [
      ["GET", "/api/v1/inspect", null, null, 405, "method_not_allowed"],
      ["POST", "/api/v1/inspect", "text/plain", `{"uri":"${MARKER}"}`, 415, "unsupported_media_type"],
      ["POST", "/api/v1/inspect", "application/json", `not json ${MARKER}`, 400, "bad_json"],
      ["POST", "/api/v1/inspect", "application/json", `{"files":[{"name":"a","data":"${MARKER}!"}]}`, 400, "bad_field"],
      ["POST", "/api/v1/inspect", "application/json", `{"files":[{"name":"a","role":"nope","data":""}]}`, 400, "bad_field"],
      ["GET", "/api/v1/nothing", null, null, 404, "not_found"],
    ];
    for (const [method, p, ct, body, status, code] of cases) {
      const r = await fetch(w.url + p, { method, headers: ct ? { "content-type": ct } : {}, body });
      assert.equal(r.status, status, `${method} ${p} ${body}`);
      assert.equal(r.headers.get("x-content-type-options"), "nosniff");
      const e = await r.json();
      assert.equal(e.error, code);
      assert.ok(e.detail.length > 10);
      assert.ok(!e.detail.includes(MARKER));
    }
  });

  test("a 20 MB body is refused with 413", async () => {
    const big = Buffer.alloc(20 * 1000 * 1000, "A");
    const r = await fetch(w.url + "/api/v1/inspect", { method: "POST", headers: { "content-type": "application/json" }, body: big });
    assert.equal(r.status, 413);
    const e = await r.json();
    assert.equal(e.error, "body_too_large");
    // (A chunked body without Content-Length is cut at the limit too: see the
    // Go test TestBodyLimit. Over wrangler dev's proxy the client then sees
    // either the 413 or a reset while it is still uploading, as HTTP/1.1
    // allows, so it is not asserted here.)
  });

  test("CORS from the CORS_ALLOWED_ORIGINS Worker variable", async () => {
    const pre = await fetch(w.url + "/api/v1/inspect", { method: "OPTIONS", headers: { origin: ORIGIN, "access-control-request-method": "POST" } });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get("access-control-allow-origin"), ORIGIN);
    const other = await fetch(w.url + "/api/v1/health", { headers: { origin: "https://elsewhere.example" } });
    assert.equal(other.status, 200);
    assert.equal(other.headers.get("access-control-allow-origin"), null);
    const ok = await fetch(w.url + "/api/v1/health", { headers: { origin: ORIGIN } });
    assert.equal(ok.headers.get("access-control-allow-origin"), ORIGIN);
  });

  test("schema: JSON Schema of the report", async () => {
    const r = await fetch(w.url + "/api/v1/schema");
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "application/schema+json");
    const s = await r.json();
    assert.equal(s.$schema, "https://json-schema.org/draft/2020-12/schema");
    assert.ok(s.properties.checks && s.$defs["report.Check"]);
  });

  test("static site: index.html and the wasm with CSP, types and compression", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "dist", "manifest.json"), "utf8"));
    for (const p of ["/", "/index.html"]) {
      const r = await fetch(w.url + p, { headers: { "accept-encoding": "br, gzip" } });
      assert.equal(r.status, 200, p);
      assert.match(r.headers.get("content-type"), /^text\/html/);
      const csp = r.headers.get("content-security-policy") || "";
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
      assert.match(csp, /default-src 'self'/);
      assert.equal(r.headers.get("x-content-type-options"), "nosniff");
      const html = await r.text();
      assert.ok(html.includes(manifest["app.js"]), "index.html does not load the hashed app.js");
    }
    const wasmName = manifest["certinspect.wasm"];
    const raw = fs.readFileSync(path.join(ROOT, "dist", wasmName));
    for (const enc of ["br", "gzip"]) {
      const r = await fetch(`${w.url}/${wasmName}`, { headers: { "accept-encoding": enc } });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("content-type"), "application/wasm");
      assert.equal(r.headers.get("content-encoding"), enc, `wasm not sent ${enc}-compressed`);
      assert.match(r.headers.get("cache-control"), /immutable/);
      assert.match(r.headers.get("content-security-policy") || "", /wasm-unsafe-eval/);
      const body = Buffer.from(await r.arrayBuffer()); // fetch decodes it
      assert.equal(body.length, raw.length);
      assert.ok(body.subarray(0, 4).equals(Buffer.from([0, 0x61, 0x73, 0x6d])), "not a wasm module");
    }
    const js = await fetch(`${w.url}/${manifest["wasm_exec.js"]}`);
    assert.match(js.headers.get("content-type"), /javascript/);
    await js.arrayBuffer();
  });

  test("200 requests, 20 in flight: all 200 (latency)", async (t) => {
    const body = apiBody(CASES[0]);
    const want = JSON.parse(apiBody(CASES[0])).files.length;
    const n = process.env.WORKER_BENCH ? 1000 : 200;
    const lat = { inspect: [], health: [] };
    let next = 0;
    let failed = [];
    const t0 = performance.now();
    async function lane() {
      while (next < n) {
        const i = next++;
        const kind = i % 4 === 3 ? "health" : "inspect";
        const s = performance.now();
        const r = kind === "inspect"
          ? await fetch(w.url + "/api/v1/inspect", { method: "POST", headers: { "content-type": "application/json" }, body })
          : await fetch(w.url + "/api/v1/health");
        const j = await r.json();
        lat[kind].push(performance.now() - s);
        if (r.status !== 200 || (kind === "inspect" && j.inputs.length !== want)) failed.push(`${i}: ${r.status}`);
      }
    }
    await Promise.all(Array.from({ length: 20 }, lane));
    const wall = performance.now() - t0;
    assert.deepEqual(failed, []);
    // Sequential latency (one request at a time), the number that matters per call.
    const seq = { inspect: [], health: [] };
    for (let i = 0; i < (process.env.WORKER_BENCH ? 100 : 20); i++) {
      for (const kind of ["inspect", "health"]) {
        const s = performance.now();
        const r = kind === "inspect"
          ? await fetch(w.url + "/api/v1/inspect", { method: "POST", headers: { "content-type": "application/json" }, body })
          : await fetch(w.url + "/api/v1/health");
        await r.arrayBuffer();
        seq[kind].push(performance.now() - s);
      }
    }
    const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1); };
    t.diagnostic(`${n} requests with 20 in flight in ${wall.toFixed(0)} ms (${(n / wall * 1000).toFixed(0)}/s); ` +
      `inspect median ${q(lat.inspect, 0.5)} ms p95 ${q(lat.inspect, 0.95)}; health median ${q(lat.health, 0.5)} ms`);
    t.diagnostic(`one at a time: inspect median ${q(seq.inspect, 0.5)} ms p95 ${q(seq.inspect, 0.95)}; health median ${q(seq.health, 0.5)} ms p95 ${q(seq.health, 0.95)}`);
  });

  test("wrangler deploy --dry-run bundles the Worker offline", () => {
    const outdir = path.join(tmp, "deploy");
    const out = execFileSync(process.execPath, [WRANGLER, "deploy", "--dry-run", "--outdir", outdir], {
      cwd: ROOT, env: { ...process.env, ...OFFLINE }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
    });
    assert.match(out, /Total Upload: [\d.]+ KiB/);
    assert.match(out, /--dry-run: exiting now/);
    assert.ok(fs.readdirSync(outdir).some((f) => f.endsWith(".wasm")), "no wasm in the bundle");
  });
});
