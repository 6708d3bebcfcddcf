// certinspect inspector UI: one component, mounted either on the standalone
// page (app.js, in the document) or inside the shadow root of <cert-inspector>
// (embed.js). It gathers inputs, runs the inspector (in the shared Web Worker)
// and renders the report.
//
// Everything that comes from an input is rendered as text (textContent /
// attribute setters), never as markup; control characters and bidirectional
// overrides are shown as visible marks. Labels come from i18n.js through t();
// the report's own texts come from core in the request's `lang`.
import { cancel as cancelInspect, inspect, ready } from "./certinspect.js";
import { fieldLabel, formatDateTime, humanizeKey, normLang, translate } from "./i18n.js";
import { EXAMPLE_DATA, EXAMPLES, exampleById } from "./examples.js";

// ---------------------------------------------------------------------------
// Pure helpers (no state, no labels)

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

/** plain(s) is s with suspect characters written as ⟨U+XXXX⟩ (for exports). */
function plain(value) {
  const s = value === undefined || value === null ? "" : String(value);
  return s.replace(SUSPECT_G, (c) => "⟨" + hex4(c.codePointAt(0)) + "⟩");
}

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const arr = (v) => (Array.isArray(v) ? v : []);
const str = (v) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

function pad(n) { return String(n).padStart(2, "0"); }
function toLocalInput(d) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function formatSize(n) {
  if (n < 1024) return n + " B";
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + " KiB";
  return (n / 1024 / 1024).toFixed(1) + " MiB";
}

function mdEscape(s) {
  return plain(s).replace(/[\\`*_[\]<>|~]/g, "\\$&").replace(/\r?\n/g, " ");
}
function fence(s) {
  const v = plain(s);
  const longest = Math.max(2, ...[...v.matchAll(/`+/g)].map((m) => m[0].length));
  const f = "`".repeat(longest + 1);
  return `${f}\n${v}\n${f}`;
}

