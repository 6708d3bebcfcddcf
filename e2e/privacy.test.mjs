// Privacy and the CSP in the real browser, after analysing every kind of key
// file. This widens the safety tests in inspector.test.mjs ("no request leaves
// the page after load; …" checks requests, URL, local/sessionStorage and
// document.cookie for one key; "exported Markdown and JSON hold no key
// material …" checks 40-character lines of two keys in the exports; "a
// certificate subject holding markup renders as text …" checks rendering) to:
// five key files (two encrypted, decrypted with the password), any
// 16-character run of any key's base64 body, and every place a page can keep
// or send something: requests, the DOM with open shadow roots, form values,
// both storages, IndexedDB, Cache Storage, service workers, cookies (page and
// browser context), the URL, the console, and both exports. Then it shows the
// CSP in force: inline script, inline handlers and eval are blocked, with a
// securitypolicyviolation event for each.
//
// Run with `make test-e2e`, or node --test e2e/privacy.test.mjs after make dist
// (CERTINSPECT_DIST=/tmp/dir for a private build).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { PKI, drop, fixtures, launch, openPage, runs, serve, setAt, settled } from "./harness.mjs";

// testdata/gen/client.go ClientPassword: every encrypted client fixture.
const PASSWORD = "correct horse battery staple";

const KEY_FILES = {
  "client-enc-pkcs8.pem": "client/enc-pkcs8-pbkdf2-sha256-aes256.pem", // ENCRYPTED PRIVATE KEY
  "client-enc-legacy.pem": "client/enc-legacy-aes256.pem", // RSA PRIVATE KEY, Proc-Type: 4,ENCRYPTED
  "client-rsa.pem": "client/client-rsa.pem", // RSA PRIVATE KEY
  "client-p256.pem": "client/client-p256.pem", // EC PRIVATE KEY
  "server.key": "server.key", // PRIVATE KEY (PKCS#8)
};
const OTHER_FILES = { "server-chain.pem": "server-chain.pem", "ca.pem": "ca.pem" };

const WINDOW = 16;

/** pemBlocks returns [{type, body}] with body the base64 joined without headers or newlines. */
function pemBlocks(text) {
  const out = [];
  for (const m of text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g)) {
    const lines = m[2].split(/\r?\n/).filter((l) => l && !/^[A-Za-z-]+: /.test(l)); // drop Proc-Type, DEK-Info
    out.push({ type: m[1], body: lines.join("") });
  }
  return out;
}

function windows(s) {
  const set = new Set();
  for (let i = 0; i + WINDOW <= s.length; i++) set.add(s.slice(i, i + WINDOW));
  return set;
}

// Every 16-character run of every key block's base64, less the runs that also
// occur in a certificate we supplied (public bytes such as algorithm OIDs).
const secrets = (() => {
  const keyWins = new Set();
  const publicWins = new Set();
  let keys = 0;
  for (const rel of [...Object.values(KEY_FILES), ...Object.values(OTHER_FILES)]) {
    for (const b of pemBlocks(fs.readFileSync(path.join(PKI, rel), "utf8"))) {
      if (/PRIVATE KEY/.test(b.type)) {
        keys++;
        for (const w of windows(b.body)) keyWins.add(w);
      } else {
        for (const w of windows(b.body)) publicWins.add(w);
      }
    }
  }
  for (const w of publicWins) keyWins.delete(w);
  return { wins: keyWins, keys };
})();

/** leaks returns what of the key material or the password `text` holds. */
function leaks(text) {
  const found = [];
  if (text.includes(PASSWORD)) found.push("the password");
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) found.push("a PEM private key header");
  for (let i = 0; i + WINDOW <= text.length; i++) {
    const w = text.slice(i, i + WINDOW);
    if (secrets.wins.has(w)) { found.push(`key bytes ${JSON.stringify(w)} at ${i}`); break; }
  }
  return found;
}

let srv, browser, fx;

before(async () => {
  fx = fixtures();
  srv = await serve();
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
  if (srv) srv.stop();
});

