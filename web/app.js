// certinspect page: gathers inputs, runs the inspector (in a Web Worker) and
// renders the report. Everything that comes from an input is rendered as text
// (textContent / attribute setters), never as markup; control characters and
// bidirectional overrides are shown as visible marks.
import { inspect, ready } from "./certinspect.js";

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------
// Safe text rendering

// Characters that can hide or reorder text: C0/C1 controls (but tab/newline),
// DEL, bidi embeddings/overrides/isolates, marks, zero-width characters, BOM,
// line/paragraph separators.
const SUSPECT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/;
const SUSPECT_G = new RegExp(SUSPECT.source, "g");
const CHAR_NAMES = {
  0x200b: "ZERO WIDTH SPACE", 0x200c: "ZERO WIDTH NON-JOINER", 0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK", 0x200f: "RIGHT-TO-LEFT MARK", 0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING", 0x202c: "POP DIRECTIONAL FORMATTING", 0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE", 0x061c: "ARABIC LETTER MARK",
  0xfeff: "BYTE ORDER MARK", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR", 0x0000: "NULL",
  0x001b: "ESCAPE", 0x007f: "DELETE",
};
const hex4 = (c) => "U+" + c.toString(16).toUpperCase().padStart(4, "0");

/** text(s) returns a fragment showing s literally, with suspect characters marked. */
function text(value) {
  const s = value === undefined || value === null ? "" : String(value);
  const frag = document.createDocumentFragment();
  if (!SUSPECT.test(s)) {
    frag.append(document.createTextNode(s));
    return frag;
  }
  let last = 0;
  for (const m of s.matchAll(SUSPECT_G)) {
    if (m.index > last) frag.append(document.createTextNode(s.slice(last, m.index)));
    const code = m[0].codePointAt(0);
    const mark = document.createElement("span");
    mark.className = "ctl";
    mark.textContent = "⟨" + hex4(code) + "⟩";
    mark.title = (CHAR_NAMES[code] || "control character") + " (" + hex4(code) + ") — hidden or reordering character in the input";
    frag.append(mark);
    last = m.index + m[0].length;
  }
  if (last < s.length) frag.append(document.createTextNode(s.slice(last)));
  return frag;
}

/** plain(s) is s with suspect characters written as ⟨U+XXXX⟩ (for exports). */
function plain(value) {
  const s = value === undefined || value === null ? "" : String(value);
  return s.replace(SUSPECT_G, (c) => "⟨" + hex4(c.codePointAt(0)) + "⟩");
}

/** el(tag, props, ...children): children are nodes or strings (as text). */
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k in node && typeof v !== "string") node[k] = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : text(c));
  }
  return node;
}

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const arr = (v) => (Array.isArray(v) ? v : []);
const str = (v) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

// ---------------------------------------------------------------------------
// State: inputs live only here, in memory.

const state = {
  files: [], // {key, name, role, data: Uint8Array}
  report: null,
  error: "",
  running: false,
  pending: false,
  runSeq: 0,
};
let fileKey = 0;

function uniqueName(name) {
  const base = name || "file";
  let n = base;
  for (let i = 2; state.files.some((f) => f.name === n); i++) n = `${base} (${i})`;
  return n;
}

async function addFiles(fileList) {
  const list = [...fileList];
  for (const f of list) {
    performance.mark("certinspect:read-start");
    const data = new Uint8Array(await f.arrayBuffer());
    performance.measure("certinspect:read " + f.size, "certinspect:read-start");
    state.files.push({ key: ++fileKey, name: uniqueName(f.name), role: "auto", data });
  }
  renderChips();
  schedule();
}

function addText(name, s) {
  state.files.push({ key: ++fileKey, name: uniqueName(name), role: "auto", data: new TextEncoder().encode(s) });
  renderChips();
  schedule();
}

// ---------------------------------------------------------------------------
// "As of"

