// Built-in example scenarios: small test inputs a documentation page can
// demonstrate without customer files. Pure data (no DOM): the page loads the
// files on demand from examples/data/, and scripts/build-dist.mjs imports this
// module to copy each `src` fixture from the repository (testdata/pki) there.
// Every example is evaluated at the fixtures' date, 2026-06-01T00:00:00Z.

const AT = "2026-06-01T00:00:00Z";
const CA = { name: "ca.pem", role: "tlsCAFile", src: "testdata/pki/ca.pem" };
const GOOD_CHAIN = { name: "server-chain.pem", role: "serverChain", src: "testdata/pki/server-chain.pem" };

export const EXAMPLES = [
  {
    id: "expired",
    uri: "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem",
    at: AT,
    files: [{ name: "expired-chain.pem", role: "serverChain", src: "testdata/pki/expired-chain.pem" }, CA],
  },
  {
    id: "missing-intermediate",
    uri: "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem",
    at: AT,
    files: [{ name: "missing-intermediate-chain.pem", role: "serverChain", src: "testdata/pki/missing-intermediate-chain.pem" }, CA],
  },
  {
    id: "hostname-mismatch",
    uri: "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem",
    at: AT,
    files: [{ name: "wrong-host-chain.pem", role: "serverChain", src: "testdata/pki/wrong-host-chain.pem" }, CA],
  },
  {
    id: "revoked",
    uri: "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem&tlsCRLFile=crl-revoked.pem",
    at: AT,
    files: [
      { name: "revoked-leaf-chain.pem", role: "serverChain", src: "testdata/pki/revocation/revoked-leaf-chain.pem" },
      CA,
      { name: "crl-revoked.pem", role: "tlsCRLFile", src: "testdata/pki/revocation/crl-revoked.pem" },
    ],
  },
  {
    id: "key-separate",
    uri: "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem&tlsCertificateKeyFile=client.crt",
    at: AT,
    files: [
      GOOD_CHAIN, CA,
      { name: "client.crt", role: "tlsCertificateKeyFile", src: "testdata/pki/client/cert-only.crt" },
      { name: "client.key", role: "auto", src: "testdata/pki/keys/client-rsa.key" },
    ],
  },
  {
    id: "encrypted-key",
    uri: "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem&tlsCertificateKeyFile=client-encrypted.pem",
    at: AT,
    files: [
      GOOD_CHAIN, CA,
      { name: "client-encrypted.pem", role: "tlsCertificateKeyFile", src: "testdata/pki/client/enc-pkcs8-pbkdf2-sha256-aes256.pem" },
    ],
  },
  {
    id: "tls-true",
    uri: "mongodb://db0.example.net/?tls=TRUE&tlsCAFile=ca.pem",
    at: AT,
    files: [GOOD_CHAIN, CA],
  },
  {
    id: "trust-settings",
    uri: "mongodb://db0.example.net/?tls=true&tlsCAFile=ca-bundle.trust.crt",
    at: AT,
    files: [GOOD_CHAIN, { name: "ca-bundle.trust.crt", role: "tlsCAFile", src: "testdata/pki/trust/root-rejected-serverauth.pem" }],
  },
  {
    id: "tls-insecure",
    uri: "mongodb://db0.example.net/?tls=true&tlsInsecure=true&tlsAllowInvalidHostnames=false&tlsCAFile=ca.pem",
    at: AT,
    files: [GOOD_CHAIN, CA],
  },
];

/** exampleById returns the example with that id, or undefined. */
export function exampleById(id) {
  return EXAMPLES.find((e) => e.id === id);
}

/** EXAMPLE_DATA is the folder (relative to the page's base) holding the files. */
export const EXAMPLE_DATA = "examples/data/";
