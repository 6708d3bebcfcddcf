// The BUILT certinspect.wasm in Node, loaded with the Go toolchain's own
// wasm_exec.js exactly as web/inspector-worker.js loads it: the node --test
// files of this folder share it (this file is not a test itself).
//   CERTINSPECT_WASM=/path/to/certinspect.wasm  for a private build.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const WASM = process.env.CERTINSPECT_WASM ? path.resolve(process.env.CERTINSPECT_WASM) : path.join(ROOT, "build", "web", "certinspect.wasm");
export const PKI = path.join(ROOT, "testdata", "pki");

/**
 * loadBridge runs the wasm and resolves, once the bridge is ready, with
 * {bridge: globalThis.certinspect, instance, exited: Promise} (exited settles
 * if the Go program ends). Whatever globalThis holds then (crypto.subtle,
 * say) is what the bridge finds.
 */
export async function loadBridge() {
  if (!fs.existsSync(WASM)) throw new Error(`${WASM} is missing: run make wasm (make test-wasm does)`);
  const goroot = execFileSync(process.env.GO || "go", ["env", "GOROOT"], { encoding: "utf8" }).trim();
  // wasm_exec.js defines globalThis.Go; with no globalThis.fs it writes Go's
  // stdout/stderr to the console, as in the browser's worker.
  createRequire(import.meta.url)(path.join(goroot, "lib", "wasm", "wasm_exec.js"));
  const ready = new Promise((resolve) => { globalThis.__certinspectReady = resolve; });
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(WASM), go.importObject);
  const exited = go.run(instance);
  await ready;
  return { bridge: globalThis.certinspect, instance, exited };
}
