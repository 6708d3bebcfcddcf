// window.certinspect in headless chromium: the same report as the CLI, clear
// rejections, and a main thread that stays responsive during a 1M-entry CRL.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { AT, DIST, PKI, ROOT, checks, fixtures, launch, openPage, runs, serve, setAt, settled, shot } from "./harness.mjs";

let srv, browser, fx, page, version, cli;

before(async () => {
  fx = fixtures();
  srv = await serve();
  browser = await launch();
  ({ page } = await openPage(browser.context, srv.url));
  version = await page.evaluate(() => window.certinspect.version);
  // The CLI, built with the same version string as the page's wasm, so the
  // reports can be compared whole.
  cli = path.join(os.tmpdir(), "certinspect-e2e-cli");
  execFileSync("go", ["build", "-trimpath", "-ldflags", `-X certinspect/core.Version=${version}`, "-o", cli, "./cmd/certinspect"], { cwd: ROOT, stdio: "inherit" });
});
after(async () => {
  if (browser) await browser.close();
  if (srv) srv.stop();
});

/** runCLI runs the CLI in testdata/pki (so file names match) and parses --json. */
function runCLI(args) {
  let out;
  try {
    out = execFileSync(cli, [...args, "--json"], { cwd: PKI, encoding: "utf8", maxBuffer: 64 << 20 });
  } catch (err) {
    // Exit status 1 means "a check failed"; the report is still on stdout.
    if (err.status !== 1) throw err;
    out = err.stdout;
  }
  return JSON.parse(out);
}

/** pageInspect calls window.certinspect.inspect with files read from testdata/pki. */
function pageInspect(request) {
  const files = (request.files || []).map((f) => ({ ...f, data: [...fs.readFileSync(path.join(PKI, f.name))] }));
  return page.evaluate(async (req) => {
    req.files = req.files.map((f) => ({ ...f, data: new Uint8Array(f.data) }));
    return window.certinspect.inspect(req);
  }, { ...request, files });
}

