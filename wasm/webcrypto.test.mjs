// The BUILT certinspect.wasm lends core the engine's WebCrypto (wasm/main.go,
// internal/webcrypto): an encrypted key file's PBKDF2 and a big CRL's hash run
// in crypto.subtle. These tests spy on crypto.subtle in Node and check that
// the bridge uses it, that the report is the same as when WebCrypto refuses
// (core then computes in Go), and that nothing else changes.
//
// Run: make test-wasm, or node --test wasm/ (CERTINSPECT_WASM for a private build).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { PKI, loadBridge } from "./loadbridge.mjs";

const read = (p) => new Uint8Array(fs.readFileSync(path.join(PKI, p)));

const calls = { deriveBits: 0, digest: 0, digestBytes: 0 };
const subtle = globalThis.crypto.subtle;
const realDeriveBits = subtle.deriveBits.bind(subtle);
const realDigest = subtle.digest.bind(subtle);
let refuse = false;
subtle.deriveBits = (...a) => { calls.deriveBits++; return refuse ? Promise.reject(new Error("refused by the test")) : realDeriveBits(...a); };
subtle.digest = (alg, data) => { calls.digest++; calls.digestBytes = Math.max(calls.digestBytes, data.byteLength); return refuse ? Promise.reject(new Error("refused by the test")) : realDigest(alg, data); };

let bridge;
before(async () => {
  ({ bridge } = await loadBridge()); // after the spies above are in place
});

function encryptedKeyRequest() {
  return {
    uri: "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem&tlsCertificateKeyFile=client.pem",
    keyPassword: "correct horse battery staple",
    at: "2026-06-01T00:00:00Z",
    files: [
      { name: "server-chain.pem", role: "serverChain", data: new Uint8Array([...read("revocation/good-leaf-chain.pem"), ...read("ca.pem")]) },
      { name: "ca.pem", role: "tlsCAFile", data: read("ca.pem") },
      { name: "client.pem", role: "tlsCertificateKeyFile", data: read("client/enc-pkcs8-pbkdf2-sha256-aes256.pem") },
    ],
  };
}

test("an encrypted PKCS#8 key is decrypted with WebCrypto's PBKDF2, and the same without it", async () => {
  calls.deriveBits = 0;
  const withWebCrypto = await bridge.inspect(encryptedKeyRequest());
  assert.equal(calls.deriveBits, 1, "PBKDF2 went to crypto.subtle.deriveBits once");
  const key = withWebCrypto.keyFiles[0].keys[0];
  assert.equal(key.decrypted, true);
  assert.match(key.scheme, /PBKDF2-HMAC-SHA256/);
  assert.equal(withWebCrypto.verdict.status, "ok");

  refuse = true;
  try {
    const inGo = await bridge.inspect(encryptedKeyRequest());
    assert.equal(calls.deriveBits, 2, "asked again, refused, derived in Go");
    assert.deepEqual(inGo, withWebCrypto);
  } finally {
    refuse = false;
  }

  const wrong = encryptedKeyRequest();
  wrong.keyPassword = "Correct horse battery staple";
  const rep = await bridge.inspect(wrong);
  assert.equal(rep.keyFiles[0].keys[0].decrypted, false, "a wrong password is still wrong");
  assert.notEqual(rep.verdict.status, "ok");
});

test("a small CRL is hashed in Go, not handed to crypto.subtle.digest", async () => {
  // Big ones (over hostcrypto.MinDigestBytes) are: wasm/webcrypto_test.go.
  calls.digest = 0;
  const req = encryptedKeyRequest();
  req.files.push({ name: "crl.pem", role: "tlsCRLFile", data: read("revocation/crl-good.pem") });
  const rep = await bridge.inspect(req);
  assert.equal(rep.revocation.crls[0].signatureValid, true);
  assert.equal(calls.digest, 0);
});
