// <cert-inspector> on a documentation page (web/examples/embed.html, served
// from dist/): two instances, one worker, events, style isolation both ways,
// Japanese, attributes, accessibility and keyboard.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { axe, elementSettled, launch, recordReports, serve, shot } from "./harness.mjs";

let srv, browser, page, workers, problems;
const EXPIRED = "#inspector-expired";
const JA = "#inspector-ja";

before(async () => {
  srv = await serve();
  browser = await launch();
  page = await browser.context.newPage();
  workers = [];
  problems = [];
  page.on("worker", (w) => workers.push(w.url()));
  page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  await recordReports(page);
  await page.goto(srv.url + "examples/embed.html");
  await Promise.all([elementSettled(page, EXPIRED), elementSettled(page, JA)]);
});
after(async () => {
  if (browser) await browser.close();
  if (srv) srv.stop();
});

/** inShadow evaluates fn(host) for the element matching sel; fn destructures {shadowRoot}. */
function inShadow(sel, fn, arg) {
  return page.$eval(sel, fn, arg);
}

describe("<cert-inspector> on a documentation page", () => {
  test("both instances work: the preset example and the connection string", async () => {
    assert.equal(await page.locator(`${EXPIRED} #verdict`).getAttribute("data-status"), "fail");
    const verdict = await page.locator(`${EXPIRED} #verdict`).textContent();
    assert.match(verdict, /PyMongo would not connect/);
    assert.match(verdict, /db0\.example\.net/);
    assert.match(verdict, /2026-03-01/);
    // The example's files are shown as chips with their roles.
    const chips = await page.locator(`${EXPIRED} .chip`).evaluateAll((cs) => cs.map((c) => c.dataset.name));
    assert.deepEqual(chips, ["expired-chain.pem", "ca.pem"]);

    // The Japanese instance: tls=TRUE is ignored by PyMongo (a warning).
    assert.equal(await page.locator(`${JA} #verdict`).getAttribute("data-status"), "warn");
    assert.match(await page.locator(`${JA} #verdict .headline`).textContent(), /tls=TRUE/);
    assert.equal(await page.locator(`${JA} #uri`).inputValue(), "mongodb://db0.example.net/?tls=TRUE&tlsCAFile=ca.pem");
    assert.deepEqual(problems, []);
    await shot(page, "10-embed-page");
  });

  test("several instances share one worker (one wasm instance)", async () => {
    assert.equal(workers.length, 1, `workers started: ${workers.join(", ")}`);
    assert.match(workers[0], /inspector-worker\.[0-9a-f]{10}\.js$/);
  });

  test("certinspect:report events bubble out of the shadow roots with the report", async () => {
    const events = await page.evaluate(() => window.__reports);
    const expired = events.filter((e) => e.target === "inspector-expired");
    const ja = events.filter((e) => e.target === "inspector-ja");
    assert.ok(expired.length >= 1 && ja.length >= 1, JSON.stringify(events));
    for (const e of events) assert.ok(e.bubbles && e.composed, "bubbles and composed");
    assert.deepEqual({ status: expired.at(-1).status, checkId: expired.at(-1).checkId, example: expired.at(-1).example, lang: expired.at(-1).lang },
      { status: "fail", checkId: "validity.period", example: "expired", lang: "en" });
    assert.equal(ja.at(-1).status, "warn");
    // The host page's own listener saw them too.
    assert.ok(Number(await page.getAttribute("#last-verdict", "data-events")) >= 2);
    // The element exposes the report it shows.
    assert.equal(await page.evaluate((s) => document.querySelector(s).report.verdict.checkId, EXPIRED), "validity.period");
  });

  test("lang=ja: Japanese labels, and the report asked for in Japanese", async () => {
    assert.equal(await page.locator(`${JA} #inputs-h`).textContent(), "入力");
    assert.equal(await page.locator(`${JA} label[for=uri]`).textContent(), "接続文字列");
    assert.equal(await page.locator(`${JA} #verdict .lead`).textContent(), "PyMongo は接続できますが、警告があります。");
    assert.equal(await inShadow(JA, ({ shadowRoot: root }) => root.querySelector(".ci-app").lang), "ja");
    const events = await page.evaluate(() => window.__reports.filter((e) => e.target === "inspector-ja"));
    assert.equal(events.at(-1).lang, "ja");
    assert.equal(await page.evaluate((s) => document.querySelector(s).report.lang, JA), "ja");
    // The English instance stays English.
    assert.equal(await page.locator(`${EXPIRED} #inputs-h`).textContent(), "Inputs");
  });

  test("styles do not leak in: the host page's button and h2 rules stay outside", async () => {
    // The host page's own elements carry its loud styles...
    const hostStyles = await page.evaluate(() => {
      const cs = (e) => { const s = getComputedStyle(e); return { color: s.color, bg: s.backgroundColor, font: s.fontFamily, size: s.fontSize, transform: s.textTransform, radius: s.borderRadius }; };
      return { h2: cs(document.querySelector("h2")), button: cs(document.querySelector("#doc-button")) };
    });
    assert.equal(hostStyles.h2.color, "rgb(128, 0, 64)");
    assert.equal(hostStyles.h2.transform, "uppercase");
    assert.equal(hostStyles.button.bg, "rgb(128, 0, 64)");
    // ...and the same elements inside the (light) element do not.
    const inner = await inShadow(EXPIRED, ({ shadowRoot: root }) => {
      const cs = (e) => { const s = getComputedStyle(e); return { color: s.color, bg: s.backgroundColor, font: s.fontFamily, size: s.fontSize, transform: s.textTransform, radius: s.borderRadius }; };
      return { h2: cs(root.querySelector("#inputs-h")), button: cs(root.querySelector("#example-load")), text: cs(root.querySelector(".brand")) };
    });
    assert.equal(inner.h2.color, "rgb(28, 30, 33)", "h2 colour from the inspector's sheet");
    assert.equal(inner.h2.size, "20px");
    assert.equal(inner.h2.transform, "none");
    assert.equal(inner.button.bg, "rgb(255, 255, 255)");
    assert.equal(inner.button.radius, "6px");
    for (const k of ["h2", "button", "text"]) assert.doesNotMatch(inner[k].font, /Georgia/, `${k}: inherited font from the host page`);
  });

  test("styles do not leak out: the inspector's sheet is not the page's", async () => {
    const out = await page.evaluate(() => ({
      sheets: [...document.styleSheets].map((s) => (s.href || "").split("/").pop()),
      bodyFont: getComputedStyle(document.body).fontFamily,
      bodyBg: getComputedStyle(document.body).backgroundColor,
      buttonRadius: getComputedStyle(document.querySelector("#doc-button")).borderRadius,
      h2Size: getComputedStyle(document.querySelector("h2")).fontSize,
    }));
    assert.deepEqual(out.sheets, ["embed-page.css"]);
    assert.match(out.bodyFont, /^Georgia/);
    assert.equal(out.bodyBg, "rgb(250, 248, 240)");
    assert.equal(out.buttonRadius, "0px");
    assert.equal(out.h2Size, "30px");
  });

  test("compact: inputs and verdict first, the rest on demand", async () => {
    const state = await inShadow(EXPIRED, ({ shadowRoot: root }) => ({
      full: root.querySelector("details.full-report") ? root.querySelector("details.full-report").open : null,
      checksInside: !!root.querySelector("details.full-report #sec-checks"),
      passwordVisible: root.querySelector("#password").checkVisibility(),
      uriVisible: root.querySelector("#uri").checkVisibility(),
    }));
    assert.deepEqual(state, { full: false, checksInside: true, passwordVisible: false, uriVisible: true });
    // "Show the check" opens the full report at the failing check.
    await page.locator(`${EXPIRED} #verdict button.link`).click();
    assert.equal(await inShadow(EXPIRED, ({ shadowRoot: root }) => root.activeElement && root.activeElement.closest("[data-check-id]").dataset.checkId), "validity.period");
    assert.equal(await inShadow(EXPIRED, ({ shadowRoot: root }) => root.querySelector("details.full-report").open), true);
  });

  test("attributes: theme, lang and example change a live element", async () => {
    const bg = () => page.evaluate((s) => getComputedStyle(document.querySelector(s)).backgroundColor, EXPIRED);
    assert.equal(await bg(), "rgb(251, 251, 250)");
    await page.evaluate((s) => document.querySelector(s).setAttribute("theme", "dark"), EXPIRED);
    assert.equal(await bg(), "rgb(21, 23, 26)");
    await page.evaluate((s) => document.querySelector(s).setAttribute("theme", "light"), EXPIRED);

    // Switching the language re-labels the UI and re-runs the report in Japanese.
    let n = await page.evaluate((s) => Number(document.querySelector(s).dataset.inspections), EXPIRED);
    await page.evaluate((s) => document.querySelector(s).setAttribute("lang", "ja"), EXPIRED);
    n = await elementSettled(page, EXPIRED, n);
    assert.equal(await page.locator(`${EXPIRED} #verdict .lead`).textContent(), "PyMongo は接続できません。");
    assert.equal(await page.evaluate((s) => document.querySelector(s).report.lang, EXPIRED), "ja");
    // The chips (the example's files) survived the re-render.
    assert.equal(await page.locator(`${EXPIRED} .chip`).count(), 2);

    // Another example.
    await page.evaluate((s) => document.querySelector(s).setAttribute("example", "hostname-mismatch"), EXPIRED);
    await page.waitForFunction((s) => {
      const e = document.querySelector(s);
      return e.report && e.report.verdict.checkId === "hostname.match" && e.dataset.busy === "false";
    }, EXPIRED, { timeout: 60000 });
    await page.evaluate((s) => document.querySelector(s).setAttribute("lang", "en"), EXPIRED);
    await elementSettled(page, EXPIRED, n);
    assert.equal(await page.evaluate((s) => document.querySelector(s).report.lang, EXPIRED), "en");
    assert.equal(workers.length, 1, "still one worker");
  });

  test("axe: no serious or critical violations on the documentation page", async () => {
    // With the full report open, so every part of both inspectors is checked.
    await inShadow(EXPIRED, ({ shadowRoot: root }) => root.querySelectorAll("details").forEach((d) => { d.open = true; }));
    const violations = await axe(page);
    assert.deepEqual(violations, []);
  });

  test("keyboard: Tab goes from the page into the element, Enter and Space work", async () => {
    await page.focus("#doc-button");
    const path = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      path.push(await page.evaluate(() => {
        const a = document.activeElement;
        const inner = a && a.shadowRoot ? a.shadowRoot.activeElement : null;
        return a.id + (inner ? ">" + (inner.id || inner.tagName) : "");
      }));
    }
    assert.equal(path[0], "inspector-expired>example", path.join(" "));
    assert.ok(path.includes("inspector-expired>uri"), path.join(" "));
    // The focused control shows a focus ring.
    const outline = await inShadow(EXPIRED, ({ shadowRoot: root }) => getComputedStyle(root.activeElement).outlineStyle);
    assert.notEqual(outline, "none");
    // Keyboard only: pick the "revoked" example and load it with Space.
    await inShadow(EXPIRED, ({ shadowRoot: root }) => root.querySelector("#example").focus());
    const n = await page.evaluate((s) => Number(document.querySelector(s).dataset.inspections), EXPIRED);
    await page.keyboard.press("End");
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowUp"); // the fifth above the last (tls-insecure)
    assert.equal(await page.locator(`${EXPIRED} #example`).inputValue(), "revoked");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    await page.waitForFunction((s) => {
      const e = document.querySelector(s);
      return e.report && e.report.verdict.checkId === "crl.revocation" && e.dataset.busy === "false";
    }, EXPIRED, { timeout: 60000 });
    await elementSettled(page, EXPIRED, n);
    // The verdict is announced through the live region.
    await page.waitForFunction((s) => /PyMongo would not connect\..*revoked/.test(document.querySelector(s).shadowRoot.querySelector("#announce").textContent), EXPIRED);
    const live = await inShadow(EXPIRED, ({ shadowRoot: root }) => [root.querySelector("#announce").getAttribute("role"), root.querySelector("#announce").getAttribute("aria-live")]);
    assert.deepEqual(live, ["status", "polite"]);
    await shot(page, "11-embed-keyboard");
  });
  test("a language switch keeps “More inputs” open and the focus on the switch (compact)", async () => {
    await inShadow(EXPIRED, ({ shadowRoot: root }) => { root.querySelector("#inputs-more").open = true; root.querySelector("#lang").focus(); });
    const n = await page.evaluate((s) => Number(document.querySelector(s).dataset.inspections), EXPIRED);
    await page.keyboard.press("ArrowDown"); // 日本語
    await elementSettled(page, EXPIRED, n);
    const after = await inShadow(EXPIRED, ({ shadowRoot: root }) => [root.querySelector(".ci-app").lang, root.querySelector("#inputs-more").open, root.activeElement && root.activeElement.id]);
    assert.deepEqual(after, ["ja", true, "lang"]);
    await page.keyboard.press("ArrowUp"); // English again
    await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector(".ci-app").lang === "en", EXPIRED);
    assert.equal(await inShadow(EXPIRED, ({ shadowRoot: root }) => root.querySelector("#inputs-more").open), true);
  });

  test("a file dropped anywhere on the element is taken, never opened by the browser", async () => {
    const n = await page.evaluate((s) => Number(document.querySelector(s).dataset.inspections), JA);
    const result = await page.evaluate(async (sel) => {
      const hostEl = document.querySelector(sel);
      const dt = new DataTransfer();
      dt.items.add(new File(["-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n"], "dropped.pem"));
      const fire = (target, type) => target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
      // Outside the drop zone: on the brand line inside, and on the element's own border.
      const brand = hostEl.shadowRoot.querySelector(".brand");
      return { over: !fire(brand, "dragover"), drop: !fire(brand, "drop"), overHost: !fire(hostEl, "dragover") };
    }, JA);
    assert.deepEqual(result, { over: true, drop: true, overHost: true }, "dragover and drop cancelled (defaultPrevented)");
    await elementSettled(page, JA, n);
    const chips = await page.locator(`${JA} .chip`).evaluateAll((cs) => cs.map((c) => c.dataset.name));
    assert.deepEqual(chips, ["dropped.pem"], "the dropped file went to the inputs");
  });
});
