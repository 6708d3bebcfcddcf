// The standalone page: URL fragment presets (never secrets), the built-in
// examples, Japanese (from the browser's language and by the switch), dates,
// accessibility (axe-core, keyboard only, live region).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { axe, checks, launch, openPage, recordReports, runs, serve, settled, shot } from "./harness.mjs";
import { FIELDS, humanizeKey } from "../web/i18n.js";

let srv, browser;

before(async () => {
  srv = await serve();
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
  if (srv) srv.stop();
});

/** open loads the page with a fragment and waits for its first inspection. */
async function open(fragment, { context = browser.context } = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
  await recordReports(page);
  await page.goto(srv.url + fragment);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  return { page, problems };
}

describe("URL fragment", () => {
  test("#example=…&at=… loads the example and evaluates at that time", async () => {
    const { page, problems } = await open("#example=hostname-mismatch&at=2026-06-01T00:00:00Z");
    await settled(page);
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail");
    assert.deepEqual((await checks(page))["hostname.match"], ["fail"]);
    assert.equal(await page.inputValue("#example"), "hostname-mismatch");
    assert.equal(await page.textContent("#at-utc"), "= 2026-06-01T00:00:00Z (UTC)");
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("#uri= (raw or encoded) fills the connection string; a later hash change applies too", async () => {
    const { page } = await open("#uri=mongodb://db0.example.net/?tls=TRUE&tlsCAFile=ca.pem&at=2026-06-01");
    await settled(page);
    assert.equal(await page.inputValue("#uri"), "mongodb://db0.example.net/?tls=TRUE&tlsCAFile=ca.pem");
    assert.equal(await page.getAttribute("#verdict", "data-status"), "warn");
    const n = await runs(page);
    await page.evaluate(() => { location.hash = "#uri=" + encodeURIComponent("mongodb://db0.example.net/?tls=true&tlsInsecure=true&tlsAllowInvalidHostnames=false"); });
    await settled(page, n);
    assert.deepEqual((await checks(page))["uri.valid"], ["fail"]);
    await page.close();
  });

  test("a connection string with a secret is refused, with a note, and leaves the address bar", async () => {
    for (const uri of [
      "mongodb://alice:Pa55word@db0.example.net/?tls=true",
      "mongodb://db0.example.net/?tls=true&tlsCertificateKeyFilePassword=Key-Pa55",
    ]) {
      const { page } = await open("#uri=" + encodeURIComponent(uri) + "&at=2026-06-01T00:00:00Z");
      const note = page.locator("#preset-note");
      await note.waitFor({ state: "visible" });
      assert.match(await note.textContent(), /not used: it holds a secret/);
      assert.equal(await page.inputValue("#uri"), "", "not applied");
      assert.ok(!page.url().includes("Pa55") && !page.url().includes("#"), `URL still holds it: ${page.url()}`);
      // The rest of the link still applies.
      assert.equal(await page.textContent("#at-utc"), "= 2026-06-01T00:00:00Z (UTC)");
      // Typing one in never writes it to the URL.
      await page.fill("#uri", uri);
      await settled(page);
      assert.ok(!page.url().includes("Pa55"));
      await page.close();
    }
  });

  test("an unknown example and a bad date are reported, not guessed", async () => {
    const { page } = await open("#example=nope&at=yesterday");
    await page.locator("#preset-note").waitFor({ state: "visible" });
    assert.match(await page.textContent("#example-note"), /no example called “nope”/);
    assert.match(await page.textContent("#preset-note"), /date in the link is not valid/);
    await page.close();
  });
});

describe("built-in examples", () => {
  test("each example loads from the menu and fails (or warns) on its own check", async () => {
    const { page, problems } = await open("");
    const want = {
      expired: ["validity.period", "fail"],
      "missing-intermediate": ["chain.trusted", "fail"],
      "hostname-mismatch": ["hostname.match", "fail"],
      revoked: ["crl.revocation", "fail"],
      "key-separate": ["key.present", "fail"],
      "encrypted-key": ["key.decrypt", "fail"],
      "tls-true": ["uri.warning", "warn"],
      "trust-settings": ["chain.trusted", "fail"],
      "tls-insecure": ["uri.valid", "fail"],
    };
    const ids = await page.$$eval("#example option", (os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(ids, Object.keys(want));
    for (const [id, [check, status]] of Object.entries(want)) {
      const n = await runs(page);
      await page.selectOption("#example", id);
      await page.click("#example-load");
      await settled(page, n);
      const events = await page.evaluate(() => window.__reports);
      const last = events.at(-1);
      assert.deepEqual([last.example, last.checkId, last.status], [id, check, status], id);
      assert.ok((await checks(page))[check].includes(status), `${id}: ${check} ${status}`);
      assert.equal(await page.getAttribute("#verdict", "data-status"), status, id);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe("languages", () => {
  test("a Japanese browser gets Japanese labels, a Japanese report and local dates with UTC", async () => {
    const ja = await launch({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });
    try {
      const { page } = await open("#example=expired", { context: ja.context });
      await settled(page);
      assert.equal(await page.getAttribute("html", "lang"), "ja");
      assert.equal(await page.textContent("#inputs-h"), "入力");
      assert.equal(await page.inputValue("#lang"), "ja");
      assert.equal(await page.textContent("#verdict .lead"), "PyMongo は接続できません。");
      assert.match(await page.title(), /PyMongo/);
      const events = await page.evaluate(() => window.__reports);
      assert.equal(events.at(-1).lang, "ja");
      // The timeline: Tokyo time in Japanese form, UTC alongside.
      const dates = await page.textContent(".timeline .tl-dates");
      assert.match(dates, /2026\/0?3\/0?1 9:00 \(2026-03-01 00:00 UTC\)/);
      // The "as of" field is local time; the UTC instant is shown under it.
      assert.equal(await page.textContent("#at-utc"), "= 2026-06-01T00:00:00Z (UTC)");
      // The chain picture and the certificate cards name states in Japanese
      // (core's stateText for a path link, the page's labels for validity).
      const links = await page.$$eval("#sec-chain .link .pill", (ps) => ps.map((p) => p.textContent));
      assert.ok(links.includes("期限切れ"), `chain link states: ${links.join(", ")}`);
      const badges = await page.$$eval("#sec-certs .pill", (ps) => ps.map((p) => p.textContent));
      assert.ok(badges.includes("期限切れ") && badges.includes("有効"), `certificate states: ${badges.join(", ")}`);
      assert.ok(!badges.some((b) => /^(Expired|Valid|Not Yet Valid)$/.test(b)), `English states: ${badges.join(", ")}`);
      await shot(page, "12-japanese");

      // The switch: back to English, labels and report.
      const n = await runs(page);
      await page.selectOption("#lang", "en");
      await settled(page, n);
      assert.equal(await page.textContent("#inputs-h"), "Inputs");
      assert.equal(await page.getAttribute("html", "lang"), "en");
      assert.equal((await page.evaluate(() => window.__reports)).at(-1).lang, "en");
      assert.equal(await page.locator(".chip").count(), 2, "the inputs survive the switch");
      assert.equal(await page.evaluate(() => document.activeElement.id), "lang", "focus stays on the switch");
      await page.close();
    } finally {
      await ja.close();
    }
  });

  test("lang=ja: the generic sections (revocation, all fields) name the report's fields in Japanese", async () => {
    const { page, problems } = await open("#example=revoked&lang=ja");
    await settled(page);
    assert.equal(await page.getAttribute("html", "lang"), "ja");
    // Every field core names, as the page showed it before (the key in words)
    // or in English: none of them may label a Japanese report.
    const english = new Set(Object.keys(FIELDS.en).filter((k) => FIELDS.ja[k] !== FIELDS.en[k]).flatMap((k) => [FIELDS.en[k], humanizeKey(k)]));
    const dts = await page.$$eval("#report dt", (ds) => ds.map((d) => d.textContent));
    assert.ok(dts.length > 20, `only ${dts.length} field names in the report`);
    assert.deepEqual([...new Set(dts.filter((d) => english.has(d)))], [], "English field names on the Japanese page");
    const rev = await page.$$eval("#sec-revocation dt", (ds) => ds.map((d) => d.textContent));
    for (const k of ["signatureValid", "thisUpdate", "nextUpdate", "revocationDate", "reason"]) assert.ok(rev.includes(FIELDS.ja[k]), `revocation section: ${FIELDS.ja[k]} (${k})`);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe("accessibility", () => {
  test("axe: no serious or critical violations, empty and with a full report", async () => {
    const { page } = await openPage(browser.context, srv.url);
    assert.deepEqual(await axe(page), [], "empty page");
    const n = await runs(page);
    await page.selectOption("#example", "revoked");
    await page.click("#example-load");
    await settled(page, n);
    await page.$$eval("#report details", (ds) => ds.forEach((d) => { d.open = true; }));
    assert.deepEqual(await axe(page), [], "with a report");
    await page.emulateMedia({ colorScheme: "dark" });
    assert.deepEqual(await axe(page), [], "dark theme");
    await page.close();
  });

  test("keyboard only: skip link, examples menu, verdict announced, Show the check", async () => {
    const { page } = await openPage(browser.context, srv.url);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip", "the skip link comes first");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "example");
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), "none", "focus is visible");
    const n = await runs(page);
    await page.keyboard.press("ArrowDown"); // the first example: expired
    assert.equal(await page.inputValue("#example"), "expired");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "example-load");
    await page.keyboard.press("Enter");
    await settled(page, n);
    await page.waitForFunction(() => /^PyMongo would not connect\. .*expired/.test(document.getElementById("announce").textContent));
    assert.equal(await page.getAttribute("#announce", "aria-live"), "polite");
    // Tab on to the verdict's "Show the check" and press Space: focus moves to the check.
    let onShow = false;
    for (let i = 0; i < 80 && !onShow; i++) {
      await page.keyboard.press("Tab");
      onShow = await page.evaluate(() => document.activeElement.matches("#verdict button.link"));
    }
    assert.ok(onShow, "Tab reaches Show the check");
    await page.keyboard.press("Space");
    assert.equal(await page.evaluate(() => document.activeElement.closest("[data-check-id]")?.dataset.checkId), "validity.period");
    // Enter on a check's summary toggles it.
    const open = () => page.evaluate(() => document.activeElement.closest("details").open);
    const was = await open();
    await page.keyboard.press("Enter");
    assert.equal(await open(), !was);
    await page.close();
  });
});

describe("the user's inputs are never lost", () => {
  test("the skip link adds no history entry; Back and another link's example keep the user's inputs, with the link's offered and Undo", async () => {
    const { page, problems } = await open("#example=expired");
    let n = await settled(page);
    await page.fill("#error-text", "my own error text");
    n = await settled(page, n);
    const chips = () => page.$$eval(".chip", (cs) => cs.map((c) => c.dataset.name));
    assert.deepEqual(await chips(), ["expired-chain.pem", "ca.pem"]);

    // Skip to the results: focus moves, the address and the history do not change.
    const entries = await page.evaluate(() => history.length);
    await page.focus(".skip");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement.id), "results");
    assert.equal(await page.evaluate(() => location.hash), "#example=expired");
    assert.equal(await page.evaluate(() => history.length), entries, "no history entry");

    // Back to the same link (from any other fragment) does not apply it again.
    await page.evaluate(() => { location.hash = "#results"; });
    await page.evaluate(() => history.back());
    await page.waitForFunction(() => location.hash === "#example=expired");
    await page.waitForTimeout(500);
    assert.equal(await page.inputValue("#error-text"), "my own error text");
    assert.equal(await page.isVisible("#preset-note"), false);

    // Another link's example: the inputs stay, the link's are offered.
    await page.evaluate(() => { location.hash = "#example=revoked"; });
    await page.locator("#preset-apply").waitFor();
    assert.match(await page.textContent("#preset-note"), /yours were kept and nothing was replaced/);
    assert.equal(await page.inputValue("#error-text"), "my own error text");
    assert.deepEqual(await chips(), ["expired-chain.pem", "ca.pem"]);

    // Taking them is undoable.
    n = await runs(page);
    await page.click("#preset-apply");
    n = await settled(page, n);
    assert.deepEqual(await chips(), ["revoked-leaf-chain.pem", "ca.pem", "crl-revoked.pem"]);
    assert.equal(await page.inputValue("#error-text"), "");
    await page.click("#undo");
    await settled(page, n);
    assert.deepEqual(await chips(), ["expired-chain.pem", "ca.pem"]);
    assert.equal(await page.inputValue("#error-text"), "my own error text");
    assert.equal(await page.getAttribute("#verdict", "data-status"), "fail");
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("the examples menu over the user's inputs: replaced with Undo offered", async () => {
    const { page } = await open("");
    await page.fill("#uri", "mongodb://db9.example.net/?tls=true");
    let n = await settled(page);
    await page.selectOption("#example", "tls-true");
    await page.click("#example-load");
    n = await settled(page, n);
    assert.notEqual(await page.inputValue("#uri"), "mongodb://db9.example.net/?tls=true");
    await page.click("#undo");
    await settled(page, n);
    assert.equal(await page.inputValue("#uri"), "mongodb://db9.example.net/?tls=true");
    await page.close();
  });

  test("closing or reloading asks first when the user gave inputs, not for an example", async () => {
    const close = async (page) => {
      let dialog = null;
      page.once("dialog", async (d) => { dialog = d.type(); await d.accept(); });
      const closed = new Promise((r) => page.once("close", r));
      await page.close({ runBeforeUnload: true });
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
      return dialog;
    };
    const a = await open("#example=expired");
    await settled(a.page);
    await a.page.click("#example"); // a user gesture: the browser asks only after one
    assert.equal(await close(a.page), null, "an example's inputs are not the user's");
    const b = await open("");
    await b.page.fill("#uri", "mongodb://db0.example.net/?tls=true");
    assert.equal(await close(b.page), "beforeunload");
  });
});

describe("examples offline", () => {
  test("an example that cannot be fetched says why, not “Failed to fetch”", async () => {
    const { page } = await open("");
    await browser.context.setOffline(true);
    try {
      await page.selectOption("#example", "expired");
      await page.click("#example-load");
      await page.waitForFunction(() => /cannot be reached/.test(document.getElementById("example-note").textContent));
      const note = await page.textContent("#example-note");
      assert.doesNotMatch(note, /Failed to fetch/);
      assert.match(note, /fetched from this site when you choose one.*offline/);
      assert.equal(await page.locator(".chip").count(), 0);
    } finally {
      await browser.context.setOffline(false);
    }
    await page.close();
  });
});

describe("language switch keeps the page as it was", () => {
  test("notes, the chain's labels and states in Japanese; the DNS section stays open", async () => {
    const { page } = await open("#example=revoked&at=2026-06-01T00:00:00Z");
    let n = await settled(page);
    assert.equal(await page.textContent(".chain .issued-by >> nth=0"), "↓ issued by");
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".chain .link"), "::after").content), "none", "no label in the style sheet");
    assert.equal(await page.textContent('.chain .link[data-state="revoked"] .pill'), "revoked");
    await page.click("#dns-more summary");
    await page.focus("#lang");
    await page.keyboard.press("ArrowDown"); // 日本語
    n = await settled(page, n);
    assert.equal(await page.getAttribute("html", "lang"), "ja");
    assert.equal(await page.evaluate(() => document.getElementById("dns-more").open), true, "the DNS section stays open");
    assert.equal(await page.evaluate(() => document.activeElement.id), "lang");
    assert.match(await page.textContent("#example-note"), /^サンプルを読み込みました: /);
    assert.equal(await page.textContent(".chain .issued-by >> nth=0"), "↓ 発行者");
    assert.equal(await page.textContent('.chain .link[data-state="revoked"] .pill'), "失効");
    await page.close();

    const bad = await open("#example=nope&at=yesterday");
    await bad.page.locator("#preset-note").waitFor({ state: "visible" });
    await bad.page.selectOption("#lang", "ja");
    assert.match(await bad.page.textContent("#preset-note"), /リンクの日時が有効でないため無視しました/);
    assert.match(await bad.page.textContent("#example-note"), /というサンプルはありません/);
    await bad.page.close();
  });
});

describe("“As of”", () => {
  test("a half-edited time is invalid, not “now”; the field shows the whole time at 1200 px", async () => {
    const { page } = await open("");
    await page.fill("#uri", "mongodb://db0.example.net/?tls=true");
    const n = await settled(page);
    // The field shows its whole value: as wide as the value needs.
    const widths = await page.$eval("#at", (input) => {
      const probe = input.cloneNode();
      probe.id = "";
      probe.style.fieldSizing = "content";
      probe.style.width = "auto";
      probe.value = "2026-12-31T12:00:00";
      document.body.append(probe);
      const need = probe.getBoundingClientRect().width;
      probe.remove();
      return { need, have: input.getBoundingClientRect().width };
    });
    assert.ok(widths.have >= widths.need, `the field is ${widths.have}px, its value needs ${widths.need}px`);
    // Clear the month only: the value is empty, the field is not.
    await page.focus("#at");
    await page.keyboard.press("Backspace");
    assert.equal(await page.evaluate(() => document.getElementById("at").validity.badInput), true);
    assert.equal(await page.textContent("#at-utc"), "Not a valid date and time");
    await page.waitForFunction(() => /“As of” date is not valid/.test(document.getElementById("report").textContent));
    assert.equal(await runs(page), n, "no run with “now” instead");
    await page.close();
  });
});
