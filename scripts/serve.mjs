#!/usr/bin/env node
// A small static server for the inspector's dist/ folder:
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1]
// It sends application/wasm, the CSP and security headers, and the
// precompressed .br/.gz twins when the client accepts them. --port 0 picks a
// free port; the URL is printed once listening ("serving … on URL").
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { MIME, SECURITY_HEADERS } from "./csp.mjs";

const opt = { dir: "dist", port: "8080", host: "127.0.0.1" };
const a = process.argv.slice(2);
for (let i = 0; i < a.length; i += 2) opt[a[i].replace(/^--/, "")] = a[i + 1];
const root = path.resolve(opt.dir);
if (!fs.existsSync(path.join(root, "index.html"))) {
  console.error(`certinspect serve: ${root}/index.html is missing; run make dist first`);
  process.exit(1);
}

function send(res, status, headers, body) {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, { Allow: "GET, HEAD", "Content-Type": "text/plain" }, "method not allowed\n");
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
  } catch {
    return send(res, 400, { "Content-Type": "text/plain" }, "bad request\n");
  }
  if (pathname.endsWith("/")) pathname += "index.html";
  const file = path.resolve(root, "." + pathname);
  const base = path.basename(file);
  if (!file.startsWith(root + path.sep) || base.startsWith("_") || base.endsWith(".br") || base.endsWith(".gz") ||
      !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return send(res, 404, { "Content-Type": "text/plain; charset=utf-8" }, "not found\n");
  }
  const type = MIME[path.extname(file)] || "application/octet-stream";
  const accept = String(req.headers["accept-encoding"] || "");
  let body = file;
  const headers = {
    "Content-Type": type,
    // Content-hashed names (name.<10 hex>.ext) never change; the rest may.
    "Cache-Control": /\.[0-9a-f]{10}\.[a-z0-9]+$/.test(base) ? "public, max-age=31536000, immutable" : "no-cache",
    Vary: "Accept-Encoding",
  };
  if (/\bbr\b/.test(accept) && fs.existsSync(file + ".br")) {
    body = file + ".br";
    headers["Content-Encoding"] = "br";
  } else if (/\bgzip\b/.test(accept) && fs.existsSync(file + ".gz")) {
    body = file + ".gz";
    headers["Content-Encoding"] = "gzip";
  }
  const data = fs.readFileSync(body);
  headers["Content-Length"] = data.length;
  send(res, 200, headers, req.method === "HEAD" ? undefined : data);
});

server.listen(Number(opt.port), opt.host, () => {
  const { address, port } = server.address();
  console.log(`certinspect: serving ${path.relative(process.cwd(), root) || "."} on http://${address}:${port}/`);
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