describe("privacy", () => {
  test("after analysing five key files with a password: no request, and no key bytes or password in the DOM, values, storage, cookies, URL, console or exports", async () => {
    assert.equal(secrets.keys, 5, "one key block per key file");
    assert.ok(secrets.wins.size > 5000, `${secrets.wins.size} secret windows`);
    // The detector finds what it looks for: each key file, and a 16-character run from inside each key.
    for (const rel of Object.values(KEY_FILES)) {
      const text = fs.readFileSync(path.join(PKI, rel), "utf8");
      assert.notDeepEqual(leaks(text), [], rel);
      const body = pemBlocks(text).find((b) => /PRIVATE KEY/.test(b.type)).body;
      assert.notDeepEqual(leaks("…" + body.slice(body.length >> 1, (body.length >> 1) + WINDOW) + "…"), [], `a run from ${rel}`);
    }
    assert.deepEqual(leaks(fs.readFileSync(path.join(PKI, "server-chain.pem"), "utf8")), [], "certificates are not secret");

    // Record from the first request of the page on.
    const requests = [];
    const consoleLines = [];
    const onConsole = (m) => consoleLines.push(`${m.type()}: ${m.text()}`);
    const onRequest = (r) => requests.push(r.url());
    // The context's events cover the page and its worker from the first byte.
    browser.context.on("console", onConsole);
    browser.context.on("request", onRequest);
    const { page, problems } = await openPage(browser.context, srv.url);
    const loaded = requests.length;
    const origin = new URL(srv.url).origin;
    assert.ok(loaded >= 5, `${loaded} requests while loading`);
    for (const u of requests) assert.equal(new URL(u).origin, origin, `load request to ${u}`);

    // The user types the password, sets the time and host, and drops the files.
    await page.fill("#password", PASSWORD);
    await page.fill("#hosts", "db0.example.net");
    await setAt(page);
    const n = await runs(page);
    const files = {};
    for (const [name, rel] of Object.entries({ ...OTHER_FILES, ...KEY_FILES })) files[name] = path.join(PKI, rel);
    await drop(page, files);
    await settled(page, n);

    // The keys were really read: both encrypted ones decrypted with the password.
    const statuses = await page.$$eval("#report [data-check-id]", (ds) => ds.map((d) => `${d.dataset.checkId}:${d.dataset.status}`));
    assert.equal(statuses.filter((s) => s === "key.decrypt:pass").length, 2, statuses.join(" "));
    assert.ok(statuses.filter((s) => s === "key.match:pass").length >= 3, statuses.join(" "));
    assert.ok(statuses.includes("hostname.match:pass") && statuses.includes("chain.trusted:pass"), statuses.join(" "));

    // Every disclosure open, and both exports downloaded.
    await page.$$eval("#report details", (ds) => ds.forEach((d) => { d.open = true; }));
    const exported = {};
    for (const id of ["export-json", "export-md"]) {
      const dl = page.waitForEvent("download");
      await page.click("#" + id);
      const d = await dl;
      exported[d.suggestedFilename()] = fs.readFileSync(await d.path(), "utf8");
    }
    assert.deepEqual(Object.keys(exported).map((k) => path.extname(k)).sort(), [".json", ".md"]);
    await page.waitForTimeout(500);

    // No request after load, other than the exports' own blob: URLs.
    const later = requests.slice(loaded).filter((u) => !u.startsWith("blob:" + origin + "/"));
    assert.deepEqual(later, [], "requests after load");

    const seen = await page.evaluate(async () => {
      const roots = [];
      const walk = (root) => {
        for (const e of root.querySelectorAll("*")) {
          if (e.shadowRoot) { roots.push(e.shadowRoot.innerHTML); walk(e.shadowRoot); }
        }
      };
      walk(document);
      const values = [];
      for (const e of document.querySelectorAll("input, textarea, select")) {
        if (e.type === "file" || e.id === "password") continue;
        values.push(`${e.id || e.name || e.tagName}=${e.value}`);
      }
      const store = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`);
      const dbs = indexedDB.databases ? await indexedDB.databases() : [];
      return {
        dom: document.documentElement.outerHTML,
        shadow: roots,
        text: document.body.innerText,
        values,
        passwordField: document.getElementById("password").value,
        passwordAttr: document.getElementById("password").getAttribute("value"),
        local: store(localStorage),
        session: store(sessionStorage),
        idb: dbs.map((d) => d.name),
        caches: self.caches ? await caches.keys() : [],
        serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
        cookie: document.cookie,
        href: location.href,
        title: document.title,
        historyState: JSON.stringify(history.state),
      };
    });

    // The password is where the user typed it, and nowhere else.
    assert.equal(seen.passwordField, PASSWORD);
    assert.equal(seen.passwordAttr, null, "the password field's value is not an attribute");
    const places = {
      "the DOM": seen.dom, "the shadow roots": seen.shadow.join("\n"), "the page text": seen.text,
      "the form values": seen.values.join("\n"), localStorage: seen.local.join("\n"), sessionStorage: seen.session.join("\n"),
      "the URL": seen.href + "\n" + page.url(), "the title": seen.title, "the history state": seen.historyState,
      "the console": consoleLines.join("\n"), ...exported,
    };
    for (const [where, text] of Object.entries(places)) assert.deepEqual(leaks(text), [], `${where} holds secrets`);
    assert.ok(seen.dom.length > 20000 && exported[Object.keys(exported).find((k) => k.endsWith(".json"))].length > 5000, "the report is on the page and in the export");
    assert.deepEqual([seen.local, seen.session, seen.idb, seen.caches, seen.serviceWorkers, seen.cookie], [[], [], [], [], 0, ""],
      "localStorage, sessionStorage, IndexedDB, Cache Storage, service workers, document.cookie");
    assert.deepEqual(await browser.context.cookies(), [], "the browser context's cookies");
    assert.equal(new URL(seen.href).hash, "", "nothing in the fragment");
    assert.equal(new URL(seen.href).search, "", "nothing in the query");
    assert.deepEqual(problems, []);
    browser.context.off("console", onConsole);
    browser.context.off("request", onRequest);
    await page.close();
  });
});

describe("content security policy", () => {
  test("hostile markup in a file name and a certificate subject runs nothing; inline script, handlers and eval are blocked with a violation report", async () => {
    const { page, problems } = await openPage(browser.context, srv.url);
    // Listen for violations from here on (the listener is the page's only
    // script besides its own; page.evaluate goes through DevTools, not the CSP).
    await page.evaluate(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, disposition: e.disposition });
      });
    });
    const payload = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';
    const n = await runs(page);
    await setAt(page);
    // hostile-chain.pem's leaf: CN <img src=x onerror="window.__pwned=1">, OU …<script>window.__pwned=2</script>.
    await drop(page, { [payload + ".pem"]: path.join(fx, "hostile-chain.pem"), "ca.pem": path.join(PKI, "ca.pem") });
    await settled(page, n);
    await page.$$eval("#report details", (ds) => ds.forEach((d) => { d.open = true; }));
    assert.ok((await page.textContent("#chips")).includes(payload), "the file name is shown as text");
    const shown = await page.textContent("#report");
    assert.ok(shown.includes("\\<script\\>window.__pwned=2\\</script\\>") && shown.includes('onerror=\\"window.__pwned=1\\"'), "the subject is shown as text");
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, "nothing from the input ran");
    assert.deepEqual(await page.evaluate(() => window.__violations), [], "rendering the input tried to run nothing");

    // Now what innerHTML would have done, done on purpose: each is blocked.
    const r = await page.evaluate(async (html) => {
      const script = document.createElement("script");
      script.textContent = "window.__inline = 1";
      document.body.append(script);
      const box = document.createElement("div");
      // The <script> is inert in innerHTML; the onerror is an inline handler
      // (on a data: image that fails to decode, so that nothing is fetched).
      box.innerHTML = html.replace(/__pwned/g, "__handler").replace("src=x", "src=data:,x");
      document.body.append(box);
      const img = document.createElement("img");
      img.setAttribute("onerror", "window.__attr = 1");
      img.src = "data:,x";
      document.body.append(img);
      // DevTools lets code it evaluates use eval (Runtime.evaluate's
      // allowUnsafeEvalBlockedByCSP), so eval is tried from a timer, as the
      // page's own code would.
      const [evalError, fnError] = await new Promise((res) => setTimeout(() => {
        const out = [];
        try { (0, eval)("window.__eval = 1"); out.push(""); } catch (e) { out.push(e.name); }
        try { new Function("window.__fn = 1")(); out.push(""); } catch (e) { out.push(e.name); }
        res(out);
      }, 0));
      await new Promise((res) => setTimeout(res, 500));
      return { inline: window.__inline, handler: window.__handler, attr: window.__attr, evalRan: window.__eval, fnRan: window.__fn, evalError, fnError, violations: window.__violations };
    }, payload);
    assert.equal(r.inline, undefined, "an inline <script> ran");
    assert.equal(r.handler, undefined, "an inline onerror handler ran");
    assert.equal(r.attr, undefined, "an onerror attribute ran");
    assert.deepEqual([r.evalRan, r.fnRan, r.evalError, r.fnError], [undefined, undefined, "EvalError", "EvalError"], "eval and new Function are blocked");
    const directives = r.violations.filter((v) => v.disposition === "enforce").map((v) => `${v.directive} ${v.blocked}`);
    assert.ok(directives.includes("script-src-elem inline"), `no violation for the inline script: ${directives}`);
    assert.ok(directives.filter((d) => d === "script-src-attr inline").length >= 2, `no violation for the inline handlers: ${directives}`);
    assert.ok(directives.filter((d) => d === "script-src eval").length >= 2, `no violation for eval: ${directives}`);
    assert.deepEqual(problems.filter((p) => !/Content Security Policy|Refused to (execute|evaluate)|EvalError/.test(p)), []);
    await page.close();
  });
});
