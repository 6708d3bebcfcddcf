// The inspector page in headless chromium: diagnosis, rendering safety,
// privacy. Run with `make test-e2e` (it builds dist/ and installs what is missing).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { AT, PKI, checks, drop, fixtures, launch, openPage, runs, serve, setAt, settled, shot } from "./harness.mjs";

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

const pki = (name) => path.join(PKI, name);

async function inspectFiles(page, files, { uri, hosts } = {}) {
  const n = await runs(page);
  await setAt(page);
  if (uri !== undefined) await page.fill("#uri", uri);
  if (hosts !== undefined) await page.fill("#hosts", hosts);
  await drop(page, files);
  return settled(page, n);
}

describe("diagnosis", () => {
  test("a good chain with its CA file and a connection string: PyMongo connects", async () => {
    const { page, problems } = await openPage(browser.context, srv.url);
    await inspectFiles(page, { "server-chain.pem": pki("server-chain.pem"), "ca.pem": pki("ca.pem") },
      { uri: "mongodb://db0.example.net:27017,db1.example.net:27017/?tls=true&tlsCAFile=ca.pem&replicaSet=rs0" });

    assert.equal(await page.getAttribute("#verdict", "data-status"), "ok");
    assert.match(await page.textContent("#verdict .lead"), /PyMongo would connect\./);
    const c = await checks(page);
    assert.deepEqual(c["chain.trusted"], ["pass"]);
    assert.ok(c["hostname.match"] && c["hostname.match"].every((s) => s === "pass"), JSON.stringify(c["hostname.match"]));
    assert.deepEqual(c["validity.period"], ["pass"]);

    // The chain drawing: leaf → intermediate → root, every link OK.
    const links = await page.$$eval(".chain .link", (ls) => ls.map((l) => [l.querySelector(".link-label").textContent, l.dataset.state]));
    assert.deepEqual(links, [["db0.example.net", "ok"], ["certinspect Test Intermediate CA", "ok"], ["certinspect Test Root CA", "ok"]]);

    // Host × certificate grid: both URI hosts match.
    const grid = await page.$$eval(".hostgrid td[data-host]", (tds) => tds.map((td) => [td.dataset.host, td.dataset.matched]));
    assert.deepEqual(grid.sort(), [["db0.example.net", "true"], ["db1.example.net", "true"]]);

    // Chips: what each file is, and the role the connection string gave ca.pem.
    const chips = await page.$$eval(".chip", (cs) => cs.map((c) => [c.dataset.name, c.querySelector(".chip-summary").textContent, c.querySelector("select").selectedOptions[0].textContent, c.classList.contains("has-error")]));
    assert.equal(chips.length, 2);
    assert.match(chips[0][1], /2 certificates/);
    assert.match(chips[1][2], /tlsCAFile/);
    assert.ok(chips.every((c) => !c[3]), "no chip shows an error");

    // Timeline: one row per certificate with the "as of" marker.
    assert.equal(await page.locator(".timeline li").count(), 3);
    assert.equal(await page.locator(".timeline .at-marker").count(), 3);
    assert.deepEqual(problems, []);
    await shot(page, "01-good-chain");

    // Progressive disclosure: all fields on demand.
    await page.locator(".cert .allfields summary").first().click();
    assert.match(await page.locator(".cert .allfields").first().textContent(), /Subject key ID/);
    await page.close();
  });

  test("expired-chain.pem with ca.pem at 2026-06-01: fails, naming the expired certificate", async () => {
    const { page } = await openPage(browser.context, srv.url);
    await inspectFiles(page, { "expired-chain.pem": pki("expired-chain.pem"), "ca.pem": pki("ca.pem") });
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail");
    const verdict = await page.textContent("#verdict");
    assert.match(verdict, /PyMongo would not connect/);
    assert.match(verdict, /expired/i);
    assert.match(verdict, /db0\.example\.net/);
    assert.match(verdict, /2026-03-01/);
    assert.match(await page.textContent("#verdict .pyerror"), /CERTIFICATE_VERIFY_FAILED.*certificate has expired/);
    assert.ok((await page.textContent("#verdict .fix")).length > 20, "a first fix is shown");
    assert.deepEqual((await checks(page))["validity.period"], ["fail"]);
    // The failing check is open, the leaf's link is drawn as expired.
    assert.equal(await page.locator('[data-check-id="validity.period"][open]').count(), 1);
    assert.equal(await page.getAttribute(".chain .link >> nth=0", "data-state"), "expired");
    await shot(page, "02-expired-chain");

    // "Show the check" moves focus to the check the headline is about.
    await page.click("#verdict button.link");
    assert.equal(await page.evaluate(() => document.activeElement.closest("[data-check-id]")?.dataset.checkId), "validity.period");
    await page.close();
  });

  test("wrong host: the grid shows the mismatch and the verdict fails", async () => {
    const { page } = await openPage(browser.context, srv.url);
    await inspectFiles(page, { "wrong-host-chain.pem": pki("wrong-host-chain.pem"), "ca.pem": pki("ca.pem") }, { hosts: "db0.example.net" });
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail");
    assert.match(await page.textContent("#verdict"), /Hostname mismatch/);
    assert.deepEqual((await checks(page))["hostname.match"], ["fail"]);
    assert.equal(await page.getAttribute('.hostgrid td[data-host="db0.example.net"]', "data-matched"), "false");
    await shot(page, "03-wrong-host");
    await page.close();
  });

  test("changing a file's role re-runs the report", async () => {
    const { page } = await openPage(browser.context, srv.url);
    await inspectFiles(page, { "server-chain.pem": pki("server-chain.pem"), "ca.pem": pki("ca.pem") });
    assert.deepEqual((await checks(page))["chain.trusted"], ["pass"]);
    const n = await runs(page);
    // Declare ca.pem part of the server chain: nothing is trusted any more
    // except the bundled roots, which do not hold the test root.
    await page.selectOption('.chip[data-name="ca.pem"] select', "serverChain");
    await settled(page, n);
    assert.deepEqual((await checks(page))["chain.trusted"], ["fail"]);
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail");
    await page.close();
  });

  test("a CA file copied out of a Kubernetes secret (base64): PyMongo cannot load it, and the fix decodes it", async () => {
    const { page, problems } = await openPage(browser.context, srv.url);
    const secretValue = path.join(os.tmpdir(), "certinspect-ca.crt.b64");
    fs.writeFileSync(secretValue, fs.readFileSync(pki("ca.pem")).toString("base64"));
    await inspectFiles(page, { "server-chain.pem": pki("server-chain.pem"), "ca.crt": secretValue });
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail");
    assert.match(await page.textContent("#verdict"), /The tlsCAFile does not load/);
    assert.match(await page.textContent("#verdict .pyerror"), /NO_CERTIFICATE_OR_CRL_FOUND/);
    assert.deepEqual((await checks(page))["ca.load"], ["fail"]);
    const check = page.locator('[data-check-id="ca.load"]');
    assert.match(await check.textContent(), /Kubernetes secret/);
    assert.match(await check.locator(".command").first().textContent(), /base64 -d ca\.crt > ca\.pem/);
    // The file's chip says it too.
    const chip = page.locator('.chip[data-name="ca.crt"]');
    assert.ok(await chip.evaluate((c) => c.classList.contains("has-error")), "the chip is marked");
    assert.match(await chip.locator(".chip-load").textContent(), /The tlsCAFile does not load/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("a CA file whose trust settings reject TLS servers: certificate rejected, the settings shown, and the fix", async () => {
    const { page, problems } = await openPage(browser.context, srv.url);
    await inspectFiles(page, { "server-chain.pem": pki("server-chain.pem"), "ca-bundle.trust.crt": pki("trust/root-rejected-serverauth.pem") });
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail");
    assert.match(await page.textContent("#verdict"), /marks the CA certinspect Test Root CA as not trusted for TLS servers/);
    assert.match(await page.textContent("#verdict .pyerror"), /certificate verify failed: certificate rejected/);
    assert.deepEqual((await checks(page))["chain.trusted"], ["fail"]);
    const check = page.locator('[data-check-id="chain.trusted"]');
    assert.match(await check.textContent(), /rejected for serverAuth/);
    assert.match(await check.locator(".command").first().textContent(), /openssl x509 -in ca-bundle\.trust\.crt -out ca-plain\.pem/);
    // The certificate's card shows its trust settings.
    const root = page.locator('#sec-certs article.cert:has(.cert-label:text-is("certinspect Test Root CA"))');
    const row = root.locator("dd.trust-rejected");
    assert.match(await row.textContent(), /rejected for serverAuth \(OpenSSL trust settings in ca-bundle\.trust\.crt\)/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("a server certificate Go's parser refuses (AKI marked critical): OpenSSL's verdict, the certificate shown, and the fix", async () => {
    const { page, problems } = await openPage(browser.context, srv.url);
    await inspectFiles(page, { "server-chain.pem": pki("defect/critical-aki-chain.pem"), "ca.pem": pki("ca.pem") });
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail");
    assert.match(await page.textContent("#verdict"), /marks authorityKeyIdentifier critical/);
    assert.match(await page.textContent("#verdict .pyerror"), /certificate verify failed: unhandled critical extension/);
    assert.deepEqual((await checks(page))["chain.trusted"], ["fail"]);
    const check = page.locator('[data-check-id="chain.trusted"]');
    assert.match(await check.textContent(), /Reissue the server certificate from the CA following RFC 5280/);
    assert.match(await check.locator(".command").first().textContent(), /openssl x509 -noout -text -in server-chain\.pem/);
    // The certificate itself is decoded and on the path, not "unreadable";
    // its card says Go refuses it.
    const card = page.locator('#sec-certs article.cert:has(.cert-label:text-is("db0.example.net"))');
    assert.equal(await card.count(), 1);
    assert.match(await card.locator("dd.go-refuses").textContent(), /authority key identifier incorrectly marked critical\); read here as OpenSSL reads it/);
    assert.deepEqual((await checks(page))["input.read"], undefined);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("a CA file of many certificates: those on the path stay in view, the rest fold away", async () => {
    const { page, problems } = await openPage(browser.context, srv.url);
    // Every fixture chain and CA in one file: a stand-in for a system bundle.
    const bundle = path.join(os.tmpdir(), "certinspect-bundle.pem");
    const parts = fs.readdirSync(PKI).filter((f) => f.endsWith(".pem") && f !== "server.pem").sort().map((f) => fs.readFileSync(pki(f), "utf8"));
    fs.writeFileSync(bundle, parts.join(""));
    await inspectFiles(page, { "server-chain.pem": pki("server-chain.pem"), "bundle.pem": bundle }, { uri: "mongodb://db0.example.net/?tls=true&tlsCAFile=bundle.pem" });
    assert.equal(await page.getAttribute("#verdict", "data-status"), "ok");
    const folded = page.locator("#sec-certs details.certs-more");
    assert.equal(await folded.count(), 1, "the other certificates are folded");
    // The folded cards are built when the fold is opened.
    assert.equal(await folded.locator("article.cert").count(), 0, "folded cards are not built before the fold opens");
    await folded.locator("summary").first().click();
    await folded.locator("article.cert").first().waitFor();
    const all = await page.locator("#sec-certs article.cert").count();
    const inFold = await folded.locator("article.cert").count();
    assert.ok(all > 12 && inFold > 0 && inFold < all, `${inFold} of ${all} folded`);
    assert.match(await folded.locator("summary").first().textContent(), new RegExp(`^${inFold} more certificates of the CA file`));
    // The path (server, intermediate, root) is outside the fold.
    const open = page.locator("#sec-certs > article.cert .cert-label");
    const labels = await open.allTextContents();
    for (const want of ["db0.example.net", "certinspect Test Intermediate CA", "certinspect Test Root CA"]) assert.ok(labels.includes(want), `${want} in view: ${labels}`);
    assert.equal(labels.length + inFold, all);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("a garbage file shows a clear message on its chip", async () => {
    const { page, problems } = await openPage(browser.context, srv.url);
    const garbage = path.join(os.tmpdir(), "certinspect-garbage.bin");
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    fs.writeFileSync(garbage, bytes);
    await inspectFiles(page, { "garbage.bin": garbage });
    const chip = page.locator('.chip[data-name="garbage.bin"]');
    assert.ok(await chip.evaluate((c) => c.classList.contains("has-error")), "the chip is marked as unreadable");
    const msg = (await chip.locator(".chip-error").first().textContent()).trim();
    assert.ok(msg.length > 15, `a readable message, got ${JSON.stringify(msg)}`);
    assert.match(msg, /PEM|DER|certificate/, "the message says what the file is not");
    // Its advice comes with a command to copy.
    assert.ok(await chip.locator(".command button.copy").count() >= 1, "a copyable command on the chip");
    // The verdict's first fix introduces its command ("…, run:"); the report
    // carries the command in the fix's text, the page shows it once, to copy.
    const fix = (await page.textContent("#verdict .fix")).trim();
    assert.match(fix, /:$/, `the fix ends where its command starts: ${fix}`);
    assert.doesNotMatch(fix, /openssl/);
    assert.match(await page.textContent("#verdict .command"), /openssl asn1parse -inform DER -in garbage\.bin/);
    assert.deepEqual(problems, []);
    await shot(page, "04-garbage");
    await page.close();
  });

  test("a paste of a connection string, PEM and an error message goes to the right place", async () => {
    const { page } = await openPage(browser.context, srv.url);
    await setAt(page);
    await page.fill("#paste", "mongodb://db0.example.net/?tls=true");
    await page.click("#paste-add");
    assert.equal(await page.inputValue("#uri"), "mongodb://db0.example.net/?tls=true");
    const n = await runs(page);
    await page.fill("#paste", fs.readFileSync(pki("server-chain.pem"), "utf8"));
    await page.click("#paste-add");
    await page.fill("#paste", "pymongo.errors.ServerSelectionTimeoutError: db0.example.net:27017: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)");
    await page.click("#paste-add");
    await settled(page, n);
    assert.match(await page.inputValue("#error-text"), /unable to get local issuer certificate/);
    assert.equal(await page.locator(".chip").count(), 1);
    assert.match(await page.textContent(".chip .chip-summary"), /2 certificates/);
    // A CA certificate pasted from a mail reply ("> " on every line): the
    // quoting may be the copy's, so PyMongo's load of such a file is a
    // warning, and the certificate is trusted.
    const m = await runs(page);
    const quoted = fs.readFileSync(pki("ca.pem"), "utf8").trimEnd().split("\n").map((l) => "> " + l).join("\n");
    await page.fill("#paste", quoted);
    await page.click("#paste-add");
    await settled(page, m);
    assert.deepEqual((await checks(page))["ca.load"], ["warn"]);
    assert.deepEqual((await checks(page))["chain.trusted"], ["pass"]);
    assert.match(await page.textContent('[data-check-id="ca.load"]'), /looks like this paste/);
    await page.close();
  });
});

describe("files", () => {
  test("an entry that cannot be read (a folder) is named in a note; the readable files of the same drop are added", async () => {
    const { page, problems } = await openPage(browser.context, srv.url);
    // A folder dropped or chosen is a File whose read rejects, as this one's does.
    await page.evaluate(() => {
      const read = Blob.prototype.arrayBuffer;
      File.prototype.arrayBuffer = function () {
        return this.name === "certs" ? Promise.reject(new DOMException("A requested file or directory could not be found.", "NotFoundError")) : read.call(this);
      };
    });
    const n = await runs(page);
    await setAt(page);
    await drop(page, { "server-chain.pem": pki("server-chain.pem"), certs: pki("ca.pem"), "ca.pem": pki("ca.pem") });
    await settled(page, n);
    assert.deepEqual(await page.$$eval(".chip", (cs) => cs.map((c) => c.dataset.name)), ["server-chain.pem", "ca.pem"]);
    const note = page.locator("#file-note");
    assert.ok(await note.isVisible());
    assert.match(await note.textContent(), /^Not added: “certs” could not be read \(a folder.*Drop the files themselves/);
    assert.deepEqual(problems, [], "no unhandled rejection");
    await page.close();
  });

  test("a corrected file under the same name: replace the earlier one, or remove it and the new one gets its name back", async () => {
    const { page, problems } = await openPage(browser.context, srv.url);
    const uri = "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem";
    await inspectFiles(page, { "server-chain.pem": pki("server-chain.pem"), "ca.pem": pki("other-ca.pem") }, { uri });
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail");
    const names = () => page.$$eval(".chip", (cs) => cs.map((c) => c.dataset.name));

    // The same bytes again are not a second file.
    let n = await runs(page);
    await drop(page, { "ca.pem": pki("other-ca.pem") });
    assert.match(await page.textContent("#file-note"), /already there with the same content/);
    assert.deepEqual(await names(), ["server-chain.pem", "ca.pem"]);

    // The corrected file: "ca.pem (2)" while the old one is there, with an offer to replace it.
    await drop(page, { "ca.pem": pki("ca.pem") });
    n = await settled(page, n);
    assert.deepEqual(await names(), ["server-chain.pem", "ca.pem", "ca.pem (2)"]);
    const replace = page.locator('.chip[data-name="ca.pem (2)"] .chip-replace');
    assert.equal(await replace.textContent(), "Replace the earlier ca.pem with this one");
    await replace.click();
    n = await settled(page, n);
    assert.deepEqual(await names(), ["server-chain.pem", "ca.pem"]);
    assert.equal(await page.getAttribute("#verdict", "data-status"), "ok", "the corrected ca.pem is the tlsCAFile");

    // Or: remove the old one; the new one takes its name back.
    await drop(page, { "ca.pem": pki("other-ca.pem") });
    n = await settled(page, n);
    assert.deepEqual(await names(), ["server-chain.pem", "ca.pem", "ca.pem (2)"]);
    await page.click('.chip[data-name="ca.pem"] .chip-remove');
    await settled(page, n);
    assert.deepEqual(await names(), ["server-chain.pem", "ca.pem"]);
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail", "the remaining ca.pem (the other CA) is the tlsCAFile");
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("keyboard focus survives the chips' re-render: a role changed with the arrow keys, a file removed with ×", async () => {
    const { page } = await openPage(browser.context, srv.url);
    await inspectFiles(page, { "server-chain.pem": pki("server-chain.pem"), "ca.pem": pki("ca.pem"), "other-ca.pem": pki("other-ca.pem") });
    const focused = () => page.evaluate(() => {
      const a = document.activeElement;
      return [a.closest(".chip") ? a.closest(".chip").dataset.name : null, a.className || a.id];
    });
    let n = await runs(page);
    await page.focus('.chip[data-name="ca.pem"] select');
    await page.keyboard.press("ArrowDown");
    n = await settled(page, n);
    assert.deepEqual(await focused(), ["ca.pem", "role"]);
    await page.focus('.chip[data-name="server-chain.pem"] .chip-remove');
    await page.keyboard.press("Enter");
    n = await settled(page, n);
    assert.deepEqual(await focused(), ["ca.pem", "chip-remove"], "the next file's ×");
    await page.focus('.chip[data-name="other-ca.pem"] .chip-remove');
    await page.keyboard.press("Enter");
    n = await settled(page, n);
    assert.deepEqual(await focused(), ["ca.pem", "chip-remove"], "the previous file's × after the last one");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll(".chip").length === 0);
    assert.equal(await page.evaluate(() => document.activeElement.id), "file-input");
    await page.close();
  });
});

describe("a CA bundle of 5,000 certificates", () => {
  test("the report stays small until asked for, and a run can be cancelled with the inputs kept", async () => {
    const { page, problems } = await openPage(browser.context, srv.url);
    const uri = "mongodb://db0.example.net/?tls=true&tlsCAFile=bundle.pem";
    const files = { "server-chain.pem": pki("server-chain.pem"), "bundle.pem": path.join(fx, "ca-bundle-5000.pem") };
    await inspectFiles(page, files, { uri });
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail", "the bundle does not hold the test root");
    const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
    assert.ok(nodes < 5000, `${nodes} elements after the report`);
    // The folded certificates are built when opened.
    const fold = page.locator("#certs-more");
    assert.match(await fold.locator("summary").textContent(), /^5[0-9]{3} more certificates/);
    await fold.locator("summary").click();
    assert.ok(await fold.locator("article.cert").count() >= 5000);

    // A new run (the host names change) cancelled while it runs.
    const n = await runs(page);
    await page.fill("#hosts", "db1.example.net");
    await page.locator("#cancel-run").waitFor({ state: "visible", timeout: 20000 });
    await page.click("#cancel-run");
    await page.waitForFunction(() => document.body.dataset.busy === "false");
    assert.match(await page.textContent("#report"), /The run was cancelled\. Your inputs are kept/);
    assert.equal(await runs(page), n, "the cancelled run rendered nothing");
    assert.deepEqual(await page.$$eval(".chip", (cs) => cs.map((c) => c.dataset.name)), ["server-chain.pem", "bundle.pem"]);
    assert.equal(await page.inputValue("#uri"), uri);
    assert.equal(await page.inputValue("#hosts"), "db1.example.net");
    assert.equal(await page.isVisible("#progress"), false);
    // Run again: the fresh worker gets the files again.
    await page.click("#run-again");
    await settled(page, n);
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail");
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe("safety", () => {
  test("a certificate subject holding markup renders as text and runs nothing", async () => {
    const { page, problems } = await openPage(browser.context, srv.url);
    await page.evaluate(() => { window.__pwned = 0; });
    // The file name is hostile too.
    const hostileName = '<img src=x onerror="window.__pwned=3">\u202Egnp.pem';
    await inspectFiles(page, { [hostileName]: path.join(fx, "hostile-chain.pem"), "ca.pem": pki("ca.pem") });
    const report = page.locator("#report");
    assert.ok((await page.textContent("#chips")).includes('<img src=x onerror="window.__pwned=3">'), "the file name is shown literally");
    assert.equal(await page.locator("#chips .ctl").count() >= 1, true, "the override in the file name is marked");
    // Open every disclosure so every field is in the DOM and visible.
    await page.$$eval("#report details", (ds) => ds.forEach((d) => { d.open = true; }));
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__pwned), 0, "no injected handler ran");
    assert.equal(await page.locator("#report img, #report script, #report b, #chips img").count(), 0, "no element came from an input");
    const txt = await report.textContent();
    assert.ok(txt.includes('<img src=x onerror="window.__pwned=1">'), "the subject is shown literally");
    // The right-to-left override and the escape character are shown as marks.
    const marks = await page.$$eval("#report .ctl", (ms) => [...new Set(ms.map((m) => m.textContent))]);
    assert.ok(marks.includes("⟨U+202E⟩"), `bidi override marked: ${marks}`);
    assert.ok(marks.includes("⟨U+001B⟩"), `escape marked: ${marks}`);
    assert.equal(await page.evaluate(() => document.getElementById("report").textContent.includes("\u202E")), false, "no live bidi override in the page");
    assert.deepEqual(problems, []);
    await shot(page, "05-hostile-subject");
    await page.close();
  });

  test("no request leaves the page after load; inputs stay out of the URL and storage", async () => {
    const requests = [];
    const { page } = await openPage(browser.context, srv.url, { record: requests });
    const loaded = requests.length;
    // Everything up to ready came from our own origin.
    const origin = new URL(srv.url).origin;
    for (const r of requests) assert.equal(new URL(r.url).origin, origin, `load request to ${r.url}`);

    await page.fill("#password", "hunter2-Secret!");
    await inspectFiles(page, {
      "server-chain.pem": pki("server-chain.pem"), "ca.pem": pki("ca.pem"),
      "client.pem": pki("client/enc-pkcs8-pbkdf2-sha256-aes256.pem"),
    }, { uri: "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem&tlsCertificateKeyFile=client.pem" });
    // Exports are local too.
    const dl = page.waitForEvent("download");
    await page.click("#export-json");
    await (await dl).path();
    await page.$$eval("#report details", (ds) => ds.forEach((d) => { d.open = true; }));
    await page.waitForTimeout(500);

    const after = requests.slice(loaded).filter((r) => !/^(blob|data):/.test(r.url));
    assert.deepEqual(after, [], "requests after load");
    assert.ok(!page.url().includes("hunter2") && !page.url().includes("?"), "nothing in the URL");
    const stored = await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);
    assert.deepEqual(stored, [0, 0, ""]);
    await page.close();
  });

  test("exported Markdown and JSON hold no key material and no password", async () => {
    const { page } = await openPage(browser.context, srv.url);
    const password = "correct horse battery staple";
    await page.fill("#password", password);
    const keyFile = pki("client/enc-pkcs8-pbkdf2-sha256-aes256.pem");
    const plainKey = pki("server.key");
    await inspectFiles(page, {
      "client.pem": keyFile, "server.pem": pki("server.pem"), "server.key": plainKey, "ca.pem": pki("ca.pem"),
    }, { uri: "mongodb://alice:Uri-Pa55word@db0.example.net/?tls=true&tlsCAFile=ca.pem&tlsCertificateKeyFile=client.pem&tlsCertificateKeyFilePassword=Uri-KeyPa55" });

    const exported = {};
    for (const id of ["export-md", "export-json"]) {
      const dl = page.waitForEvent("download");
      await page.click("#" + id);
      const d = await dl;
      exported[d.suggestedFilename()] = fs.readFileSync(await d.path(), "utf8");
    }
    const names = Object.keys(exported);
    assert.ok(names.some((n) => n.endsWith(".md")) && names.some((n) => n.endsWith(".json")), names.join());
    // Every base64 line of both key files (64-char PEM body lines).
    const keyLines = [keyFile, plainKey].flatMap((f) => fs.readFileSync(f, "utf8").split("\n").filter((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l)));
    assert.ok(keyLines.length > 10);
    for (const [name, body] of Object.entries(exported)) {
      assert.ok(body.length > 200, `${name} has content`);
      // Naming a block ("pemType": "PRIVATE KEY") is fine; a PEM block is not.
      assert.ok(!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(body), `${name} holds a PEM key block`);
      for (const secret of [password, "Uri-Pa55word", "Uri-KeyPa55"]) assert.ok(!body.includes(secret), `${name} holds a password`);
      for (const l of keyLines) assert.ok(!body.includes(l.slice(0, 40)), `${name} holds key bytes`);
    }
    const md = exported[names.find((n) => n.endsWith(".md"))];
    assert.match(md, /^# certinspect report/);
    assert.match(md, /client\.pem/);
    await page.close();
  });
});

describe("layout", () => {
  test("readable at 320 px in the dark theme, keyboard reachable", async () => {
    const { page } = await openPage(browser.context, srv.url);
    await page.setViewportSize({ width: 320, height: 700 });
    await page.emulateMedia({ colorScheme: "dark" });
    await inspectFiles(page, { "expired-chain.pem": pki("expired-chain.pem"), "ca.pem": pki("ca.pem") });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px at 320px`);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, "rgb(21, 23, 26)", "dark background follows the system");
    // Tab from the top reaches the connection string, the file picker and the checks.
    const reached = new Set();
    await page.focus("body");
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      reached.add(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName + (document.activeElement.closest("[data-check-id]") ? ":check" : "")));
    }
    for (const want of ["uri", "file-input", "paste", "password", "at", "SUMMARY:check"]) assert.ok(reached.has(want), `Tab reaches ${want}: ${[...reached]}`);
    await shot(page, "06-mobile-dark");
    await page.close();
  });
});
