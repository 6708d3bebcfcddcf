// Shared setup for the browser tests: the dist/ server, headless chromium
// (Debian's, driven by playwright-core) with a fresh profile, and generated
// fixtures cached in the temp dir.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PKI = path.join(ROOT, "testdata", "pki");
export const AT = "2026-06-01T00:00:00Z";
export const SHOTS = path.join(ROOT, "e2e", "screenshots");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/**
 * serve starts scripts/serve.mjs on a free port and returns {url, stop}. It
 * serves dist/, or the folder in $CERTINSPECT_DIST (a private build, when
 * other jobs may rebuild dist/ meanwhile).
 */
export const DIST = process.env.CERTINSPECT_DIST ? path.resolve(process.env.CERTINSPECT_DIST) : path.join(ROOT, "dist");

export async function serve() {
  const dist = DIST;
  if (!fs.existsSync(path.join(dist, "index.html"))) throw new Error("dist/ is missing: run make dist (make test-e2e does)");
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "serve.mjs"), "--dir", dist, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let buf = "";
    const t = setTimeout(() => reject(new Error("server did not start: " + buf)), 10000);
    child.stdout.on("data", (d) => {
      buf += d;
      const m = buf.match(/on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(t); resolve(m[1]); }
    });
    child.on("exit", (code) => reject(new Error("server exited " + code)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

/** launch opens a persistent context in a fresh profile directory. */
export async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "certinspect-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    timezoneId: "UTC",
    locale: "en-US",
    acceptDownloads: true,
    viewport: { width: 1200, height: 900 },
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** openPage loads the inspector and waits until the wasm core is ready. */
export async function openPage(context, url, { record } = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  if (record) context.on("request", (r) => record.push({ url: r.url(), method: r.method(), at: Date.now() }));
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  return { page, problems };
}

/** fixtures generates e2e inputs once per generator version into the temp dir. */
export function fixtures() {
  const src = fs.readFileSync(path.join(ROOT, "e2e", "fixtures", "main.go"));
  const dir = path.join(os.tmpdir(), "certinspect-e2e-" + createHash("sha256").update(src).digest("hex").slice(0, 12));
  if (!fs.existsSync(path.join(dir, "crl-1m.pem")) || !fs.existsSync(path.join(dir, "hostile-chain.pem")) || !fs.existsSync(path.join(dir, "ca-bundle-5000.pem"))) {
    execFileSync("go", ["run", "./e2e/fixtures", "-out", dir], { cwd: ROOT, stdio: "inherit" });
  }
  return dir;
}

/** drop simulates dropping files (name → path) on the drop zone. */
export async function drop(page, files) {
  const payload = Object.entries(files).map(([name, p]) => ({ name, b64: fs.readFileSync(p).toString("base64") }));
  const dt = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const { name, b64 } of items) {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], name));
    }
    return dt;
  }, payload);
  await page.dispatchEvent("#drop", "drop", { dataTransfer: dt });
}

/** settled waits until the inspection count passes `after` and returns it. */
export async function settled(page, after = 0) {
  // More runs than before, and none running, pending or scheduled.
  await page.waitForFunction((n) => Number(document.body.dataset.inspections || 0) > n && document.body.dataset.busy === "false",
    after, { timeout: 90000, polling: 50 });
  return page.evaluate(() => Number(document.body.dataset.inspections));
}

export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name + ".png"), fullPage: true });
}

/** runs returns the number of inspections the page has completed. */
export function runs(page) {
  return page.evaluate(() => Number(document.body.dataset.inspections || 0));
}

/** checks maps each check id on the page to its statuses, in page order. */
export function checks(page) {
  return page.evaluate(() => {
    const out = {};
    for (const d of document.querySelectorAll("#report [data-check-id]")) (out[d.dataset.checkId] ||= []).push(d.dataset.status);
    return out;
  });
}

/** setAt sets the "as of" field to an RFC 3339 UTC time (the context runs in UTC). */
export async function setAt(page, iso = AT) {
  await page.fill("#at", iso.replace(/Z$/, "").slice(0, 19));
}

const AXE_SOURCE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");

/**
 * axe runs axe-core (WCAG 2.x A/AA and best practices, open shadow roots
 * included) on the page and returns the serious and critical violations as
 * readable strings. The script goes in through the DevTools protocol, which
 * the page's CSP does not govern; the page itself stays as served.
 */
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(fs.readFileSync(AXE_SOURCE, "utf8"));
  }
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target) + " " + n.failureSummary.replace(/\s+/g, " ")).join(" | ")}`);
  });
}

/** recordReports collects certinspect:report events (set up before the page loads). */
export async function recordReports(page) {
  await page.addInitScript(() => {
    window.__reports = [];
    document.addEventListener("certinspect:report", (e) => {
      const r = e.detail && e.detail.report;
      window.__reports.push({
        target: e.target.id || e.target.tagName.toLowerCase(), bubbles: e.bubbles, composed: e.composed,
        status: r && r.verdict && r.verdict.status, checkId: r && r.verdict && r.verdict.checkId, lang: r && r.lang,
        example: e.detail.example,
      });
    });
  });
}

/** elementSettled waits until the element (a CSS selector) has run more than `after` inspections. */
export async function elementSettled(page, selector, after = 0) {
  await page.waitForFunction(([sel, n]) => {
    const e = document.querySelector(sel);
    return e && Number(e.dataset.inspections || 0) > n && e.dataset.busy === "false";
  }, [selector, after], { timeout: 90000, polling: 50 });
  return page.evaluate((sel) => Number(document.querySelector(sel).dataset.inspections), selector);
}