describe("window.certinspect", () => {
  const cases = [
    {
      name: "good chain",
      cli: ["--tlsCAFile", "ca.pem", "--chain", "server-chain.pem", "--host", "db0.example.net", "--at", AT],
      req: { files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "server-chain.pem", role: "serverChain" }], hosts: ["db0.example.net"], at: AT },
      status: "ok",
    },
    {
      name: "expired chain",
      cli: ["--tlsCAFile", "ca.pem", "--chain", "expired-chain.pem", "--at", AT],
      req: { files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "expired-chain.pem", role: "serverChain" }], at: AT },
      status: "fail",
    },
    {
      name: "wrong host, connection string",
      cli: ["--uri", "mongodb://db0.example.net/?tls=true", "--tlsCAFile", "ca.pem", "--chain", "wrong-host-chain.pem", "--at", AT],
      req: { uri: "mongodb://db0.example.net/?tls=true", files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "wrong-host-chain.pem", role: "serverChain" }], at: AT },
      status: "fail",
    },
    {
      name: "missing intermediate",
      cli: ["--tlsCAFile", "ca.pem", "--chain", "missing-intermediate-chain.pem", "--host", "db0.example.net", "--at", AT],
      req: { files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "missing-intermediate-chain.pem", role: "serverChain" }], hosts: ["db0.example.net"], at: AT },
      status: "fail",
    },
    {
      name: "revoked leaf, CRL file",
      cli: ["--tlsCAFile", "ca.pem", "--tlsCRLFile", "revocation/crl-revoked.pem", "--chain", "revocation/revoked-leaf-chain.pem", "--at", AT],
      req: { files: [{ name: "ca.pem", role: "tlsCAFile" }, { name: "revocation/crl-revoked.pem", role: "tlsCRLFile" }, { name: "revocation/revoked-leaf-chain.pem", role: "serverChain" }], at: AT },
      status: "fail",
    },
  ];
  for (const c of cases) {
    test(`inspect() returns the CLI's --json report: ${c.name}`, async () => {
      const want = runCLI(c.cli);
      const got = await pageInspect(c.req);
      assert.deepEqual(got, want);
      assert.equal(got.verdict.status, c.status);
    });
  }

  test("re-runs with the same Uint8Array objects reuse the worker's copy correctly", async () => {
    const ca = [...fs.readFileSync(path.join(PKI, "ca.pem"))];
    const chain = [...fs.readFileSync(path.join(PKI, "server-chain.pem"))];
    const statuses = await page.evaluate(async ([caBytes, chainBytes]) => {
      const ca = new Uint8Array(caBytes), chain = new Uint8Array(chainBytes);
      const at = "2026-06-01T00:00:00Z";
      const trusted = (r) => r.checks.filter((c) => c.id === "chain.trusted").map((c) => c.status).join();
      const out = [];
      const run = async (files) => trusted(await window.certinspect.inspect({ files, at }));
      out.push(await run([{ name: "ca.pem", role: "tlsCAFile", data: ca }, { name: "server-chain.pem", role: "serverChain", data: chain }]));
      // Same objects, ca.pem's role changed: now untrusted.
      out.push(await run([{ name: "ca.pem", role: "serverChain", data: ca }, { name: "server-chain.pem", role: "serverChain", data: chain }]));
      // Only the chain (the worker forgets ca.pem), then both again.
      out.push(await run([{ name: "server-chain.pem", role: "serverChain", data: chain }]));
      out.push(await run([{ name: "ca.pem", role: "tlsCAFile", data: ca }, { name: "server-chain.pem", role: "serverChain", data: chain }]));
      return out;
    }, [ca, chain]);
    assert.deepEqual(statuses, ["pass", "fail", "fail", "pass"]);
  });

  test("bad requests reject with a clear message; the next call works", async () => {
    const results = await page.evaluate(async () => {
      const out = [];
      for (const req of [
        { files: "ca.pem" },
        { files: [{ name: "ca.pem", data: "-----BEGIN CERTIFICATE-----" }] },
        { at: "yesterday" },
        { tlsCAFile: "ca.pem" },
        { files: [{ name: "ca.pem", role: "trust", data: new Uint8Array(3) }] },
      ]) {
        try {
          await window.certinspect.inspect(req);
          out.push("resolved");
        } catch (e) {
          out.push(e.message);
        }
      }
      try {
        await window.certinspect.inspect({ hosts: [() => 1] });
        out.push("resolved");
      } catch (e) {
        out.push(e.message);
      }
      const ok = await window.certinspect.inspect({ at: "2026-06-01T00:00:00Z" });
      out.push(ok.schemaVersion);
      return out;
    });
    assert.match(results[0], /request\.files must be an array/);
    assert.match(results[1], /request\.files\[0\]\.data must be a Uint8Array/);
    assert.match(results[2], /request\.at "yesterday" is not an RFC 3339 date-time/);
    assert.match(results[3], /unknown request field "tlsCAFile"/);
    assert.match(results[4], /role "trust" is not a role/);
    assert.match(results[5], /cannot be sent to the inspector/);
    assert.equal(results[6], 1);
  });
});

describe("serving", () => {
  const get = (p, headers = {}) => new Promise((resolve, reject) => {
    http.get(new URL(p, srv.url), { headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
  const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

  test("dist/ has hashed names, precompressed twins, and the server sends wasm, CSP and encodings right", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, "manifest.json"), "utf8"));
    // Stable names: the page, the embed script, the sample page and the examples' files.
    const stable = (n) => n === "index.html" || n === "embed.js" || n.startsWith("examples/");
    for (const [logical, hashed] of Object.entries(manifest)) {
      if (stable(logical)) {
        assert.equal(hashed, logical);
        const r = await get("/" + hashed);
        assert.equal(r.status, 200, logical);
        assert.equal(r.headers["cache-control"], "no-cache", logical);
        continue;
      }
      assert.match(hashed, /\.[0-9a-f]{10}\.(js|css|wasm|svg)$/, logical);
    }
    const headers = fs.readFileSync(path.join(DIST, "_headers"), "utf8");
    assert.match(headers, /^\/embed\.js\n  Cache-Control: no-cache$/m);
    assert.match(headers, /^\/examples\/data\/ca\.pem\n  Cache-Control: no-cache$/m);
    const wasm = manifest["certinspect.wasm"];
    for (const twin of [".br", ".gz"]) assert.ok(fs.existsSync(path.join(DIST, wasm + twin)), wasm + twin);
    // wasm_exec.js is the Go toolchain's own copy.
    const goroot = execFileSync("go", ["env", "GOROOT"], { encoding: "utf8" }).trim();
    assert.deepEqual(fs.readFileSync(path.join(DIST, manifest["wasm_exec.js"])), fs.readFileSync(path.join(goroot, "lib", "wasm", "wasm_exec.js")));
    // The examples' files are the repository's fixtures, byte for byte.
    assert.deepEqual(fs.readFileSync(path.join(DIST, "examples", "data", "crl-revoked.pem")), fs.readFileSync(path.join(PKI, "revocation", "crl-revoked.pem")));
    // The sample documentation page ships the same CSP.
    const embed = await get("/examples/embed.html");
    assert.ok(embed.body.toString().includes(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`), "embed.html meta CSP");

    const index = await get("/");
    assert.equal(index.status, 200);
    assert.equal(index.headers["content-security-policy"], CSP + "; frame-ancestors 'none'");
    assert.equal(index.headers["x-content-type-options"], "nosniff");
    assert.ok(index.body.toString().includes(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`), "meta CSP");
    assert.ok(index.body.toString().includes(manifest["app.js"]), "index.html loads the hashed app.js");

    const br = await get("/" + wasm, { "Accept-Encoding": "gzip, deflate, br" });
    assert.equal(br.headers["content-type"], "application/wasm");
    assert.equal(br.headers["content-encoding"], "br");
    assert.match(br.headers["cache-control"], /immutable/);
    const gz = await get("/" + wasm, { "Accept-Encoding": "gzip" });
    assert.equal(gz.headers["content-encoding"], "gzip");
    const raw = await get("/" + wasm);
    assert.equal(raw.headers["content-encoding"], undefined);
    assert.deepEqual(raw.body.subarray(0, 4), Buffer.from([0, 0x61, 0x73, 0x6d]));
    assert.equal((await get("/../go.mod")).status, 404);
    assert.equal((await get("/_headers")).status, 404);
  });
});