function pad(n) { return String(n).padStart(2, "0"); }
function toLocalInput(d) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
function atISO() {
  const v = $("at").value;
  const d = v ? new Date(v) : new Date();
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
function showAtUTC() {
  const iso = atISO();
  $("at-utc").textContent = iso ? "= " + iso + " (UTC)" : "Not a valid date and time";
}

// ---------------------------------------------------------------------------
// Running

function buildRequest() {
  const hosts = $("hosts").value.split(/[\s,;]+/).map((h) => h.trim()).filter(Boolean);
  const req = {
    uri: $("uri").value.trim(),
    files: state.files.map((f) => ({ name: f.name, role: f.role, data: f.data })),
    keyPassword: $("password").value,
    hosts,
    at: atISO(),
    errorText: $("error-text").value,
    dnsAnswer: $("dns").value,
    lang: $("lang").value,
  };
  for (const k of Object.keys(req)) {
    if (req[k] === "" || req[k] === null || (Array.isArray(req[k]) && req[k].length === 0 && k !== "files")) delete req[k];
  }
  return req;
}

let timer = 0;
let timerPending = false;
function setBusy() {
  document.body.dataset.busy = String(state.running || state.pending || timerPending);
}
function schedule(delay = 200) {
  clearTimeout(timer);
  timerPending = true;
  setBusy();
  timer = setTimeout(() => { timerPending = false; run(); }, delay);
}

async function run() {
  if (state.running) { state.pending = true; setBusy(); return; }
  const hasInput = state.files.length || $("uri").value.trim() || $("error-text").value.trim();
  if (!hasInput) { state.report = null; state.error = ""; renderReport(); setBusy(); return; }
  const request = buildRequest();
  if (!request.at) { state.error = "The “As of” date is not valid."; renderReport(); setBusy(); return; }
  state.running = true;
  const seq = ++state.runSeq;
  const started = performance.now();
  const slow = setTimeout(() => showProgress("Inspecting…", 0, 0), 300);
  try {
    performance.mark("certinspect:inspect-start");
    const report = await inspect(request, { onProgress: (stage, done, total) => showProgress(stage, done, total) });
    performance.measure("certinspect:inspect", "certinspect:inspect-start");
    state.report = report;
    state.error = "";
    document.body.dataset.inspections = String(seq);
    document.body.dataset.lastRunMs = String(Math.round(performance.now() - started));
  } catch (err) {
    state.error = err && err.message ? err.message : String(err);
  } finally {
    clearTimeout(slow);
    state.running = false;
    hideProgress();
  }
  performance.mark("certinspect:render-start");
  renderChips();
  renderReport();
  performance.measure("certinspect:render", "certinspect:render-start");
  if (state.pending) { state.pending = false; run(); } else setBusy();
}

function showProgress(stage, done, total) {
  $("progress").hidden = false;
  const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : null;
  $("progress-text").textContent = STAGES[stage] ? STAGES[stage] + (pct !== null ? ` ${pct}%` : "") :
    str(stage) + (total > 0 ? ` ${done.toLocaleString()} / ${total.toLocaleString()}` : "");
  const bar = $("progress-bar");
  if (total > 0) { bar.max = total; bar.value = done; } else { bar.removeAttribute("value"); }
}
function hideProgress() { $("progress").hidden = true; }
const STAGES = { "crl.scan": "Reading the CRLs…", "crl.signature": "Checking CRL signatures…", ocsp: "Checking the OCSP response…", decode: "Reading the files…" };

// ---------------------------------------------------------------------------
// File chips

const ROLES = [
  ["auto", "Auto-detect"],
  ["serverChain", "Server chain (what the server presents)"],
  ["tlsCAFile", "tlsCAFile (trusted CAs)"],
  ["tlsCertificateKeyFile", "tlsCertificateKeyFile (client cert + key)"],
  ["tlsCRLFile", "tlsCRLFile (CRL)"],
  ["ocspResponse", "OCSP response"],
];
const ROLE_SOURCES = { uri: "from the connection string", sniffed: "detected", user: "chosen" };

function inputFor(file, index) {
  const inputs = arr(state.report && state.report.inputs);
  return inputs.find((i) => i && i.name === file.name) || (inputs[index] && inputs[index].name === undefined ? inputs[index] : null);
}

function formatSize(n) {
  if (n < 1024) return n + " B";
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + " KiB";
  return (n / 1024 / 1024).toFixed(1) + " MiB";
}

function renderChips() {
  const ul = $("chips");
  ul.replaceChildren();
  state.files.forEach((f, i) => {
    const info = inputFor(f, i);
    const errors = arr(info && info.errors);
    const unsupported = arr(info && info.unsupported);
    const unreadable = info && (errors.length || unsupported.length || info.format === "binary" || info.format === "empty" || arr(info.items).length === 0);
    const selId = `role-${f.key}`;
    const select = el("select", { id: selId, class: "role", "aria-label": `Role of ${plain(f.name)}` },
      ROLES.map(([v, label]) => {
        let l = label;
        if (v === "auto" && info && info.role && info.role !== "auto" && f.role === "auto") {
          l = `Auto: ${info.role}` + (ROLE_SOURCES[info.roleSource] ? ` (${ROLE_SOURCES[info.roleSource]})` : "");
        }
        return el("option", { value: v, selected: f.role === v }, l);
      }));
    select.addEventListener("change", () => { f.role = select.value; schedule(0); });
    const remove = el("button", { type: "button", class: "chip-remove", "aria-label": `Remove ${plain(f.name)}` }, "×");
    remove.addEventListener("click", () => {
      state.files = state.files.filter((x) => x !== f);
      renderChips();
      schedule(0);
    });
    const summary = info ? str(info.summary) || (info.format ? `${info.format}` : "") : (state.report ? "" : "…");
    const li = el("li", { class: "chip" + (unreadable ? " has-error" : ""), dataset: { name: f.name } },
      el("div", { class: "chip-head" },
        el("span", { class: "chip-name" }, f.name),
        el("span", { class: "chip-size" }, formatSize(f.data.length)),
        remove),
      el("div", { class: "chip-summary" }, summary),
      el("div", { class: "chip-role" }, el("label", { for: selId, class: "visually-hidden" }, "Role"), select),
      errors.concat(unsupported).map((e) => el("div", { class: "chip-error", role: "note" },
        e.location ? el("span", { class: "loc" }, e.location + ": ") : null,
        str(e.message),
        e.advice ? el("div", { class: "advice" }, e.advice) : null,
        e.command ? commandBlock(e.command) : null)),
      unreadable && !errors.length && !unsupported.length
        ? el("div", { class: "chip-error", role: "note" }, info.format === "empty"
          ? "This file is empty."
          : "Nothing readable was found in this file: no certificate, key, CRL or OCSP response. Check that it is the file the customer meant to send.")
        : null);
    ul.append(li);
  });
}

// ---------------------------------------------------------------------------
// Copy helpers

async function copy(textValue, button) {
  let ok = false;
  try {
    await navigator.clipboard.writeText(textValue);
    ok = true;
  } catch (_) {
    const ta = el("textarea", { class: "offscreen", readonly: true });
    ta.value = textValue;
    document.body.append(ta);
    ta.select();
    try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
    ta.remove();
  }
  if (button) {
    const old = button.textContent;
    button.textContent = ok ? "Copied" : "Copy failed";
    setTimeout(() => { button.textContent = old; }, 1200);
  }
}

function commandBlock(cmd) {
  const btn = el("button", { type: "button", class: "copy" }, "Copy");
  btn.addEventListener("click", () => copy(str(cmd), btn));
  return el("div", { class: "command" }, el("pre", null, el("code", null, cmd)), btn);
}

// ---------------------------------------------------------------------------
// Report rendering

const GROUPS = [
  ["uri", "Connection string", (id) => /^(uri|tls|srv|dns)\./.test(id)],
  ["chain", "Chain", (id) => /^(chain|crypto|purpose\.server|name|path)\b/.test(id)],
  ["hosts", "Host names", (id) => /^(hostname|host)\./.test(id)],
  ["validity", "Validity", (id) => /^validity\./.test(id)],
  ["revocation", "Revocation", (id) => /^(crl|ocsp|revocation)\./.test(id)],
  ["client", "Client certificate", (id) => /^(key|purpose\.client|x509|client)\b/.test(id)],
  ["policy", "Policy", (id) => /^lint\./.test(id)],
  ["explain", "Error explained", (id) => /^explain\./.test(id)],
  ["files", "Files", (id) => /^(input|decode|file)\./.test(id)],
  ["other", "Other", () => true],
];
const STATUS_TEXT = { pass: "Pass", fail: "Fail", warn: "Warning", skip: "Skipped", info: "Info" };
const RANK = { fail: 0, warn: 1, pass: 2, info: 3, skip: 4 };
const KNOWN_TOP = new Set(["schemaVersion", "tool", "at", "lang", "verdict", "inputs", "certificates", "chain", "hosts", "checks", "limits"]);
const OPEN_SECTIONS = new Set(["handover", "explain"]);
// Values under these keys are commands or snippets: shown with a copy button.
const CODE_KEYS = new Set(["command", "commands", "pymongo", "mongosh", "snippet", "snippets", "code", "connectionString", "python", "shell"]);
const SECTION_TITLES = {
  uri: "Connection string", revocation: "Revocation", handover: "Hand-over", ocspRequest: "OCSP request", crls: "CRLs", ocsp: "OCSP responses", keyFile: "Client key file", explain: "The error, explained",
};

function groupOf(id) {
  const s = str(id);
  return GROUPS.find(([, , match]) => match(s))[0];
}

function certLabel(rep, id) {
  const c = arr(rep.certificates).find((x) => x && x.id === id);
  return c ? str(c.label) || str(c.subject) || id.slice(0, 16) : (id ? str(id).slice(0, 16) + "…" : "");
}

function pill(status, label) {
  const s = str(status) || "info";
  return el("span", { class: `pill s-${s.replace(/[^a-zA-Z]/g, "")}` }, label || STATUS_TEXT[s] || s);
}

function section(id, title, ...children) {
  return el("section", { class: "card-section", id, "aria-labelledby": id + "-h" }, el("h3", { id: id + "-h" }, title), ...children);
}

function renderReport() {
  const root = $("report");
  root.replaceChildren();
  if (state.error) {
    root.append(el("div", { class: "verdict v-error", role: "alert" },
      el("p", { class: "headline" }, "The inspector could not read the request"),
      el("p", null, state.error)));
    return;
  }
  const rep = state.report;
  if (!isObj(rep)) {
    root.append(el("p", { class: "empty" }, "Add a connection string, the customer's files or the error they saw. The diagnosis appears here."));
    return;
  }
  root.append(renderVerdict(rep));
  if (arr(rep.limits).length) root.append(renderLimits(rep));
  root.append(renderChecks(rep));
  if (isObj(rep.chain)) root.append(renderChain(rep));
  if (arr(rep.hosts).length) root.append(renderHosts(rep));
  if (arr(rep.certificates).length || timelineExtras(rep).length) root.append(renderTimeline(rep));
  if (arr(rep.certificates).length) root.append(renderCerts(rep));
  // Sections added by core (uri, revocation, keyFile, explain, handover, ...)
  // render generically: new data shows up without page changes.
  const extras = Object.keys(rep).filter((k) => !KNOWN_TOP.has(k) && rep[k] !== null && rep[k] !== undefined);
  for (const k of extras) {
    const body = renderValue(rep[k]);
    root.append(section("sec-" + k.replace(/[^a-zA-Z0-9]/g, ""), SECTION_TITLES[k] || humanize(k),
      OPEN_SECTIONS.has(k) ? body : el("details", { class: "more" }, el("summary", null, "Show details"), body)));
  }
  root.append(renderExport(rep));
}

function renderVerdict(rep) {
  const v = isObj(rep.verdict) ? rep.verdict : {};
  const status = str(v.status);
  const cls = status === "ok" ? "v-ok" : status === "warn" ? "v-warn" : status === "fail" ? "v-fail" : "v-none";
  const lead = status === "ok" ? "PyMongo would connect." : status === "warn" ? "PyMongo would connect, with warnings." :
    status === "fail" ? "PyMongo would not connect." : "No verdict yet.";
  const box = el("div", { class: `verdict ${cls}`, id: "verdict", role: "region", "aria-label": "Verdict", dataset: { status: status || "none" } },
    el("p", { class: "lead" }, lead),
    v.headline ? el("p", { class: "headline" }, v.headline) : null);
  if (v.pymongoError) {
    box.append(el("p", { class: "label" }, "The error PyMongo would raise:"),
      el("pre", { class: "pyerror" }, el("code", null, v.pymongoError)));
  }
  if (v.firstFix) box.append(el("p", { class: "fix" }, el("strong", null, "First fix: "), v.firstFix));
  // The commands of the check the headline is about, right under its fix.
  const leadCheck = arr(rep.checks).find((c) => isObj(c) && c.id === v.checkId && (c.status === "fail" || c.status === "warn"));
  if (leadCheck && status !== "ok") for (const cmd of arr(leadCheck.commands).slice(0, 2)) box.append(commandBlock(cmd));
  if (v.checkId) {
    const btn = el("button", { type: "button", class: "link" }, "Show the check");
    btn.addEventListener("click", () => {
      const target = document.querySelector(`[data-check-id="${CSS.escape(str(v.checkId))}"]`);
      if (target) { target.open = true; target.scrollIntoView({ block: "center" }); target.querySelector("summary").focus(); }
    });
    box.append(btn);
  }
  return box;
}

function renderLimits(rep) {
  return section("sec-limits", "Limits reached",
    el("ul", { class: "limits" }, arr(rep.limits).map((l) => el("li", null,
      el("strong", null, str(l.limit)), l.input ? ` (${str(l.input)})` : "", ": ", str(l.detail),
      l.max ? ` — limit ${l.max}` : ""))));
}

function renderChecks(rep) {
  const checks = arr(rep.checks).filter(isObj);
  const wrap = section("sec-checks", "Checks");
  if (!checks.length) {
    wrap.append(el("p", { class: "empty" }, "No checks ran on these inputs."));
    return wrap;
  }
  for (const [gid, title] of GROUPS) {
    const items = checks.filter((c) => groupOf(c.id) === gid)
      .map((c, i) => [c, i]).sort((a, b) => (RANK[a[0].status] ?? 5) - (RANK[b[0].status] ?? 5) || a[1] - b[1]).map(([c]) => c);
    if (!items.length) continue;
    const counts = {};
    for (const c of items) counts[c.status] = (counts[c.status] || 0) + 1;
    const worst = items[0].status;
    const g = el("div", { class: "group", dataset: { group: gid } },
      el("h4", null, pill(worst), " ", title, " ",
        el("span", { class: "counts" }, Object.entries(counts).map(([s, n]) => `${n} ${(STATUS_TEXT[s] || s).toLowerCase()}`).join(", "))));
    for (const c of items) g.append(renderCheck(rep, c));
    wrap.append(g);
  }
  return wrap;
}

function renderCheck(rep, c) {
  const subject = str(c.subjectLabel) || (/^[0-9a-f]{64}$/.test(str(c.subject)) ? certLabel(rep, c.subject) : str(c.subject));
  const d = el("details", { class: `check st-${str(c.status).replace(/[^a-z]/g, "")}`, dataset: { checkId: str(c.id), status: str(c.status) }, open: c.status === "fail" },
    el("summary", null, pill(c.status), " ", el("span", { class: "title" }, str(c.title) || str(c.id)),
      subject ? el("span", { class: "subject" }, " — ", subject) : null));
  const body = el("div", { class: "check-body" });
  // Checks may carry more than the fields below; they are shown at the end.
  if (c.detail) body.append(el("p", { class: "detail" }, c.detail));
  if (c.fix) body.append(el("p", { class: "fix" }, el("strong", null, "Fix: "), c.fix));
  if (isObj(c.opensslError)) {
    const o = c.opensslError;
    body.append(el("p", { class: "openssl" }, "OpenSSL: ", el("code", null, `${str(o.code)} ${str(o.name)}`), " — ", str(o.text)));
  }
  for (const cmd of arr(c.commands)) body.append(commandBlock(cmd));
  if (arr(c.others).length) body.append(el("p", { class: "others" }, "Would decide differently: ", arr(c.others).map(str).join("; ")));
  if (c.rule) body.append(el("p", { class: "rule" }, "Rule: ", c.rule));
  // Fields added to checks later still show.
  const known = new Set(["id", "status", "subject", "subjectLabel", "title", "detail", "fix", "commands", "opensslError", "others", "rule"]);
  const rest = Object.fromEntries(Object.entries(c).filter(([k]) => !known.has(k)));
  if (Object.keys(rest).length) body.append(renderValue(rest));
  body.append(el("p", { class: "check-id" }, el("code", null, str(c.id)), c.subject ? el("code", { class: "subj" }, str(c.subject)) : null));
  d.append(body);
  return d;
}

const LINK_STATES = { ok: "ok", expired: "fail", notYetValid: "fail", untrusted: "fail", missingIssuer: "fail", notCA: "fail" };

function renderChain(rep) {
  const ch = rep.chain;
  const path = arr(ch.path).filter(isObj);
  const list = el("ol", { class: "chain", "aria-label": "Certificate path from the server's certificate to the trust anchor" });
  path.forEach((link, i) => {
    const st = str(link.state) || "unknown";
    const sev = LINK_STATES[st] || (st === "ok" ? "ok" : "warn");
    list.append(el("li", { class: `link l-${sev}`, dataset: { state: st, cert: str(link.cert) } },
      el("div", { class: "link-card" },
        el("span", { class: "link-role" }, i === 0 ? "Server certificate" : i === path.length - 1 && ch.complete ? "Trust anchor" : "Intermediate"),
        el("span", { class: "link-label" }, str(link.label) || certLabel(rep, link.cert)),
        el("span", { class: "link-from" }, "from ", str(link.from)),
        pill(sev === "ok" ? "pass" : sev, st === "ok" ? "OK" : humanize(st)),
        link.note ? el("span", { class: "link-note" }, link.note) : null)));
  });
  if (!ch.complete) {
    list.append(el("li", { class: "link l-fail l-missing", dataset: { state: "noAnchor" } },
      el("div", { class: "link-card" }, el("span", { class: "link-label" }, "No trust anchor reached"),
        el("span", { class: "link-note" }, `The path does not end at a certificate in ${str(ch.store) || "the trust store"}.`))));
  }
  const presented = arr(ch.presented).filter(isObj);
  return section("sec-chain", "Chain",
    el("p", { class: "note" }, "Trust store: ", str(ch.store) || "—", ch.complete ? " · path complete" : " · path incomplete"),
    list,
    presented.length ? el("details", { class: "presented" }, el("summary", null, `As presented (${presented.length} certificate${presented.length === 1 ? "" : "s"})`),
      el("div", { class: "scroll" }, el("table", null,
        el("thead", null, el("tr", null, el("th", null, "#"), el("th", null, "Certificate"), el("th", null, "Role"), el("th", null, "Notes"))),
        el("tbody", null, presented.map((p, i) => el("tr", null,
          el("td", null, String(i + 1)), el("td", null, str(p.label) || certLabel(rep, p.cert)), el("td", null, str(p.role)),
          el("td", null, arr(p.notes).map(str).join("; "))))))))
      : null);
}

function renderHosts(rep) {
  const hosts = arr(rep.hosts).filter(isObj);
  const hostNames = [...new Set(hosts.map((h) => str(h.host)))];
  const certs = [...new Set(hosts.map((h) => str(h.cert)))];
  const table = el("table", { class: "hostgrid" },
    el("thead", null, el("tr", null, el("th", { scope: "col" }, "Host"),
      certs.map((c) => el("th", { scope: "col" }, certLabel(rep, c) || "(no certificate)")))),
    el("tbody", null, hostNames.map((h) => el("tr", null, el("th", { scope: "row" }, h),
      certs.map((c) => {
        const m = hosts.find((x) => str(x.host) === h && str(x.cert) === c);
        if (!m) return el("td", null, "—");
        return el("td", { class: m.matched ? "match" : "nomatch", dataset: { host: h, matched: String(!!m.matched) } },
          el("span", { class: "mark", "aria-hidden": "true" }, m.matched ? "✓" : "✗"),
          m.matched ? " matches" : " no match",
          m.rule && m.rule !== "none" ? el("span", { class: "rule" }, ` (${str(m.rule)}${m.by ? ": " + str(m.by) : ""})`) : null);
      })))));
  return section("sec-hosts", "Host names", el("div", { class: "scroll" }, table));
}

function timelineExtras(rep) {
  // CRL and OCSP update times, wherever the report puts them: top-level
  // "crls"/"ocsp" arrays or a "revocation" section holding them.
  const out = [];
  const label = (x) => str(x.label || x.forLabel || x.issuerLabel || x.issuer || x.source || x.name || x.input || "");
  const add = (kind, x, fallback) => {
    const from = x.thisUpdate || x.producedAt;
    const to = x.nextUpdate;
    if (from || to) out.push({ label: `${kind}: ${label(x) || fallback}`.trim(), from, to, kind });
  };
  const rev = isObj(rep.revocation) ? rep.revocation : {};
  for (const x of arr(rep.crls).concat(arr(rev.crls))) if (isObj(x)) add("CRL", x, "");
  for (const x of arr(rep.ocsp).concat(arr(rev.ocsp))) {
    if (!isObj(x)) continue;
    const singles = arr(x.responses).filter(isObj);
    if (singles.length) for (const r of singles) add("OCSP", r, label(x));
    else add("OCSP", x, "");
  }
  return out;
}

function renderTimeline(rep) {
  const at = Date.parse(rep.at);
  const rows = arr(rep.certificates).filter(isObj).map((c) => ({
    label: str(c.label) || str(c.subject), from: c.notBefore, to: c.notAfter, state: str(c.validityState), note: str(c.validityText), id: str(c.id),
  })).concat(timelineExtras(rep).map((x) => ({ ...x, state: "update", note: "" })));
  const times = rows.flatMap((r) => [Date.parse(r.from), Date.parse(r.to)]).concat([at]).filter((t) => Number.isFinite(t));
  let min = Math.min(...times), max = Math.max(...times);
  if (!(max > min)) { min -= 86400e3; max += 86400e3; }
  const span = max - min;
  const pct = (t) => ((t - min) / span) * 100;
  const day = (t) => (Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : "?");
  const list = el("ul", { class: "timeline" });
  for (const r of rows) {
    const a = Date.parse(r.from), b = Date.parse(r.to);
    const bar = el("span", { class: `bar b-${r.state.replace(/[^a-zA-Z]/g, "") || "unknown"}` });
    const left = Number.isFinite(a) ? pct(a) : 0, right = Number.isFinite(b) ? pct(b) : 100;
    bar.style.setProperty("left", left + "%");
    bar.style.setProperty("width", Math.max(0.5, right - left) + "%");
    const marker = el("span", { class: "at-marker", "aria-hidden": "true" });
    marker.style.setProperty("left", pct(at) + "%");
    list.append(el("li", { dataset: { state: r.state } },
      el("div", { class: "tl-label" }, el("span", null, r.label), " ",
        el("span", { class: "tl-dates" }, `${day(a)} → ${day(b)}`), r.note ? el("span", { class: "tl-note" }, ` · ${r.note}`) : null),
      el("div", { class: "track" }, bar, marker)));
  }
  return section("sec-timeline", "Validity",
    el("p", { class: "note" }, "As of ", el("strong", null, str(rep.at)), " (the vertical line)."), list);
}

const SUMMARY_FIELDS = [
  ["subject", "Subject"], ["issuer", "Issuer"], ["validityText", "Validity"], ["dnsNames", "DNS names"],
  ["ipAddresses", "IP addresses"], ["extKeyUsage", "Extended key usage"], ["fingerprintSHA256", "SHA-256"],
];

function renderCerts(rep) {
  const wrap = section("sec-certs", "Certificates");
  for (const c of arr(rep.certificates).filter(isObj)) {
    const pk = isObj(c.publicKey) ? [str(c.publicKey.algorithm), c.publicKey.bits ? `${c.publicKey.bits} bits` : "", str(c.publicKey.curve)].filter(Boolean).join(" ") : "";
    const dl = el("dl", { class: "kv" });
    for (const [k, label] of SUMMARY_FIELDS) {
      if (c[k] === undefined || (Array.isArray(c[k]) && !c[k].length) || c[k] === "") continue;
      dl.append(el("dt", null, label), el("dd", null, Array.isArray(c[k]) ? c[k].map(str).join(", ") : str(c[k])));
    }
    if (pk) dl.append(el("dt", null, "Key"), el("dd", null, pk));
    wrap.append(el("article", { class: "cert", id: "cert-" + str(c.id).slice(0, 16), dataset: { cert: str(c.id) } },
      el("h4", null, el("span", { class: "cert-label" }, str(c.label) || str(c.subject)), " ",
        pill(c.validityState === "valid" ? "pass" : "fail", humanize(str(c.validityState) || "unknown")),
        c.isCA ? el("span", { class: "tag" }, "CA") : null, c.selfSigned ? el("span", { class: "tag" }, "self-signed") : null),
      dl,
      el("details", { class: "allfields" }, el("summary", null, "All fields"), renderValue(c))));
  }
  return wrap;
}

function humanize(k) {
  return str(k).replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (x) => x.toUpperCase());
}