function sniffPaste(s) {
  const v = s.trim();
  if (!v) return null;
  if (/^mongodb(\+srv)?:\/\//i.test(v)) return "uri";
  if (/-----BEGIN [A-Z0-9 ]+-----/.test(v) || /^CONNECTED\(/m.test(v) || /^Certificate chain$/m.test(v)) return "file";
  if (/^[A-Za-z0-9+/=\s]+$/.test(v) && v.replace(/\s/g, "").length >= 64) return "file";
  return "error";
}

const humanize = humanizeKey;

const GROUPS = [
  ["uri", (id) => /^(uri|tls|srv|dns)\./.test(id)],
  ["chain", (id) => /^(chain|crypto|purpose\.server|name|path)\b/.test(id)],
  ["hosts", (id) => /^(hostname|host)\./.test(id)],
  ["validity", (id) => /^validity\./.test(id)],
  ["revocation", (id) => /^(crl|ocsp|revocation)\./.test(id)],
  ["client", (id) => /^(key|purpose\.client|x509|client)\b/.test(id)],
  ["policy", (id) => /^lint\./.test(id)],
  ["explain", (id) => /^explain\./.test(id)],
  ["files", (id) => /^(input|decode|file)\./.test(id)],
  ["other", () => true],
];
const RANK = { fail: 0, warn: 1, pass: 2, info: 3, skip: 4 };
const KNOWN_TOP = new Set(["schemaVersion", "tool", "at", "lang", "verdict", "inputs", "certificates", "chain", "hosts", "checks", "limits"]);
const OPEN_SECTIONS = new Set(["handover", "explain"]);
// Values under these keys are commands or snippets: shown with a copy button.
const CODE_KEYS = new Set(["command", "commands", "pymongo", "mongosh", "snippet", "snippets", "code", "connectionString", "python", "shell"]);
// A link's state is "ok" or the problem OpenSSL meets there (core's kinds:
// expired, noIssuer, notCA, revoked, ...), which fails the handshake; only
// issuerUnreadable (the issuer is there but unreadable here) leaves it open.
const LINK_STATES = { ok: "ok", issuerUnreadable: "warn" };
const ROLE_VALUES = ["auto", "serverChain", "tlsCAFile", "tlsCertificateKeyFile", "tlsCRLFile", "ocspResponse"];

function groupOf(id) {
  const s = str(id);
  return GROUPS.find(([, match]) => match(s))[0];
}

// ---------------------------------------------------------------------------
// Presets (URL fragment, element attributes): never secrets.

/**
 * uriSecret says which secret a connection string carries, or "" when none:
 * "userPassword" (user:password@), "keyPassword" (tlsCertificateKeyFilePassword)
 * or "awsToken" (AWS_SESSION_TOKEN in authMechanismProperties).
 */
export function uriSecret(uri) {
  const s = str(uri);
  const m = /^[a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(s);
  if (m && m[1].includes("@") && m[1].slice(0, m[1].lastIndexOf("@")).includes(":")) return "userPassword";
  let q = s.includes("?") ? s.slice(s.indexOf("?") + 1) : "";
  try { q = decodeURIComponent(q); } catch (_) { /* keep it raw */ }
  if (/(^|[&;])\s*tlsCertificateKeyFilePassword\s*=/i.test(q)) return "keyPassword";
  if (/AWS_SESSION_TOKEN/i.test(q)) return "awsToken";
  return "";
}

const FRAGMENT_KEYS = ["uri", "at", "example", "lang", "hosts"];

/**
 * parseFragment reads "#uri=…&at=…&example=…&lang=…&hosts=…". Values may be
 * percent-encoded or raw: a raw connection string keeps its own "&" options
 * (the fragment splits only before a known key).
 */
export function parseFragment(hash) {
  const h = str(hash).replace(/^#/, "");
  const out = {};
  if (!h) return out;
  for (const part of h.split(new RegExp(`&(?=(?:${FRAGMENT_KEYS.join("|")})=)`))) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const k = part.slice(0, i);
    if (!FRAGMENT_KEYS.includes(k)) continue;
    let v = part.slice(i + 1);
    try { v = decodeURIComponent(v); } catch (_) { /* raw */ }
    out[k] = v;
  }
  return out;
}

/** parseAt reads an RFC 3339 time or a date (as UTC midnight); null when invalid. */
export function parseAt(value) {
  const s = str(value).trim();
  if (!s) return null;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? s + "T00:00:00Z" : s;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(iso)) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

// ---------------------------------------------------------------------------
// The component

/**
 * mountInspector renders the inspector into container (an element in the
 * document, or in a shadow root) and returns its controller.
 *
 * options: {
 *   host       element that carries data-ready/-busy/-inspections and on which
 *              certinspect:report events are dispatched (default: container)
 *   lang       "en" | "ja"
 *   standalone true on the inspector page: h1, landmarks, skip link
 *   compact    inputs and verdict only; the rest on demand
 *   base       URL the example files are loaded from (examples/data/ below it)
 *   onLang     called with the new language when the user switches it
 * }
 */
export function mountInspector(container, options = {}) {
  const root = container.getRootNode();
  const host = options.host || container;
  const standalone = !!options.standalone;
  const base = new URL(options.base || "./", document.baseURI);
  let compact = !!options.compact;
  let lang = normLang(options.lang);
  const t = (key, args) => translate(lang, key, args);
  const $ = (id) => root.getElementById(id);
  // Start the engine first: the worker fetches and compiles the wasm on
  // another thread while this one builds the page.
  const engine = ready();

  // -------------------------------------------------------------------------
  // Safe text rendering

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
      mark.title = t("mark.title", { name: CHAR_NAMES[code] || t("mark.control"), code: hex4(code) });
      frag.append(mark);
      last = m.index + m[0].length;
    }
    if (last < s.length) frag.append(document.createTextNode(s.slice(last)));
    return frag;
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

  /** tn(key, nodes): a label whose {placeholders} are nodes (code, strong). */
  function tn(key, nodes) {
    return translate(lang, key).split(/\{(\w+)\}/).map((p, i) => (i % 2 ? (nodes[p] !== undefined ? nodes[p] : `{${p}}`) : p)).filter((p) => p !== "");
  }
  const code = (s) => el("code", null, s);
  const fmt = (v) => formatDateTime(v, lang);

  // -------------------------------------------------------------------------
  // Labels built from fixed keys (keys stay literal for the catalogue test)

  function statusText(s) {
    const m = { pass: t("status.pass"), fail: t("status.fail"), warn: t("status.warn"), skip: t("status.skip"), info: t("status.info") };
    return m[s] || s;
  }
  function groupTitle(g) {
    const m = {
      uri: t("group.uri"), chain: t("group.chain"), hosts: t("group.hosts"), validity: t("group.validity"),
      revocation: t("group.revocation"), client: t("group.client"), policy: t("group.policy"),
      explain: t("group.explain"), files: t("group.files"), other: t("group.other"),
    };
    return m[g] || g;
  }
  function sectionTitle(k) {
    const m = {
      uri: t("section.uri"), revocation: t("section.revocation"), handover: t("section.handover"),
      ocspRequest: t("section.ocspRequest"), crls: t("section.crls"), ocsp: t("section.ocsp"),
      keyFile: t("section.keyFile"), explain: t("section.explain"),
    };
    return m[k] || fieldLabel(lang, k);
  }
  function roleText(v) {
    const m = {
      auto: t("role.auto"), serverChain: t("role.serverChain"), tlsCAFile: t("role.tlsCAFile"),
      tlsCertificateKeyFile: t("role.tlsCertificateKeyFile"), tlsCRLFile: t("role.tlsCRLFile"), ocspResponse: t("role.ocspResponse"),
    };
    return m[v] || v;
  }
  function roleSourceText(s) {
    const m = { uri: t("roleSource.uri"), sniffed: t("roleSource.sniffed"), user: t("roleSource.user") };
    return m[s] || "";
  }
  function stageText(stage) {
    const m = { "crl.scan": t("stage.crlScan"), "crl.signature": t("stage.crlSignature"), ocsp: t("stage.ocsp"), decode: t("stage.decode") };
    return m[stage];
  }
  function exampleTitle(id) {
    const m = {
      expired: t("example.expired"), "missing-intermediate": t("example.missingIntermediate"),
      "hostname-mismatch": t("example.hostnameMismatch"), revoked: t("example.revoked"),
      "key-separate": t("example.keySeparate"), "encrypted-key": t("example.encryptedKey"),
      "tls-true": t("example.tlsTrue"), "trust-settings": t("example.trustSettings"), "tls-insecure": t("example.tlsInsecure"),
    };
    return m[id] || id;
  }
  function secretText(kind) {
    const m = { userPassword: t("preset.userPassword"), keyPassword: t("preset.keyPassword"), awsToken: t("preset.awsToken") };
    return m[kind] || kind;
  }

  // -------------------------------------------------------------------------
  // State: inputs live only here, in memory.

  const state = {
    files: [], // {key, name, role, data: Uint8Array}
    report: null,
    error: "",
    running: false,
    pending: false,
    runSeq: 0,
    example: "",
    engine: "loading", // loading | ready | failed
    engineError: "",
    version: "",
    // Notes are functions that return the text, so that they are written
    // in the language of the moment they are shown (the language can change).
    presetNotes: [], // [() => string]
    exampleNote: null, // () => string
    fileNote: null, // () => string: files that could not be read
    heldPreset: null, // a link's preset not applied because it would replace the user's inputs
    undo: null, // the user's inputs before an example or a link replaced them (snapshot())
    dirty: false, // the inputs hold something the user gave (not only an example's or a link's)
    cancelled: false, // the last run was cancelled by the user
  };
  let fileKey = 0;
  let pasteCount = 0;
  const note = (fn) => (typeof fn === "function" ? fn() : str(fn));

  function uniqueName(name) {
    const b = name || "file";
    let n = b;
    for (let i = 2; state.files.some((f) => f.name === n); i++) n = `${b} (${i})`;
    return n;
  }

  function sameBytes(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /**
   * addEntry adds a file; a file with the name of one already there keeps a
   * " (2)" suffix only while the other is there (its chip offers to replace
   * it), and a second copy of the same bytes under the same name is skipped.
   * It returns false for such a copy.
   */
  function addEntry(name, data, extra) {
    const base = name || "file";
    const clash = state.files.find((f) => f.name === base);
    if (clash && sameBytes(clash.data, data)) return false;
    state.files.push({ key: ++fileKey, name: uniqueName(base), base, role: "auto", data, replaces: clash ? clash.key : undefined, ...extra });
    state.dirty = true;
    return true;
  }

  /** reclaimNames gives a suffixed file its own name back once no other file holds it. */
  function reclaimNames() {
    for (const f of state.files) {
      if (f.base && f.name !== f.base && !state.files.some((x) => x.name === f.base)) f.name = f.base;
    }
  }

  /**
   * addFiles reads each file on its own: one that cannot be read (a folder,
   * a file removed or changed since it was chosen, a permission problem)
   * is named in a note; the others are added.
   */
  async function addFiles(fileList, folders = new Set()) {
    const list = [...fileList];
    const unreadable = [], dirs = [], copies = [];
    for (const f of list) {
      if (folders.has(f.name)) { dirs.push(f.name); continue; }
      let data;
      try {
        performance.mark("certinspect:read-start");
        data = new Uint8Array(await f.arrayBuffer());
        performance.measure("certinspect:read " + f.size, "certinspect:read-start");
      } catch (_) {
        unreadable.push(f.name);
        continue;
      }
      if (!addEntry(f.name, data)) copies.push(f.name);
    }
    const names = (xs) => xs.map((n) => `“${plain(n)}”`).join(", ");
    const parts = [];
    if (dirs.length) parts.push(() => t("files.folder", { names: names(dirs) }));
    if (unreadable.length) parts.push(() => t("files.unreadable", { names: names(unreadable) }));
    if (copies.length) parts.push(() => t("files.duplicate", { names: names(copies) }));
    setFileNote(parts.length ? () => parts.map((p) => p()).join(" ") : null);
    renderChips();
    schedule();
  }

  function setFileNote(fn) {
    state.fileNote = fn;
    const n = $("file-note");
    if (!n) return;
    n.textContent = note(fn);
    n.hidden = !fn;
  }

  /** filesOf returns the files of a drop, and the names of the folders among them. */
  function filesOf(dataTransfer) {
    const folders = new Set();
    for (const item of dataTransfer.items || []) {
      // webkitGetAsEntry only answers during the drop event itself.
      const entry = item.kind === "file" && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
      if (entry && entry.isDirectory) folders.add(entry.name);
    }
    return [dataTransfer.files, folders];
  }

  function addText(name, s) {
    // pasted: the text's layout may come from the copy, not from the file.
    addEntry(name, new TextEncoder().encode(s), { pasted: true });
    renderChips();
    schedule();
  }

  // -------------------------------------------------------------------------
  // The user's inputs: what a link or an example may not silently replace

  function hasInputs() {
    if (state.files.length) return true;
    const v = values();
    return ["uri", "password", "hosts", "error-text", "dns", "paste"].some((id) => v[id] && v[id].trim());
  }
  /** userInputs: the inputs hold something the user gave. */
  function userInputs() { return state.dirty && hasInputs(); }
  function touched() { state.dirty = true; }

  function snapshot() {
    return { files: state.files.map((f) => ({ ...f })), values: values(), example: state.example, fileKey };
  }
  function restore(snap) {
    state.files = snap.files.map((f) => ({ ...f }));
    for (const [id, v] of Object.entries(snap.values)) if ($(id)) $(id).value = v;
    if (snap.values["error-text"]) $("error-field").hidden = false;
    state.example = snap.example;
    $("example").value = snap.example || "";
    state.dirty = true;
    state.report = null;
    showAtUTC();
  }
  /** undo swaps the inputs with the ones an example or a link replaced. */
  function undoReplace() {
    if (!state.undo) return;
    const current = userInputs() ? snapshot() : null;
    restore(state.undo);
    state.undo = current;
    state.presetNotes = [];
    setExampleNote(() => t("undo.done"));
    renderPresetNotes();
    renderChips();
    schedule(0);
  }

  // -------------------------------------------------------------------------
  // "As of"

  function atISO() {
    const input = $("at");
    // A half-edited field (a part cleared) has an empty value, as a cleared
    // one has: it is not "now", it is not a time yet.
    if (input.validity && input.validity.badInput) return null;
    const v = input.value;
    const d = v ? new Date(v) : new Date();
    if (Number.isNaN(d.getTime())) return null;
    return d.toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  function showAtUTC() {
    const iso = atISO();
    $("at-utc").textContent = iso ? t("at.utc", { utc: iso }) : t("at.invalid");
  }
  function setAt(d) {
    $("at").value = toLocalInput(d);
    showAtUTC();
  }

  // -------------------------------------------------------------------------
  // Running

  function buildRequest() {
    const hosts = $("hosts").value.split(/[\s,;]+/).map((h) => h.trim()).filter(Boolean);
    const req = {
      uri: $("uri").value.trim(),
      files: state.files.map((f) => (f.pasted ? { name: f.name, role: f.role, data: f.data, pasted: true } : { name: f.name, role: f.role, data: f.data })),
      keyPassword: $("password").value,
      hosts,
      at: atISO(),
      errorText: $("error-text").value,
      dnsAnswer: $("dns").value,
      lang,
    };
    for (const k of Object.keys(req)) {
      if (req[k] === "" || req[k] === null || (Array.isArray(req[k]) && req[k].length === 0 && k !== "files")) delete req[k];
    }
    return req;
  }

  let timer = 0;
  let timerPending = false;
  function setBusy() {
    host.dataset.busy = String(state.running || state.pending || timerPending);
  }
  function schedule(delay = 200) {
    clearTimeout(timer);
    timerPending = true;
    setBusy();
    timer = setTimeout(() => { timerPending = false; run(); }, delay);
  }

  let cancelRequested = false;

  async function run() {
    if (state.running) { state.pending = true; setBusy(); return; }
    state.cancelled = false;
    const hasInput = state.files.length || $("uri").value.trim() || $("error-text").value.trim();
    if (!hasInput) { state.report = null; state.error = ""; renderReport(); setBusy(); return; }
    const request = buildRequest();
    if (!request.at) { state.error = t("at.invalidRun"); renderReport(); setBusy(); return; }
    state.running = true;
    cancelRequested = false;
    const seq = ++state.runSeq;
    const started = performance.now();
    const slow = setTimeout(() => showProgress(null, 0, 0), 300);
    let ok = false, result = null, error = "", cancelled = false;
    try {
      performance.mark("certinspect:inspect-start");
      result = await inspect(request, { onProgress: (stage, done, total) => showProgress(stage, done, total) });
      performance.measure("certinspect:inspect", "certinspect:inspect-start");
      ok = true;
    } catch (err) {
      if (err && err.cancelled) cancelled = true;
      else error = err && err.message ? err.message : String(err);
    } finally {
      clearTimeout(slow);
      state.running = false;
      hideProgress();
    }
    if (cancelled && !cancelRequested) {
      // Another inspector on this page stopped the shared worker: run again.
      schedule(0);
      return;
    }
    if (cancelled) {
      // The inputs stay; the report of older inputs would mislead.
      state.cancelled = true;
      state.pending = false;
      state.report = null;
      state.error = "";
      renderChips();
      renderReport();
      setBusy();
      const again = $("run-again");
      if (again) again.focus();
      return;
    }
    // Only the latest inputs matter: a result that newer inputs have made
    // stale is not rendered (a big report costs the main thread).
    if (state.pending || timerPending) {
      state.pending = false;
      if (!timerPending) run(); else setBusy();
      return;
    }
    if (ok) {
      state.report = result;
      state.error = "";
      host.dataset.inspections = String(seq);
      host.dataset.lastRunMs = String(Math.round(performance.now() - started));
    } else {
      state.error = error;
    }
    performance.mark("certinspect:render-start");
    renderChips();
    renderReport();
    performance.measure("certinspect:render", "certinspect:render-start");
    if (ok) {
      host.dispatchEvent(new CustomEvent("certinspect:report", {
        bubbles: true, composed: true, detail: { report: state.report, example: state.example || null },
      }));
    }
    if (state.pending) { state.pending = false; run(); } else setBusy();
  }

  /** cancelRun stops the run in progress (the worker is restarted); the inputs stay. */
  function cancelRun() {
    if (!state.running) return;
    cancelRequested = true;
    clearTimeout(timer);
    timerPending = false;
    state.pending = false;
    cancelInspect();
  }

  function showProgress(stage, done, total) {
    if (!state.running) return;
    $("progress").hidden = false;
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : null;
    const known = stage === null ? t("progress.inspecting") : stageText(stage);
    $("progress-text").textContent = known ? known + (pct !== null ? ` ${pct}%` : "") :
      str(stage) + (total > 0 ? ` ${done.toLocaleString()} / ${total.toLocaleString()}` : "");
    const bar = $("progress-bar");
    if (total > 0) { bar.max = total; bar.value = done; } else { bar.removeAttribute("value"); }
  }
  function hideProgress() { $("progress").hidden = true; }

  // -------------------------------------------------------------------------
  // File chips

  function inputFor(file, index) {
    const inputs = arr(state.report && state.report.inputs);
    return inputs.find((i) => i && i.name === file.name) || (inputs[index] && inputs[index].name === undefined ? inputs[index] : null);
  }

  // Checks about a supplied file as a whole, shown on its chip too.
  const FILE_CHECKS = new Set(["ca.load", "key.present", "key.strength", "crl.revocation"]);

  function renderChips() {
    const ul = $("chips");
    // Rebuilding the chips must not drop the keyboard focus: it goes back to
    // the same control of the same file (their ids hold the file's key).
    const active = root.activeElement;
    const focusId = active && active.id && ul.contains(active) ? active.id : "";
    ul.replaceChildren();
    state.files.forEach((f, i) => {
      const info = inputFor(f, i);
      const errors = arr(info && info.errors);
      const unsupported = arr(info && info.unsupported);
      const unreadable = info && (errors.length || unsupported.length || info.format === "binary" || info.format === "empty" || arr(info.items).length === 0);
      // What PyMongo would make of the file itself (it cannot load it, or
      // does not see part of it), from the checks about this file.
      const loadNotes = arr(state.report && state.report.checks).filter((c) => c && c.subject === f.name && FILE_CHECKS.has(c.id) && (c.status === "fail" || c.status === "warn"));
      const selId = `role-${f.key}`;
      const select = el("select", { id: selId, class: "role", "aria-label": t("chip.roleOf", { name: plain(f.name) }) },
        ROLE_VALUES.map((v) => {
          let l = roleText(v);
          if (v === "auto" && info && info.role && info.role !== "auto" && f.role === "auto") {
            const src = roleSourceText(info.roleSource);
            l = src ? t("role.autoAsFrom", { role: info.role, source: src }) : t("role.autoAs", { role: info.role });
          }
          return el("option", { value: v, selected: f.role === v }, l);
        }));
      select.addEventListener("change", () => { f.role = select.value; touched(); schedule(0); });
      const remove = el("button", { type: "button", id: `remove-${f.key}`, class: "chip-remove", "aria-label": t("chip.remove", { name: plain(f.name) }) }, "×");
      remove.addEventListener("click", () => {
        const at = state.files.indexOf(f);
        state.files = state.files.filter((x) => x !== f);
        // A file added as "ca.pem (2)" next to this one gets its name back.
        reclaimNames();
        touched();
        renderChips();
        schedule(0);
        // Focus moves to the next file's ×, else the previous one's, else the file picker.
        const next = state.files[at] || state.files[at - 1];
        const target = next ? $(`remove-${next.key}`) : $("file-input");
        if (target) target.focus();
      });
      // A file added under the name of one already there (a corrected copy):
      // offer to replace the earlier one, which gives this one its name.
      const earlier = f.replaces !== undefined ? state.files.find((x) => x.key === f.replaces && x.name === f.base) : null;
      let replace = null;
      if (earlier) {
        replace = el("button", { type: "button", id: `replace-${f.key}`, class: "chip-replace" }, t("chip.replace", { name: plain(f.base) }));
        replace.addEventListener("click", () => {
          if (f.role === "auto") f.role = earlier.role;
          state.files = state.files.filter((x) => x !== earlier);
          f.name = f.base;
          f.replaces = undefined;
          touched();
          renderChips();
          schedule(0);
          $(`role-${f.key}`).focus();
        });
      }
      const summary = info ? str(info.summary) || (info.format ? `${info.format}` : "") : (state.report ? "" : "…");
      const li = el("li", { class: "chip" + (unreadable || loadNotes.some((c) => c.status === "fail") ? " has-error" : ""), dataset: { name: f.name, key: String(f.key) } },
        el("div", { class: "chip-head" },
          el("span", { class: "chip-name" }, f.name),
          el("span", { class: "chip-size" }, formatSize(f.data.length)),
          remove),
        el("div", { class: "chip-summary" }, summary),
        el("div", { class: "chip-role" }, el("label", { for: selId, class: "visually-hidden" }, t("chip.role")), select),
        replace,
        errors.concat(unsupported).map((e) => el("div", { class: "chip-error", role: "note" },
          e.location ? el("span", { class: "loc" }, e.location + ": ") : null,
          str(e.message),
          e.advice ? el("div", { class: "advice" }, e.advice) : null,
          e.command ? commandBlock(e.command) : null)),
        unreadable && !errors.length && !unsupported.length
          ? el("div", { class: "chip-error", role: "note" }, info.format === "empty" ? t("chip.empty") : t("chip.unreadable"))
          : null,
        loadNotes.map((c) => el("div", { class: "chip-error chip-load", role: "note", dataset: { loadCheck: c.id, status: c.status } }, str(c.title))));
      ul.append(li);
    });
    if (focusId && $(focusId)) $(focusId).focus();
  }

  // -------------------------------------------------------------------------
  // Copy helpers

  async function copy(textValue, button) {
    let ok = false;
    try {
      await navigator.clipboard.writeText(textValue);
      ok = true;
    } catch (_) {
      const ta = el("textarea", { class: "offscreen", readonly: true, "aria-hidden": "true", tabindex: "-1" });
      ta.value = textValue;
      container.append(ta);
      ta.select();
      try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
      ta.remove();
    }
    if (button) {
      const old = button.textContent;
      button.textContent = ok ? t("copy.done") : t("copy.failed");
      setTimeout(() => { button.textContent = old; }, 1200);
    }
  }

  function commandBlock(cmd) {
    const btn = el("button", { type: "button", class: "copy" }, t("copy.button"));
    btn.addEventListener("click", () => copy(str(cmd), btn));
    return el("div", { class: "command" }, el("pre", { tabindex: "0" }, el("code", null, cmd)), btn);
  }

  // -------------------------------------------------------------------------
  // Report rendering

  function certLabel(rep, id) {
    const c = arr(rep.certificates).find((x) => x && x.id === id);
    return c ? str(c.label) || str(c.subject) || id.slice(0, 16) : (id ? str(id).slice(0, 16) + "…" : "");
  }

  function pill(status, label) {
    const s = str(status) || "info";
    return el("span", { class: `pill s-${s.replace(/[^a-zA-Z]/g, "")}` }, label || statusText(s));
  }

  function section(id, title, ...children) {
    return el("section", { class: "card-section", id, "aria-labelledby": id + "-h" }, el("h3", { id: id + "-h" }, title), ...children);
  }

  let lastAnnounced = "";
  function announce(message) {
    const live = $("announce");
    if (!live || message === lastAnnounced) return;
    lastAnnounced = message;
    live.textContent = "";
    // A fresh text node after a tick is announced even when repeated.
    setTimeout(() => { live.textContent = message; }, 50);
  }

  /**
   * lazy fills a <details> with build()'s nodes the first time it is open:
   * a report of thousands of certificates stays cheap until asked for.
   */
  function lazy(details, build) {
    let built = false;
    const fill = (force) => {
      if (built || !(details.open || force)) return;
      built = true;
      details.append(...[build()].flat());
    };
    // A click on the summary (Enter and Space too) builds at once, before the
    // details open; "toggle" (queued) covers opening it from a script.
    details.addEventListener("click", (e) => {
      const summary = e.target.closest("summary");
      if (summary && summary.parentElement === details) fill(true);
    });
    details.addEventListener("toggle", () => fill(false));
    fill(false);
    return details;
  }

  // Open or closed, by id, of the <details> a re-render replaces (the
  // language switch, a new report): the user's choice is kept.
  const openState = new Map();
  function keepOpen(scope) {
    for (const d of scope.querySelectorAll("details[id]")) openState.set(d.id, d.open);
  }
  function reopen(scope) {
    for (const d of scope.querySelectorAll("details[id]")) if (openState.has(d.id)) d.open = openState.get(d.id);
  }

  function renderReport() {
    const out = $("report");
    keepOpen(out);
    out.replaceChildren();
    if (state.cancelled) {
      const again = el("button", { type: "button", id: "run-again" }, t("run.again"));
      again.addEventListener("click", () => schedule(0));
      out.append(el("div", { class: "verdict v-none cancelled", role: "status" },
        el("p", { class: "headline" }, t("run.cancelled")), again));
      return;
    }
    if (state.error) {
      out.append(el("div", { class: "verdict v-error", role: "alert" },
        el("p", { class: "headline" }, t("results.couldNotRead")),
        el("p", null, state.error)));
      return;
    }
    const rep = state.report;
    if (!isObj(rep)) {
      out.append(el("p", { class: "empty" }, t("results.empty")));
      return;
    }
    out.append(renderVerdict(rep));
    const v = isObj(rep.verdict) ? rep.verdict : {};
    announce([verdictLead(str(v.status)), str(v.headline)].filter(Boolean).join(" "));
    let rest = out;
    if (compact) {
      rest = el("details", { class: "more full-report", id: "full-report" }, el("summary", null, t("results.full")));
      out.append(rest);
    }
    if (arr(rep.limits).length) rest.append(renderLimits(rep));
    rest.append(renderChecks(rep));
    if (isObj(rep.chain)) rest.append(renderChain(rep));
    if (arr(rep.hosts).length) rest.append(renderHosts(rep));
    if (arr(rep.certificates).length || timelineExtras(rep).length) rest.append(renderTimeline(rep));
    if (arr(rep.certificates).length) rest.append(renderCerts(rep));
    // Sections added by core (uri, revocation, keyFile, explain, handover, ...)
    // render generically: new data shows up without page changes.
    const extras = Object.keys(rep).filter((k) => !KNOWN_TOP.has(k) && rep[k] !== null && rep[k] !== undefined);
    for (const k of extras) {
      const body = renderValue(rep[k]);
      rest.append(section("sec-" + k.replace(/[^a-zA-Z0-9]/g, ""), sectionTitle(k),
        OPEN_SECTIONS.has(k) ? body : el("details", { class: "more" }, el("summary", null, t("section.showDetails")), body)));
    }
    rest.append(renderExport(rep));
    reopen(out);
  }

  function verdictLead(status) {
    return status === "ok" ? t("verdict.ok") : status === "warn" ? t("verdict.warn") : status === "fail" ? t("verdict.fail") : t("verdict.none");
  }

  function renderVerdict(rep) {
    const v = isObj(rep.verdict) ? rep.verdict : {};
    const status = str(v.status);
    const cls = status === "ok" ? "v-ok" : status === "warn" ? "v-warn" : status === "fail" ? "v-fail" : "v-none";
    const box = el("div", { class: `verdict ${cls}`, id: "verdict", role: "region", "aria-label": t("verdict.region"), dataset: { status: status || "none" } },
      el("p", { class: "lead" }, verdictLead(status)),
      v.headline ? el("p", { class: "headline" }, v.headline) : null);
    if (v.pymongoError) {
      box.append(el("p", { class: "label" }, t("verdict.pyError")),
        el("pre", { class: "pyerror", tabindex: "0" }, el("code", null, v.pymongoError)));
    }
    // The commands of the check the headline is about, right under its fix
    // (a fix that introduces its command carries it in the text too: shown
    // once, in the command block).
    const leadCheck = arr(rep.checks).find((c) => isObj(c) && c.id === v.checkId && (c.status === "fail" || c.status === "warn"));
    const cmds = leadCheck && status !== "ok" ? arr(leadCheck.commands).slice(0, 2).map(str) : [];
    let fix = str(v.firstFix);
    if (cmds.length && fix.endsWith(": " + cmds[0])) fix = fix.slice(0, fix.length - cmds[0].length - 1);
    if (fix) box.append(el("p", { class: "fix" }, el("strong", null, t("verdict.firstFix")), " ", fix));
    for (const cmd of cmds) box.append(commandBlock(cmd));
    if (v.checkId) {
      const btn = el("button", { type: "button", class: "link" }, t("verdict.showCheck"));
      btn.addEventListener("click", () => {
        const target = $("report").querySelector(`[data-check-id="${CSS.escape(str(v.checkId))}"]`);
        if (!target) return;
        for (let d = target; d; d = d.parentElement ? d.parentElement.closest("details") : null) d.open = true;
        target.scrollIntoView({ block: "center" });
        target.querySelector("summary").focus();
      });
      box.append(btn);
    }
    return box;
  }

  function renderLimits(rep) {
    return section("sec-limits", t("limits.title"),
      el("ul", { class: "limits" }, arr(rep.limits).map((l) => el("li", null,
        el("strong", null, str(l.limit)), l.input ? ` (${str(l.input)})` : "", ": ", str(l.detail),
        l.max ? " — " + t("limits.max", { max: l.max }) : ""))));
  }

  function renderChecks(rep) {
    const checks = arr(rep.checks).filter(isObj);
    const wrap = section("sec-checks", t("checks.title"));
    if (!checks.length) {
      wrap.append(el("p", { class: "empty" }, t("checks.none")));
      return wrap;
    }
    for (const [gid] of GROUPS) {
      const items = checks.filter((c) => groupOf(c.id) === gid)
        .map((c, i) => [c, i]).sort((a, b) => (RANK[a[0].status] ?? 5) - (RANK[b[0].status] ?? 5) || a[1] - b[1]).map(([c]) => c);
      if (!items.length) continue;
      const counts = {};
      for (const c of items) counts[c.status] = (counts[c.status] || 0) + 1;
      const worst = items[0].status;
      const g = el("div", { class: "group", dataset: { group: gid } },
        el("h4", null, pill(worst), " ", groupTitle(gid), " ",
          el("span", { class: "counts" }, Object.entries(counts).map(([s, n]) => t("group.count", { n, status: statusText(s).toLowerCase() })).join(", "))));
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
    if (c.fix) body.append(el("p", { class: "fix" }, el("strong", null, t("check.fix")), " ", c.fix));
    if (isObj(c.opensslError)) {
      const o = c.opensslError;
      body.append(el("p", { class: "openssl" }, t("check.openssl"), " ", el("code", null, `${str(o.code)} ${str(o.name)}`), " — ", str(o.text)));
    }
    for (const cmd of arr(c.commands)) body.append(commandBlock(cmd));
    if (arr(c.others).length) body.append(el("p", { class: "others" }, t("check.others"), " ", arr(c.others).map(str).join("; ")));
    if (c.rule) body.append(el("p", { class: "rule" }, t("check.rule"), " ", c.rule));
    // Fields added to checks later still show.
    const known = new Set(["id", "status", "subject", "subjectLabel", "title", "detail", "fix", "commands", "opensslError", "others", "rule"]);
    const rest = Object.fromEntries(Object.entries(c).filter(([k]) => !known.has(k)));
    if (Object.keys(rest).length) body.append(renderValue(rest));
    body.append(el("p", { class: "check-id" }, el("code", null, str(c.id)), c.subject ? el("code", { class: "subj" }, str(c.subject)) : null));
    d.append(body);
    return d;
  }

  function renderChain(rep) {
    const ch = rep.chain;
    const path = arr(ch.path).filter(isObj);
    const list = el("ol", { class: "chain", "aria-label": t("chain.aria") });
    path.forEach((link, i) => {
      const st = str(link.state) || "unknown";
      const sev = LINK_STATES[st] || "fail";
      list.append(el("li", { class: `link l-${sev}`, dataset: { state: st, cert: str(link.cert) } },
        el("div", { class: "link-card" },
          el("span", { class: "link-role" }, i === 0 ? t("chain.server") : i === path.length - 1 && ch.complete ? t("chain.anchor") : t("chain.intermediate")),
          el("span", { class: "link-label" }, str(link.label) || certLabel(rep, link.cert)),
          el("span", { class: "link-from" }, t("chain.from", { source: str(link.from) })),
          pill(sev === "ok" ? "pass" : sev, linkStateText(st, str(link.stateText))),
          link.note ? el("span", { class: "link-note" }, link.note) : null),
        i < path.length - 1 || !ch.complete ? el("span", { class: "issued-by" }, t("chain.issuedBy")) : null));
    });
    if (!ch.complete) {
      list.append(el("li", { class: "link l-fail l-missing", dataset: { state: "noAnchor" } },
        el("div", { class: "link-card" }, el("span", { class: "link-label" }, t("chain.noAnchor")),
          el("span", { class: "link-note" }, t("chain.noAnchorNote", { store: str(ch.store) || t("chain.theStore") })))));
    }
    const presented = arr(ch.presented).filter(isObj);
    return section("sec-chain", t("chain.title"),
      el("p", { class: "note" }, t("chain.store", { store: str(ch.store) || "—" }), " · ", ch.complete ? t("chain.complete") : t("chain.incomplete")),
      list,
      presented.length ? el("details", { class: "presented" }, el("summary", null, t("chain.presented", { n: presented.length })),
        el("div", { class: "scroll" }, el("table", null,
          el("thead", null, el("tr", null, el("th", { scope: "col" }, "#"), el("th", { scope: "col" }, t("chain.colCert")),
            el("th", { scope: "col" }, t("chain.colRole")), el("th", { scope: "col" }, t("chain.colNotes")))),
          el("tbody", null, presented.map((p, i) => el("tr", null,
            el("td", null, String(i + 1)), el("td", null, str(p.label) || certLabel(rep, p.cert)), el("td", null, str(p.role)),
            el("td", null, arr(p.notes).map(str).join("; "))))))))
        : null);
  }

  /** linkStateText names a chain link's state: core's text, else the page's for the states core leaves as they are. */
  function linkStateText(st, given) {
    if (st === "ok") return t("chain.ok");
    if (given && given !== st) return given;
    const m = { revoked: t("chain.state.revoked"), crlProblem: t("chain.state.crlProblem") };
    return m[st] || given || humanize(st);
  }

  function renderHosts(rep) {
    const hosts = arr(rep.hosts).filter(isObj);
    const hostNames = [...new Set(hosts.map((h) => str(h.host)))];
    const certs = [...new Set(hosts.map((h) => str(h.cert)))];
    const table = el("table", { class: "hostgrid" },
      el("thead", null, el("tr", null, el("th", { scope: "col" }, t("hosts.colHost")),
        certs.map((c) => el("th", { scope: "col" }, certLabel(rep, c) || t("hosts.noCert"))))),
      el("tbody", null, hostNames.map((h) => el("tr", null, el("th", { scope: "row" }, h),
        certs.map((c) => {
          const m = hosts.find((x) => str(x.host) === h && str(x.cert) === c);
          if (!m) return el("td", null, "—");
          return el("td", { class: m.matched ? "match" : "nomatch", dataset: { host: h, matched: String(!!m.matched) } },
            el("span", { class: "mark", "aria-hidden": "true" }, m.matched ? "✓" : "✗"),
            " ", m.matched ? t("hosts.matches") : t("hosts.noMatch"),
            m.rule && m.rule !== "none" ? el("span", { class: "rule" }, ` (${str(m.rule)}${m.by ? ": " + str(m.by) : ""})`) : null);
        })))));
    return section("sec-hosts", t("hosts.title"), el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": t("hosts.grid") }, table));
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
    const times = rows.flatMap((r) => [Date.parse(r.from), Date.parse(r.to)]).concat([at]).filter((x) => Number.isFinite(x));
    let min = Math.min(...times), max = Math.max(...times);
    if (!(max > min)) { min -= 86400e3; max += 86400e3; }
    const span = max - min;
    const pct = (x) => ((x - min) / span) * 100;
    const day = (x) => (Number.isFinite(x) ? fmt(x) : "?");
    const list = el("ul", { class: "timeline" });
    const folded = foldedCerts(rep);
    const shown = rows.filter((r) => !folded.has(r.id));
    const rest = rows.filter((r) => folded.has(r.id));
    const row = (r) => {
      const a = Date.parse(r.from), b = Date.parse(r.to);
      const bar = el("span", { class: `bar b-${r.state.replace(/[^a-zA-Z]/g, "") || "unknown"}` });
      const left = Number.isFinite(a) ? pct(a) : 0, right = Number.isFinite(b) ? pct(b) : 100;
      bar.style.setProperty("left", left + "%");
      bar.style.setProperty("width", Math.max(0.5, right - left) + "%");
      const marker = el("span", { class: "at-marker", "aria-hidden": "true" });
      marker.style.setProperty("left", pct(at) + "%");
      return el("li", { dataset: { state: r.state } },
        el("div", { class: "tl-label" }, el("span", null, r.label), " ",
          el("span", { class: "tl-dates" }, `${day(a)} → ${day(b)}`), r.note ? el("span", { class: "tl-note" }, ` · ${r.note}`) : null),
        el("div", { class: "track", "aria-hidden": "true" }, bar, marker));
    };
    list.append(...shown.map(row));
    return section("sec-timeline", t("timeline.title"),
      el("p", { class: "note" }, tn("timeline.asOf", { at: el("strong", null, fmt(rep.at)) })), list,
      rest.length ? lazy(el("details", { class: "certs-more", id: "timeline-more" }, el("summary", null, t("certs.more", { count: rest.length }))),
        () => el("ul", { class: "timeline" }, rest.map(row))) : null);
  }

  /** CERTS_UNFOLDED: up to this many certificates, every card is shown open. */
  const CERTS_UNFOLDED = 12;

  /**
   * foldedCerts: the ids of the certificates shown folded away, those of a
   * big CA file (a system bundle: 150 roots, or thousands) that are neither
   * on the path, nor in another file, nor what a finding is about.
   */
  function foldedCerts(rep) {
    const certs = arr(rep.certificates).filter(isObj);
    if (certs.length <= CERTS_UNFOLDED) return new Set();
    const featured = new Set(arr(isObj(rep.chain) ? rep.chain.path : []).filter(isObj).map((l) => str(l.cert)));
    for (const inp of arr(rep.inputs).filter(isObj)) {
      if (inp.role !== "tlsCAFile") for (const it of arr(inp.items).filter(isObj)) if (it.ref) featured.add(str(it.ref));
    }
    for (const c of arr(rep.checks).filter(isObj)) if (c.status === "fail" || c.status === "warn") featured.add(str(c.subject));
    return new Set(certs.map((c) => str(c.id)).filter((id) => !featured.has(id)));
  }

  function renderCerts(rep) {
    const fields = [
      ["subject", t("certs.subject")], ["issuer", t("certs.issuer")], ["validityText", t("certs.validity")],
      ["notBefore", t("certs.notBefore"), fmt], ["notAfter", t("certs.notAfter"), fmt],
      ["dnsNames", t("certs.dnsNames")], ["ipAddresses", t("certs.ipAddresses")],
      ["extKeyUsage", t("certs.extKeyUsage")], ["fingerprintSHA256", t("certs.fingerprint")],
    ];
    const wrap = section("sec-certs", t("certs.title"));
    const certs = arr(rep.certificates).filter(isObj);
    // A big CA file (a system bundle: 150 roots) would bury the few
    // certificates that matter: those of the path, of the other files, and
    // those a finding is about come first; the CA file's others fold away,
    // and their cards are built only when the fold is opened (a bundle of
    // 5,000 certificates would otherwise cost half a million elements).
    const foldIds = foldedCerts(rep);
    const fold = certs.filter((c) => foldIds.has(str(c.id)));
    const card = (c) => {
      const pk = isObj(c.publicKey) ? [str(c.publicKey.algorithm), c.publicKey.bits ? t("certs.bits", { bits: c.publicKey.bits }) : "", str(c.publicKey.curve)].filter(Boolean).join(" ") : "";
      const dl = el("dl", { class: "kv" });
      for (const [k, label, f] of fields) {
        if (c[k] === undefined || (Array.isArray(c[k]) && !c[k].length) || c[k] === "") continue;
        dl.append(el("dt", null, label), el("dd", null, Array.isArray(c[k]) ? c[k].map(str).join(", ") : f ? f(c[k]) : str(c[k])));
      }
      if (pk) dl.append(el("dt", null, t("certs.key")), el("dd", null, pk));
      if (c.goParseError) dl.append(el("dt", null, t("certs.goParseError")), el("dd", { class: "go-refuses" }, t("certs.goParseErrorText", { error: str(c.goParseError) })));
      const ts = isObj(c.trustSettings) ? c.trustSettings : null;
      if (ts) dl.append(el("dt", null, t("certs.trust")), el("dd", { class: ts.serverAuth === "rejected" ? "trust-rejected" : null }, t("certs.trustIn", { settings: str(ts.text), file: str(ts.file) })));
      return el("article", { class: "cert", id: "cert-" + str(c.id).slice(0, 16), dataset: { cert: str(c.id) } },
        el("h4", null, el("span", { class: "cert-label" }, str(c.label) || str(c.subject)), " ",
          pill(c.validityState === "valid" ? "pass" : "fail", validityStateText(str(c.validityState))),
          c.isCA ? el("span", { class: "tag" }, t("certs.ca")) : null, c.selfSigned ? el("span", { class: "tag" }, t("certs.selfSigned")) : null),
        dl,
        lazy(el("details", { class: "allfields" }, el("summary", null, t("certs.allFields"))), () => renderValue(c)));
    };
    for (const c of certs) if (!foldIds.has(str(c.id))) wrap.append(card(c));
    if (fold.length) {
      wrap.append(lazy(el("details", { class: "certs-more", id: "certs-more" }, el("summary", null, t("certs.more", { count: fold.length }))),
        () => fold.map(card)));
    }
    return wrap;
  }

  /** validityStateText names a certificate's validityState in the page language. */
  function validityStateText(state) {
    switch (state) {
      case "valid": return t("certs.state.valid");
      case "expired": return t("certs.state.expired");
      case "notYetValid": return t("certs.state.notYetValid");
      default: return humanize(state || "unknown");
    }
  }

  /** renderValue shows any JSON value as nested definition lists. */
  function renderValue(v, depth = 0, isCode = false) {
    if (depth > 8) return el("span", null, "…");
    if (Array.isArray(v)) {
      if (!v.length) return el("span", { class: "muted" }, t("value.none"));
      if (isCode && v.every((x) => typeof x === "string")) return el("div", null, v.map((x) => commandBlock(x)));
      if (v.every((x) => !isObj(x) && !Array.isArray(x))) return el("span", null, v.map(str).join(", "));
      return el("ol", { class: "tree" }, v.map((x) => el("li", null, renderValue(x, depth + 1, isCode))));
    }
    if (isObj(v)) {
      const dl = el("dl", { class: "kv tree" });
      for (const [k, x] of Object.entries(v)) {
        if (x === null || x === undefined) continue;
        dl.append(el("dt", null, fieldLabel(lang, k)), el("dd", null, renderValue(x, depth + 1, CODE_KEYS.has(k))));
      }
      return dl;
    }
    if (typeof v === "string" && (isCode || v.includes("\n"))) return commandBlock(v);
    return el("span", null, typeof v === "boolean" ? (v ? t("value.yes") : t("value.no")) : str(v));
  }

  // -------------------------------------------------------------------------
  // Export (the report only: never the password, never file bytes)

  function download(name, type, content) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = el("a", { href: url, download: name, class: "offscreen", tabindex: "-1", "aria-hidden": "true" });
    container.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function toMarkdown(rep) {
    const v = isObj(rep.verdict) ? rep.verdict : {};
    const L = [];
    const icon = { pass: "✅", fail: "❌", warn: "⚠️", skip: "⏭", info: "ℹ️" };
    L.push(`# ${t("md.title")}`, "");
    L.push(`- ${t("md.asOf")}: ${mdEscape(rep.at)}`);
    if (isObj(rep.tool)) L.push(`- ${t("md.tool")}: ${mdEscape(rep.tool.name)} ${mdEscape(rep.tool.version)}`);
    L.push(`- ${t("md.verdict")}: **${mdEscape(v.status || "none")}**${v.headline ? " — " + mdEscape(v.headline) : ""}`);
    if (v.pymongoError) L.push("", t("md.pyError"), "", fence(v.pymongoError));
    if (v.firstFix) L.push("", `**${t("md.firstFix")}** ${mdEscape(v.firstFix)}`);
    if (isObj(rep.uri) && rep.uri.masked) L.push("", `${t("md.uri")} \`${plain(rep.uri.masked).replace(/`/g, "")}\``);
    const inputs = arr(rep.inputs).filter(isObj);
    if (inputs.length) {
      L.push("", `## ${t("md.inputs")}`, "");
      for (const i of inputs) L.push(`- ${mdEscape(i.name)} (${mdEscape(i.role)}${i.roleSource ? ", " + mdEscape(i.roleSource) : ""}): ${mdEscape(i.summary)}`);
    }
    const checks = arr(rep.checks).filter(isObj);
    for (const [gid] of GROUPS) {
      const items = checks.filter((c) => groupOf(c.id) === gid);
      if (!items.length) continue;
      L.push("", `## ${groupTitle(gid)}`, "");
      for (const c of items) {
        const subj = str(c.subjectLabel) || str(c.subject);
        L.push(`- ${icon[c.status] || ""} **${mdEscape(c.title || c.id)}**${subj ? " — " + mdEscape(subj) : ""} \`${plain(c.id).replace(/`/g, "")}\``);
        if (c.detail) L.push(`  ${mdEscape(c.detail)}`);
        if (c.fix) L.push(`  ${t("check.fix")} ${mdEscape(c.fix)}`);
        for (const cmd of arr(c.commands)) L.push("", fence(cmd).split("\n").map((x) => "  " + x).join("\n"));
      }
    }
    if (isObj(rep.chain)) {
      L.push("", `## ${t("md.chain")}`, "", mdEscape(t("md.trustStore", { store: str(rep.chain.store), state: rep.chain.complete ? t("chain.complete") : t("chain.incomplete") })), "");
      arr(rep.chain.path).filter(isObj).forEach((p, i) => L.push(`${i + 1}. ${mdEscape(p.label)} (${mdEscape(p.from)}): ${mdEscape(p.state)}${p.note ? " — " + mdEscape(p.note) : ""}`));
    }
    const hosts = arr(rep.hosts).filter(isObj);
    if (hosts.length) {
      L.push("", `## ${t("md.hosts")}`, "");
      for (const h of hosts) L.push(`- ${mdEscape(h.host)}: ${h.matched ? t("md.matches") : t("md.noMatch")}${h.by ? " (" + mdEscape(h.by) + ")" : ""}`);
    }
    const certs = arr(rep.certificates).filter(isObj);
    if (certs.length) {
      L.push("", `## ${t("md.certificates")}`, "");
      for (const c of certs) {
        L.push(`- **${mdEscape(c.label || c.subject)}**: ${mdEscape(c.subject)}; ${t("md.issuer", { issuer: mdEscape(c.issuer) })}; ${mdEscape(c.notBefore)} → ${mdEscape(c.notAfter)} (${mdEscape(c.validityText)}); SHA-256 ${mdEscape(c.fingerprintSHA256)}`);
      }
    }
    const handover = isObj(rep.handover) ? rep.handover : null;
    if (handover && arr(handover.commands).length) {
      L.push("", `## ${t("md.commands")}`, "");
      for (const c of arr(handover.commands).filter(isObj)) L.push(`- ${mdEscape(c.purpose)}`, "", fence(c.command).split("\n").map((x) => "  " + x).join("\n"), "");
    }
    L.push("");
    return L.join("\n");
  }

  function renderExport(rep) {
    const stamp = str(rep.at).replace(/[^0-9TZ]/g, "").slice(0, 15) || "report";
    const json = el("button", { type: "button", id: "export-json" }, t("export.json"));
    json.addEventListener("click", () => download(`certinspect-${stamp}.json`, "application/json", JSON.stringify(rep, null, 2) + "\n"));
    const md = el("button", { type: "button", id: "export-md" }, t("export.md"));
    md.addEventListener("click", () => download(`certinspect-${stamp}.md`, "text/markdown", toMarkdown(rep)));
    const cp = el("button", { type: "button", id: "copy-md" }, t("export.copyMd"));
    cp.addEventListener("click", () => copy(toMarkdown(rep), cp));
    return section("sec-export", t("export.title"), el("p", { class: "note" }, t("export.note")),
      el("div", { class: "row" }, json, md, cp));
  }

  // -------------------------------------------------------------------------
  // Examples and presets

  /** setExampleNote shows fn() (a function, so that a language switch re-translates it). */
  function setExampleNote(fn) {
    state.exampleNote = fn;
    const n = $("example-note");
    if (n) n.textContent = note(fn);
  }

  function renderPresetNotes() {
    const n = $("preset-note");
    if (!n) return;
    const nodes = state.presetNotes.map((m) => el("p", null, note(m)));
    if (state.heldPreset) {
      const held = state.heldPreset;
      const apply = el("button", { type: "button", id: "preset-apply" }, t("preset.apply"));
      apply.addEventListener("click", () => { applyPreset(held, { replace: true }); });
      nodes.push(el("p", null, t("preset.held")), el("div", { class: "row" }, apply));
    }
    if (state.undo) {
      const undo = el("button", { type: "button", id: "undo" }, t("undo.button"));
      undo.addEventListener("click", undoReplace);
      nodes.push(el("p", null, t("undo.note")), el("div", { class: "row" }, undo));
    }
    n.replaceChildren(...nodes);
    n.hidden = !nodes.length;
  }

  /**
   * loadExample replaces the inputs with a built-in example's; false when it
   * failed. Inputs the user gave are kept aside: an Undo button brings them back.
   */
  async function loadExample(id) {
    const ex = exampleById(str(id));
    if (!ex) {
      const name = str(id);
      setExampleNote(() => t("examples.unknown", { name }));
      return false;
    }
    setExampleNote(() => t("examples.loading"));
    try {
      const files = await Promise.all(ex.files.map(async (f) => {
        const resp = await fetch(new URL(EXAMPLE_DATA + f.name, base), { credentials: "same-origin" });
        if (!resp.ok) throw new Error(`${f.name}: HTTP ${resp.status}`);
        const buf = await resp.arrayBuffer();
        if (buf.byteLength > 1 << 20) throw new Error(`${f.name}: too large`);
        return { name: f.name, role: f.role, data: new Uint8Array(buf) };
      }));
      if (userInputs()) state.undo = snapshot();
      state.heldPreset = null;
      state.files = files.map((f) => ({ ...f, base: f.name, key: ++fileKey }));
      $("uri").value = ex.uri || "";
      for (const id2 of ["password", "hosts", "error-text", "dns"]) $(id2).value = "";
      setAt(new Date(ex.at));
      state.example = ex.id;
      state.report = null;
      state.dirty = false;
      $("example").value = ex.id;
      setExampleNote(() => t("examples.loaded", { title: exampleTitle(ex.id) }));
      renderPresetNotes();
      renderChips();
      schedule(0);
      return true;
    } catch (err) {
      const message = err && err.message ? err.message : String(err);
      // fetch() rejects with a TypeError when the network or the site cannot
      // be reached: the examples' files are fetched when one is chosen.
      const offline = (err instanceof TypeError) || navigator.onLine === false;
      setExampleNote(offline ? () => t("examples.offline") : () => t("examples.failed", { message }));
      return false;
    }
  }

  /**
   * applyPreset applies {uri, at, example, hosts} from a link or attributes:
   * the example first, then the others on top. A connection string holding a
   * secret is refused with a visible note. It never silently replaces inputs
   * the user gave: it keeps them and offers the link's instead (a button), and
   * when told to replace them ({replace: true}) keeps them for Undo. It
   * resolves to whether it applied the preset.
   */
  async function applyPreset(p = {}, { replace = false } = {}) {
    if (!["example", "uri", "at", "hosts"].some((k) => p[k] !== undefined && p[k] !== null)) return false;
    if (userInputs() && !replace) {
      state.heldPreset = p;
      renderPresetNotes();
      return false;
    }
    const before = userInputs() ? snapshot() : null;
    state.heldPreset = null;
    state.presetNotes = [];
    if (p.example) await loadExample(p.example);
    if (before) state.undo = before;
    if (p.uri !== undefined && p.uri !== null) {
      const secret = uriSecret(p.uri);
      if (secret) state.presetNotes.push(() => t("preset.refusedSecret", { what: secretText(secret) }));
      else $("uri").value = str(p.uri).trim();
    }
    if (p.at) {
      const d = parseAt(p.at);
      const value = str(p.at).slice(0, 64);
      if (d) setAt(d);
      else state.presetNotes.push(() => t("preset.badAt", { value }));
    }
    if (p.hosts) $("hosts").value = str(p.hosts);
    // After an example, every input is the link's; otherwise the user's files stay.
    if (p.example) state.dirty = false;
    renderPresetNotes();
    schedule(0);
    return true;
  }

  // -------------------------------------------------------------------------
  // The skeleton (rebuilt when the language changes; input values kept)

  function build() {
    const exampleSelect = el("select", { id: "example" },
      el("option", { value: "" }, t("examples.choose")),
      EXAMPLES.map((e) => el("option", { value: e.id, selected: state.example === e.id }, exampleTitle(e.id))));
    const examples = el("div", { class: "field examples" },
      el("label", { for: "example" }, t("examples.label")),
      el("div", { class: "row" }, exampleSelect, el("button", { id: "example-load", type: "button" }, t("examples.load"))),
      el("span", { id: "example-note", class: "note", role: "status" }, note(state.exampleNote)));

    const uriField = el("div", { class: "field" },
      el("label", { for: "uri" }, t("uri.label")),
      el("input", { id: "uri", type: "text", spellcheck: "false", autocomplete: "off", autocapitalize: "off", placeholder: "mongodb+srv://cluster0.example.net/?tls=true&tlsCAFile=ca.pem" }));

    const dropZone = el("div", { id: "drop", class: "drop" },
      el("label", { for: "file-input", class: "drop-label" },
        el("span", { class: "drop-title" }, t("drop.title")),
        el("span", { id: "drop-help", class: "drop-help" }, tn("drop.help", { cmd: code("openssl s_client -showcerts") }))),
      el("input", { id: "file-input", type: "file", multiple: true, "aria-describedby": "drop-help" }),
      el("p", { id: "file-note", class: "file-note", role: "status", hidden: !state.fileNote }, note(state.fileNote)));

    const optional = [
      el("div", { class: "field" },
        el("label", { for: "paste" }, tn("paste.label", { sclient: code("s_client") })),
        el("textarea", { id: "paste", rows: "4", spellcheck: "false", autocomplete: "off" }),
        el("div", { class: "row" },
          el("button", { id: "paste-add", type: "button" }, t("paste.add")),
          el("span", { id: "paste-note", class: "note", role: "status" }))),
      el("div", { class: "field", id: "error-field" },
        el("label", { for: "error-text" }, t("errorText.label")),
        el("textarea", { id: "error-text", rows: "3", spellcheck: "false", autocomplete: "off" })),
      el("div", { class: "grid2" },
        el("div", { class: "field" },
          el("label", { for: "password" }, tn("password.label", { option: code("tlsCertificateKeyFilePassword") })),
          el("input", { id: "password", type: "password", autocomplete: "off", spellcheck: "false" })),
        el("div", { class: "field" },
          el("label", { for: "hosts" }, t("hosts.label")),
          el("input", { id: "hosts", type: "text", spellcheck: "false", autocomplete: "off", autocapitalize: "off", placeholder: "db0.example.net, 10.0.0.5" })),
        el("div", { class: "field at-field" },
          el("label", { for: "at" }, t("at.label")),
          el("div", { class: "row" },
            el("input", { id: "at", type: "datetime-local", step: "1", "aria-describedby": "at-utc" }),
            el("button", { id: "at-now", type: "button" }, t("at.now"))),
          el("span", { id: "at-utc", class: "note" })),
        el("div", { class: "field" },
          el("label", { for: "lang" }, t("lang.label")),
          el("select", { id: "lang" },
            el("option", { value: "en", lang: "en", selected: lang === "en" }, "English"),
            el("option", { value: "ja", lang: "ja", selected: lang === "ja" }, "日本語")))),
      el("details", { class: "more-inputs", id: "dns-more" },
        el("summary", null, tn("dns.summary", { scheme: code("mongodb+srv://") })),
        el("div", { class: "field" },
          el("label", { for: "dns" }, tn("dns.label", { srv: code("dig SRV _mongodb._tcp.<host>"), txt: code("dig TXT <host>") })),
          el("textarea", { id: "dns", rows: "3", spellcheck: "false", autocomplete: "off" }))),
    ];

    const inputs = el("section", { id: "inputs", "aria-labelledby": "inputs-h" },
      el("h2", { id: "inputs-h" }, t("inputs.heading")),
      compact ? null : el("p", { class: "privacy" }, t("inputs.privacy")),
      el("div", { id: "preset-note", class: "notice", role: "status", hidden: true }),
      examples, uriField, dropZone,
      el("ul", { id: "chips", class: "chips", "aria-label": t("drop.files") }),
      compact ? el("details", { class: "more-inputs compact-more", id: "inputs-more" }, el("summary", null, t("inputs.more")), optional) : optional);

    const results = el("section", { id: "results", "aria-labelledby": "results-h", tabindex: "-1" },
      el("h2", { id: "results-h", class: "visually-hidden" }, t("results.heading")),
      el("div", { id: "announce", class: "visually-hidden", role: "status", "aria-live": "polite", "aria-atomic": "true" }),
      el("div", { id: "progress", class: "progress", hidden: true },
        el("span", { id: "progress-text", role: "status" }),
        el("progress", { id: "progress-bar", max: "1", value: "0", "aria-label": t("progress.inspecting") }),
        el("button", { id: "cancel-run", type: "button" }, t("run.cancel"))),
      el("div", { id: "report" }));

    const engineText = state.engine === "ready" ? t("engine.ready") : state.engine === "failed" ? t("engine.failed", { message: state.engineError }) : t("engine.loading");
    const top = el(standalone ? "header" : "div", { class: "top" },
      standalone ? el("h1", null, "certinspect") : el("p", { class: "brand" }, "certinspect"),
      compact ? null : el("p", { class: "tagline" }, t("page.tagline")),
      el("p", { id: "engine", class: "engine" + (state.engine === "failed" ? " error" : ""), role: "status" }, engineText));
    const foot = el(standalone ? "footer" : "div", { class: "foot" },
      el("span", { id: "version" }, state.version ? t("page.version", { version: state.version }) : ""),
      el("span", null, t("page.footerPrivate")));

    const nodes = [];
    if (standalone) {
      // Focus moves to the results without touching the address: a "#results"
      // history entry would make Back re-apply a #example= link.
      const skip = el("a", { class: "skip", href: "#results" }, t("page.skip"));
      skip.addEventListener("click", (e) => {
        e.preventDefault();
        const r = $("results");
        r.focus();
        r.scrollIntoView({ block: "start" });
      });
      nodes.push(skip);
    }
    nodes.push(top, el(standalone ? "main" : "div", { class: "ci-main" }, inputs, results), foot);
    return nodes;
  }

  function values() {
    const out = {};
    for (const id of ["uri", "password", "hosts", "at", "error-text", "dns", "paste"]) {
      const n = $(id);
      if (n) out[id] = n.value;
    }
    return out;
  }

  function mount() {
    const kept = $("uri") ? values() : null;
    const errorShown = $("error-field") ? !$("error-field").hidden : false;
    // The rebuild keeps which sections are open and where the focus is.
    keepOpen(container);
    const active = root.activeElement;
    const focusId = active && active.id && container.contains(active) ? active.id : "";
    container.classList.add("ci-app");
    container.classList.toggle("compact", compact);
    container.lang = lang;
    container.replaceChildren(...build());
    if (kept) for (const [id, v] of Object.entries(kept)) $(id).value = v;
    else $("at").value = toLocalInput(new Date());
    if (errorShown) $("error-field").hidden = false;
    reopen(container);
    showAtUTC();
    wire();
    renderPresetNotes();
    renderChips();
    renderReport();
    if (focusId && $(focusId)) $(focusId).focus();
    if (standalone) {
      document.documentElement.lang = lang;
      document.title = t("page.title");
    }
  }

  // -------------------------------------------------------------------------
  // Inputs: wiring

  function addPaste() {
    const s = $("paste").value;
    const kind = sniffPaste(s);
    const note = $("paste-note");
    if (!kind) { note.textContent = t("paste.nothing"); return; }
    if (kind === "uri") {
      $("uri").value = s.trim();
      note.textContent = t("paste.asUri");
    } else if (kind === "file") {
      const sclient = /^CONNECTED\(/m.test(s) || /^Certificate chain$/m.test(s);
      addText(`pasted-${++pasteCount}${sclient ? "-s_client.txt" : ".pem"}`, s);
      note.textContent = sclient ? t("paste.asSclient") : t("paste.asFile");
    } else {
      $("error-field").hidden = false;
      const et = $("error-text");
      et.value = et.value ? et.value + "\n" + s.trim() : s.trim();
      note.textContent = t("paste.asError");
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
      e.stopPropagation();
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) addFiles(...filesOf(e.dataTransfer));
    });
    $("paste-add").addEventListener("click", addPaste);
    $("paste").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) addPaste(); });
    $("paste").addEventListener("input", touched);
    $("cancel-run").addEventListener("click", cancelRun);
    for (const id of ["uri", "password", "hosts", "error-text", "dns"]) $(id).addEventListener("input", () => { touched(); schedule(400); });
    $("lang").addEventListener("change", () => {
      setLang($("lang").value);
      if (options.onLang) options.onLang(lang);
      $("lang").focus();
    });
    $("at").addEventListener("input", () => { touched(); showAtUTC(); schedule(400); });
    $("at-now").addEventListener("click", () => { touched(); setAt(new Date()); schedule(0); });
    $("error-text").addEventListener("input", () => { $("error-field").hidden = false; });
    $("example-load").addEventListener("click", () => {
      const id = $("example").value;
      if (id) loadExample(id);
    });
    // Nothing typed may end up in the page's URL or the browser's form memory.
    for (const f of container.querySelectorAll("input, textarea")) f.setAttribute("autocomplete", "off");
  }

  function setLang(next) {
    const l = normLang(next);
    if (l === lang) return;
    lang = l;
    mount();
    // The report's own texts come from core in the request's language.
    if (state.report || state.files.length || $("uri").value.trim()) schedule(0);
  }

  function setCompact(on) {
    if (!!on === compact) return;
    compact = !!on;
    mount();
  }

  // -------------------------------------------------------------------------
  // Start

  // A file dropped outside the drop zone must not make the browser open it
  // (navigating away, and losing the inputs): on the page anywhere, in an
  // element over its whole area. It goes to the inputs, as on the drop zone.
  // Text dragged into a text field keeps its usual behaviour.
  const dropArea = standalone ? window : host;
  const carriesFiles = (e) => !!e.dataTransfer && [...(e.dataTransfer.types || [])].includes("Files");
  const intoField = (e) => { const t0 = e.composedPath()[0]; return !!t0 && !!t0.matches && t0.matches("input, textarea"); };
  dropArea.addEventListener("dragover", (e) => { if (carriesFiles(e) || !intoField(e)) e.preventDefault(); });
  dropArea.addEventListener("drop", (e) => {
    if (!carriesFiles(e) && intoField(e)) return;
    e.preventDefault();
    if (carriesFiles(e) && e.dataTransfer.files.length) addFiles(...filesOf(e.dataTransfer));
  });
  // Closing or reloading the tab discards the inputs (they live only in
  // memory): ask first when the user gave some (an example's are not theirs).
  window.addEventListener("beforeunload", (e) => {
    if (!userInputs()) return;
    e.preventDefault();
    e.returnValue = "";
  });
  mount();
  setBusy();

  engine.then(({ version }) => {
    state.engine = "ready";
    state.version = version;
    $("engine").textContent = t("engine.ready");
    $("version").textContent = t("page.version", { version });
    host.dataset.ready = "true";
    schedule(0);
  }, (err) => {
    state.engine = "failed";
    state.engineError = err && err.message ? err.message : String(err);
    $("engine").textContent = t("engine.failed", { message: state.engineError });
    $("engine").classList.add("error");
  });

  return {
    get lang() { return lang; },
    get report() { return state.report; },
    setLang,
    setCompact,
    loadExample,
    applyPreset,
    toMarkdown: (rep) => toMarkdown(rep || state.report || {}),
  };
}