describe("responsiveness", () => {
  test("progress events from the CRL scan reach the page", async () => {
    // Hand the 27 MB file over through a file input (a local path, no copy via JSON).
    await page.evaluate(() => {
      const i = document.createElement("input");
      i.type = "file";
      i.id = "test-crl";
      i.hidden = true;
      document.body.append(i);
    });
    await page.setInputFiles("#test-crl", path.join(fx, "crl-1m.pem"));
    const events = await page.evaluate(async () => {
      const out = [];
      const f = document.getElementById("test-crl").files[0];
      const files = [{ name: "crl-1m.pem", role: "tlsCRLFile", data: new Uint8Array(await f.arrayBuffer()) }];
      await window.certinspect.inspect({ files, at: "2026-06-01T00:00:00Z" }, { onProgress: (stage, done, total) => out.push([stage, done, total]) });
      return out;
    });
    const scan = events.filter((e) => e[0] === "crl.scan");
    assert.ok(scan.length >= 2, `crl.scan progress events: ${JSON.stringify(events.slice(0, 5))}`);
    const last = scan[scan.length - 1];
    assert.equal(last[1], last[2], "the last crl.scan event says done");
  });

  test("a 1M-entry CRL is checked with no long task over 200 ms on the page", async () => {
    const crl = path.join(fx, "crl-1m.pem");
    const p = (await browser.context.newPage());
    await p.goto(srv.url);
    await p.waitForSelector("body[data-ready=true]");
    await p.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(Math.round(e.duration)); })
        .observe({ type: "longtask" });
      // A heartbeat: the largest gap between timer ticks.
      window.__gap = 0;
      let last = performance.now();
      setInterval(() => { const now = performance.now(); window.__gap = Math.max(window.__gap, now - last); last = now; }, 20);
    });
    await setAt(p);
    await p.fill("#uri", "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem&tlsCRLFile=crl-1m.pem");
    const n = await runs(p);
    const t0 = Date.now();
    await p.setInputFiles("#file-input", [path.join(PKI, "server-chain.pem"), path.join(PKI, "ca.pem"), crl]);
    await settled(p, n);
    const took = Date.now() - t0;
    const { long, gap } = await p.evaluate(() => ({ long: window.__long, gap: Math.round(window.__gap) }));
    console.log(`# 1M-entry CRL (${(fs.statSync(crl).size / 1e6).toFixed(1)} MB): ${took} ms; long tasks ${JSON.stringify(long)}; largest timer gap ${gap} ms`);
    assert.deepEqual(long.filter((d) => d > 200), [], "long tasks over 200 ms");
    assert.ok(gap < 250, `the main thread stalled for ${gap} ms`);

    // The CRL was really read and checked: the server certificate is not on it.
    const chip = await p.locator('.chip[data-name="crl-1m.pem"] .chip-summary').textContent();
    assert.match(chip, /CRL/i);
    assert.deepEqual((await checks(p))["crl.revocation"], ["pass"], "crl.revocation for the leaf");
    assert.equal(await p.getAttribute("#verdict", "data-status"), "ok");
    await shot(p, "07-crl-1m");
    await p.close();
  });
});