/** renderValue shows any JSON value as nested definition lists. */
function renderValue(v, depth = 0, code = false) {
  if (depth > 8) return el("span", null, "…");
  if (Array.isArray(v)) {
    if (!v.length) return el("span", { class: "muted" }, "none");
    if (code && v.every((x) => typeof x === "string")) return el("div", null, v.map((x) => commandBlock(x)));
    if (v.every((x) => !isObj(x) && !Array.isArray(x))) return el("span", null, v.map(str).join(", "));
    return el("ol", { class: "tree" }, v.map((x) => el("li", null, renderValue(x, depth + 1, code))));
  }
  if (isObj(v)) {
    const dl = el("dl", { class: "kv tree" });
    for (const [k, x] of Object.entries(v)) {
      if (x === null || x === undefined) continue;
      dl.append(el("dt", null, humanize(k)), el("dd", null, renderValue(x, depth + 1, CODE_KEYS.has(k))));
    }
    return dl;
  }
  if (typeof v === "string" && (code || v.includes("\n"))) return commandBlock(v);
  return el("span", null, typeof v === "boolean" ? (v ? "yes" : "no") : str(v));
}

// ---------------------------------------------------------------------------
// Export (the report only: never the password, never file bytes)

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el("a", { href: url, download: name, class: "offscreen" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function mdEscape(s) {
  return plain(s).replace(/[\\`*_[\]<>|~]/g, "\\$&").replace(/\r?\n/g, " ");
}
function fence(s) {
  const t = plain(s);
  const longest = Math.max(2, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const f = "`".repeat(longest + 1);
  return `${f}\n${t}\n${f}`;
}

export function toMarkdown(rep) {
  const v = isObj(rep.verdict) ? rep.verdict : {};
  const L = [];
  const icon = { pass: "✅", fail: "❌", warn: "⚠️", skip: "⏭", info: "ℹ️" };
  L.push(`# certinspect report`, "");
  L.push(`- As of: ${mdEscape(rep.at)}`);
  if (isObj(rep.tool)) L.push(`- Tool: ${mdEscape(rep.tool.name)} ${mdEscape(rep.tool.version)}`);
  L.push(`- Verdict: **${mdEscape(v.status || "none")}**${v.headline ? " — " + mdEscape(v.headline) : ""}`);
  if (v.pymongoError) L.push("", "PyMongo would raise:", "", fence(v.pymongoError));
  if (v.firstFix) L.push("", `**First fix:** ${mdEscape(v.firstFix)}`);
  if (isObj(rep.uri) && rep.uri.masked) L.push("", `Connection string (credentials masked): \`${plain(rep.uri.masked).replace(/`/g, "")}\``);
  const inputs = arr(rep.inputs).filter(isObj);
  if (inputs.length) {
    L.push("", "## Inputs", "");
    for (const i of inputs) L.push(`- ${mdEscape(i.name)} (${mdEscape(i.role)}${i.roleSource ? ", " + mdEscape(i.roleSource) : ""}): ${mdEscape(i.summary)}`);
  }
  const checks = arr(rep.checks).filter(isObj);
  for (const [gid, title] of GROUPS) {
    const items = checks.filter((c) => groupOf(c.id) === gid);
    if (!items.length) continue;
    L.push("", `## ${title}`, "");
    for (const c of items) {
      const subj = str(c.subjectLabel) || str(c.subject);
      L.push(`- ${icon[c.status] || ""} **${mdEscape(c.title || c.id)}**${subj ? " — " + mdEscape(subj) : ""} \`${plain(c.id).replace(/`/g, "")}\``);
      if (c.detail) L.push(`  ${mdEscape(c.detail)}`);
      if (c.fix) L.push(`  Fix: ${mdEscape(c.fix)}`);
      for (const cmd of arr(c.commands)) L.push("", fence(cmd).split("\n").map((x) => "  " + x).join("\n"));
    }
  }
  if (isObj(rep.chain)) {
    L.push("", "## Chain", "", `Trust store: ${mdEscape(rep.chain.store)}; ${rep.chain.complete ? "complete" : "incomplete"}`, "");
    arr(rep.chain.path).filter(isObj).forEach((p, i) => L.push(`${i + 1}. ${mdEscape(p.label)} (${mdEscape(p.from)}): ${mdEscape(p.state)}${p.note ? " — " + mdEscape(p.note) : ""}`));
  }
  const hosts = arr(rep.hosts).filter(isObj);
  if (hosts.length) {
    L.push("", "## Host names", "");
    for (const h of hosts) L.push(`- ${mdEscape(h.host)}: ${h.matched ? "matches" : "does not match"}${h.by ? " (" + mdEscape(h.by) + ")" : ""}`);
  }
  const certs = arr(rep.certificates).filter(isObj);
  if (certs.length) {
    L.push("", "## Certificates", "");
    for (const c of certs) {
      L.push(`- **${mdEscape(c.label || c.subject)}**: ${mdEscape(c.subject)}; issuer ${mdEscape(c.issuer)}; ${mdEscape(c.notBefore)} → ${mdEscape(c.notAfter)} (${mdEscape(c.validityText)}); SHA-256 ${mdEscape(c.fingerprintSHA256)}`);
    }
  }
  const handover = isObj(rep.handover) ? rep.handover : null;
  if (handover && arr(handover.commands).length) {
    L.push("", "## Commands", "");
    for (const c of arr(handover.commands).filter(isObj)) L.push(`- ${mdEscape(c.purpose)}`, "", fence(c.command).split("\n").map((x) => "  " + x).join("\n"), "");
  }
  L.push("");
  return L.join("\n");
}

