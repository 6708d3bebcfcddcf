// certinspect inspector worker: runs the Go core (certinspect.wasm) off the
// page's main thread. Protocol (structured-clone messages):
//   page → worker  {type: "inspect", id, request}
//   worker → page  {type: "ready", version}
//                  {type: "progress", id, stage, done, total}
//                  {type: "result", id, report}
//                  {type: "error", id, message}
//                  {type: "fatal", message}      (the inspector cannot run)
// The asset names below are rewritten to content-hashed names by
// scripts/build-dist.mjs; wasm_exec.js is the Go toolchain's own copy.
"use strict";

// Download and compile the core at once: compiling needs no imports, so it
// overlaps loading wasm_exec.js (and, on a slow network, that round trip).
const WASM_URL = new URL("certinspect.wasm", self.location.href);
const compiled = compileCore();
compiled.catch(() => {}); // reported by start(), not as an unhandled rejection

importScripts("wasm_exec.js");

let markReady;
const ready = new Promise((resolve) => { markReady = resolve; });
self.__certinspectReady = () => markReady();

async function compileCore() {
  if (WebAssembly.compileStreaming) {
    try {
      return await WebAssembly.compileStreaming(fetch(WASM_URL));
    } catch (err) {
      // A server without application/wasm: fall back to a plain compile.
      if (!(err instanceof TypeError)) throw err;
    }
  }
  const resp = await fetch(WASM_URL);
  if (!resp.ok) throw new Error("cannot load certinspect.wasm: HTTP " + resp.status);
  return WebAssembly.compile(await resp.arrayBuffer());
}

async function start() {
  const go = new Go();
  const instance = await WebAssembly.instantiate(await compiled, go.importObject);
  go.run(instance).then(() => {
    self.postMessage({ type: "fatal", message: "The inspector stopped unexpectedly. Reload the page." });
  });
  await ready;
  self.postMessage({ type: "ready", version: String(self.certinspect.version) });
}

const started = start().catch((err) => {
  self.postMessage({ type: "fatal", message: "The inspector could not start: " + (err && err.message ? err.message : String(err)) });
  throw err;
});

// Bytes of the last request's files, by reference number (see certinspect.js):
// a file sent before comes as {name, role, __ref} without its data.
let held = new Map();

function resolveRefs(request) {
  if (!request || typeof request !== "object" || !Array.isArray(request.files)) return request;
  const next = new Map();
  const files = request.files.map((f) => {
    if (!f || typeof f !== "object" || !("__ref" in f)) return f;
    const { __ref, ...rest } = f;
    if (!("data" in rest)) rest.data = held.get(__ref);
    next.set(__ref, rest.data);
    return rest;
  });
  held = next;
  return { ...request, files };
}

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type !== "inspect") return;
  const id = msg.id;
  // Synchronously, in message order, before any await.
  const request = resolveRefs(msg.request);
  try {
    await started;
    const report = await self.certinspect.inspect(request, (stage, done, total) => {
      self.postMessage({ type: "progress", id, stage: String(stage), done: Number(done), total: Number(total) });
    });
    self.postMessage({ type: "result", id, report });
  } catch (err) {
    self.postMessage({ type: "error", id, message: err && err.message ? String(err.message) : String(err) });
  }
};
