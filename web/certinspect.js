// certinspect.js: the inspector's JavaScript API, backed by a dedicated Web
// Worker that runs the Go core as WebAssembly.
//
//   import { inspect, ready } from "./certinspect.js";
//   const { version } = await ready();
//   const report = await inspect({
//     files: [{ name: "ca.pem", role: "tlsCAFile", data: uint8array }],
//     hosts: ["db0.example.net"], at: "2026-06-01T00:00:00Z",
//   }, { onProgress: (stage, done, total) => {} });
//
// `report` is the JSON report the CLI prints with --json. On the inspector
// page the same API is also window.certinspect ({version, ready, inspect}).
//
// One worker and one WebAssembly instance per page: every importer of this
// module (the page, any number of <cert-inspector> elements) shares them.
// configure({base}) before the first call loads the worker from another
// folder of the same origin (a Worker cannot come from another origin).

const WORKER_FILE = "./inspector-worker.js";
let base = new URL("./", import.meta.url);

let worker = null;
let readyPromise = null;
let version;
let nextId = 1;
const pending = new Map();

// The worker keeps the bytes of the files of the last request, so a re-run
// with the same Uint8Array objects (the page re-runs on every edit) does not
// copy a 30 MB CRL across threads again. held maps each Uint8Array the worker
// holds to its reference number. Do not modify a Uint8Array after passing it.
let held = new Map();
let nextRef = 1;

function encode(request) {
  if (!request || typeof request !== "object" || !Array.isArray(request.files)) return [request, held];
  const nextHeld = new Map();
  const files = request.files.map((f) => {
    if (!f || typeof f !== "object" || !(f.data instanceof Uint8Array)) return f;
    const known = held.get(f.data);
    const ref = known || nextRef++;
    nextHeld.set(f.data, ref);
    const { data, ...rest } = f;
    return known ? { ...rest, __ref: ref } : { ...rest, data, __ref: ref };
  });
  return [{ ...request, files }, nextHeld];
}

function failAll(message) {
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
}

function startWorker() {
  let resolveReady, rejectReady;
  readyPromise = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  // Callers that never await ready() must not see an unhandled rejection.
  readyPromise.catch(() => {});
  const w = new Worker(new URL(WORKER_FILE, base), { name: "certinspect" });
  worker = w;
  const reset = (message) => {
    if (worker !== w) return; // a worker that cancel() has already replaced
    rejectReady(new Error(message));
    failAll(message);
    if (worker) worker.terminate();
    worker = null; // the next call starts a fresh worker
    held = new Map();
  };
  w.onmessage = (event) => {
    const msg = event.data || {};
    switch (msg.type) {
      case "ready":
        version = msg.version;
        api.version = version;
        resolveReady({ version });
        break;
      case "progress": {
        const p = pending.get(msg.id);
        if (p && p.onProgress) {
          try { p.onProgress(msg.stage, msg.done, msg.total); } catch (_) { /* a listener's bug is not ours */ }
        }
        break;
      }
      case "result":
      case "error": {
        const p = pending.get(msg.id);
        if (!p) break;
        pending.delete(msg.id);
        if (msg.type === "result") p.resolve(msg.report);
        else p.reject(new Error(msg.message));
        break;
      }
      case "fatal":
        reset(msg.message);
        break;
    }
  };
  w.onerror = (event) => {
    event.preventDefault();
    reset("The inspector worker failed: " + (event.message || "unknown error"));
  };
}

/**
 * configure({base}) sets the folder the worker (and its wasm) are loaded
 * from. It applies only before the worker starts; it returns whether it did.
 */
export function configure(options = {}) {
  if (worker || !options.base) return false;
  base = new URL(options.base, document.baseURI);
  return true;
}

/** baseURL is the folder the worker is (or will be) loaded from. */
export function baseURL() {
  return base.href;
}

/**
 * cancel() stops every inspection in progress: the worker is terminated (a
 * run inside the WebAssembly core cannot be interrupted otherwise) and a
 * fresh one is started for the next call. The pending inspect() promises
 * reject with an error whose `cancelled` is true. It returns whether there
 * was a worker to stop.
 */
export function cancel() {
  if (!worker) return false;
  const w = worker;
  worker = null;
  held = new Map(); // the new worker holds no file bytes
  w.terminate();
  for (const p of pending.values()) {
    const err = new Error("The inspection was cancelled.");
    err.name = "AbortError";
    err.cancelled = true;
    p.reject(err);
  }
  pending.clear();
  startWorker(); // warm up for the next run
  return true;
}

/** ready() resolves with {version} once the WebAssembly core is running. */
export function ready() {
  if (!worker) startWorker();
  return readyPromise;
}

/**
 * inspect(request, {onProgress}) → Promise<report>. The request is the JSON
 * form of core.Request: {uri, files: [{name, role, data: Uint8Array}],
 * keyPassword, hosts, at (RFC 3339), errorText, dnsAnswer, lang}.
 */
export function inspect(request, options = {}) {
  if (!worker) startWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress: options && options.onProgress });
    try {
      const [message, nextHeld] = encode(request);
      performance.mark("certinspect:post-start");
      worker.postMessage({ type: "inspect", id, request: message });
      performance.measure("certinspect:post", "certinspect:post-start");
      held = nextHeld;
    } catch (err) {
      pending.delete(id);
      reject(new Error("certinspect.inspect: the request cannot be sent to the inspector (" + err.message + "); pass plain data: strings, arrays and Uint8Array"));
    }
  });
}

const api = { version, ready, inspect, cancel };
export default api;