function renderExport(rep) {
  const stamp = str(rep.at).replace(/[^0-9TZ]/g, "").slice(0, 15) || "report";
  const json = el("button", { type: "button", id: "export-json" }, "Download JSON");
  json.addEventListener("click", () => download(`certinspect-${stamp}.json`, "application/json", JSON.stringify(rep, null, 2) + "\n"));
  const md = el("button", { type: "button", id: "export-md" }, "Download Markdown");
  md.addEventListener("click", () => download(`certinspect-${stamp}.md`, "text/markdown", toMarkdown(rep)));
  const cp = el("button", { type: "button", id: "copy-md" }, "Copy Markdown");
  cp.addEventListener("click", () => copy(toMarkdown(rep), cp));
  return section("sec-export", "Export", el("p", { class: "note" }, "The report never holds key material, passwords or file contents."),
    el("div", { class: "row" }, json, md, cp));
}

// ---------------------------------------------------------------------------
// Inputs: wiring

function sniffPaste(s) {
  const t = s.trim();
  if (!t) return null;
  if (/^mongodb(\+srv)?:\/\//i.test(t)) return "uri";
  if (/-----BEGIN [A-Z0-9 ]+-----/.test(t) || /^CONNECTED\(/m.test(t) || /^Certificate chain$/m.test(t)) return "file";
  if (/^[A-Za-z0-9+/=\s]+$/.test(t) && t.replace(/\s/g, "").length >= 64) return "file";
  return "error";
}

let pasteCount = 0;
function addPaste() {
  const s = $("paste").value;
  const kind = sniffPaste(s);
  const note = $("paste-note");
  if (!kind) { note.textContent = "Nothing to add."; return; }
  if (kind === "uri") {
    $("uri").value = s.trim();
    note.textContent = "Added as the connection string.";
  } else if (kind === "file") {
    const sclient = /^CONNECTED\(/m.test(s) || /^Certificate chain$/m.test(s);
    addText(`pasted-${++pasteCount}${sclient ? "-s_client.txt" : ".pem"}`, s);
    note.textContent = sclient ? "Added as s_client output." : "Added as a file.";
  } else {
    $("error-field").hidden = false;
    const et = $("error-text");
    et.value = et.value ? et.value + "\n" + s.trim() : s.trim();
    note.textContent = "Added as the error the customer saw.";
  }
  $("paste").value = "";
  schedule(0);
}

function wire() {
  const drop = $("drop");
  const input = $("file-input");
  input.addEventListener("change", () => { addFiles(input.files); input.value = ""; });
  for (const ev of ["dragenter", "dragover"]) drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add("over"); });
  for (const ev of ["dragleave", "drop"]) drop.addEventListener(ev, () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) addFiles(e.dataTransfer.files);
  });
  // A file dropped anywhere else must not navigate away (and lose the inputs).
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());

  $("paste-add").addEventListener("click", addPaste);
  $("paste").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) addPaste(); });
  for (const id of ["uri", "password", "hosts", "error-text", "dns"]) $(id).addEventListener("input", () => schedule(400));
  $("lang").addEventListener("change", () => schedule(0));
  $("at").addEventListener("input", () => { showAtUTC(); schedule(400); });
  $("at-now").addEventListener("click", () => { $("at").value = toLocalInput(new Date()); showAtUTC(); schedule(0); });
  $("error-text").addEventListener("input", () => { $("error-field").hidden = false; });
  // Nothing typed may end up in the page's URL or the browser's form memory.
  for (const f of document.querySelectorAll("input, textarea")) f.setAttribute("autocomplete", "off");
}

$("at").value = toLocalInput(new Date());
showAtUTC();
wire();
renderReport();

ready().then(({ version }) => {
  $("engine").textContent = "Ready. Nothing you add leaves this page.";
  $("version").textContent = "certinspect " + version;
  document.body.dataset.ready = "true";
  schedule(0);
}, (err) => {
  $("engine").textContent = err.message;
  $("engine").classList.add("error");
});
