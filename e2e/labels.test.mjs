// The page's label catalogue (web/i18n.js), without a browser: every key in
// both languages with the same {placeholders}; every key used by web/*.js and
// every used key present; every report field (Go struct tag in core) named in
// both languages, none stale; and the pure helpers behind the URL fragment.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { ROOT } from "./paths.mjs";
import { FIELDS, LABELS, LANGS, fieldLabel, formatDateTime, humanizeKey, pickLang, translate } from "../web/i18n.js";
import { parseAt, parseFragment, uriSecret } from "../web/inspector-ui.js";
import { EXAMPLES } from "../web/examples.js";

const WEB = path.join(ROOT, "web");
const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Label keys are passed as string literals to t("…") or tn("…") (never computed).
const CALL = /(?<![\w$.])(t|tn)\(\s*(["'])([^"'\n]+)\2/g;
const NON_LITERAL = /(?<![\w$.]|function )(?:t|tn)\(\s*(?!["'])/g;

function scan() {
  const used = new Map(); // key → first file
  const computed = [];
  for (const f of fs.readdirSync(WEB).filter((n) => n.endsWith(".js") && n !== "i18n.js")) {
    // Comments out (line numbers kept): they may mention t() in prose.
    const src = fs.readFileSync(path.join(WEB, f), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "))
      .replace(/(^|[^:"'\\])\/\/[^\n]*/g, (c, pre) => pre + " ".repeat(c.length - pre.length));
    for (const m of src.matchAll(CALL)) if (!used.has(m[3])) used.set(m[3], f);
    for (const m of src.matchAll(NON_LITERAL)) {
      const line = src.slice(0, m.index).split("\n").length;
      computed.push(`${f}:${line}`);
    }
  }
  return { used, computed };
}

describe("page labels", () => {
  const { used, computed } = scan();

  test("the scan finds the label calls", () => {
    assert.ok(used.size > 100, `only ${used.size} keys found: the scan is broken`);
  });

  test("every label exists in every language, with the same placeholders", () => {
    const en = Object.keys(LABELS.en).sort();
    for (const lang of LANGS) {
      const keys = Object.keys(LABELS[lang]).sort();
      assert.deepEqual(keys.filter((k) => !en.includes(k)), [], `${lang}: keys not in English`);
      assert.deepEqual(en.filter((k) => !keys.includes(k)), [], `${lang}: keys missing`);
      for (const k of en) {
        assert.deepEqual(placeholders(LABELS[lang][k]), placeholders(LABELS.en[k]), `${lang} ${k}: placeholders differ`);
        assert.ok(String(LABELS[lang][k]).trim().length > 0, `${lang} ${k} is empty`);
      }
    }
  });

  test("the Japanese labels are translated (not English left over)", () => {
    // Keys whose text is the same in both languages: names, codes, units.
    const same = new Set(["page.version", "at.utc", "preset.keyPassword", "role.tlsCRLFile", "certs.fingerprint", "certs.ca", "chain.ok", "check.openssl", "group.count"]);
    const untranslated = Object.keys(LABELS.en).filter((k) => !same.has(k) && LABELS.ja[k] === LABELS.en[k]);
    assert.deepEqual(untranslated, []);
  });

  test("every label used by web/*.js exists, and every label is used", () => {
    const missing = [...used].filter(([k]) => !(k in LABELS.en)).map(([k, f]) => `${k} (${f})`);
    assert.deepEqual(missing, [], "labels used but not in web/i18n.js");
    const unused = Object.keys(LABELS.en).filter((k) => !used.has(k));
    assert.deepEqual(unused, [], "labels in web/i18n.js that no script uses");
  });

  test("label keys are literals, never computed", () => {
    assert.deepEqual(computed, [], "t()/tn() called with a computed key");
  });

  test("translate fills placeholders and falls back to English", () => {
    assert.equal(translate("ja", "chip.remove", { name: "ca.pem" }), "ca.pem を削除");
    assert.equal(translate("en", "chip.remove", { name: "ca.pem" }), "Remove ca.pem");
    assert.equal(translate("fr", "verdict.ok"), "PyMongo would connect.");
    assert.equal(translate("ja", "no.such.key"), "no.such.key");
  });

  test("pickLang follows the browser's preferences", () => {
    for (const [prefs, want] of [[["ja-JP", "en"], "ja"], [["ja"], "ja"], [["en-GB", "ja"], "en"], [["fr-FR", "ja-JP"], "ja"], [["de"], "en"], [[], "en"], [[undefined], "en"]]) {
      assert.equal(pickLang(prefs), want, JSON.stringify(prefs));
    }
  });

  test("dates in the user's locale with UTC alongside", () => {
    const ja = formatDateTime("2026-03-01T00:00:00Z", "ja", "ja-JP");
    assert.match(ja, /2026\/03\/01/);
    assert.match(ja, /\(2026-03-01 00:00 UTC\)$/);
    const en = formatDateTime("2026-03-01T00:00:00Z", "en", "en-US");
    assert.match(en, /2026/);
    assert.match(en, /\(2026-03-01 00:00 UTC\)$/);
    assert.equal(formatDateTime("not a date", "en"), "not a date");
  });
});

// The report's field names: every JSON key core can write (the struct tags of
// core/**, test files aside), read the way the integrator's grep reads them.
const TAG = /json:"([a-zA-Z0-9]+)/g;

function goTags() {
  const tags = new Map(); // key → first file
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".go") && !e.name.endsWith("_test.go")) {
        for (const m of fs.readFileSync(p, "utf8").matchAll(TAG)) if (!tags.has(m[1])) tags.set(m[1], path.relative(ROOT, p));
      }
    }
  };
  walk(path.join(ROOT, "core"));
  return tags;
}

describe("report field names", () => {
  const tags = goTags();
  // Labels that are the same word in both languages (acronyms with nothing to add).
  const SAME = new Set(["id", "oid", "ocsp"]);

  test("the scan finds the struct tags", () => {
    assert.ok(tags.size > 200, `only ${tags.size} struct tags found: the scan is broken`);
    for (const k of ["signatureValid", "nextUpdate", "spkiSHA256", "revocationDate", "verifyCode"]) assert.ok(tags.has(k), k);
  });

  test("every field core writes is named in every language", () => {
    for (const lang of LANGS) {
      const missing = [...tags].filter(([k]) => !Object.hasOwn(FIELDS[lang], k)).map(([k, f]) => `${k} (${f})`);
      assert.deepEqual(missing, [], `FIELDS.${lang}: struct tags without a name`);
      for (const k of tags.keys()) assert.ok(String(FIELDS[lang][k]).trim().length > 0, `FIELDS.${lang}.${k} is empty`);
    }
  });

  test("no stale names: every entry is a struct tag", () => {
    for (const lang of LANGS) {
      assert.deepEqual(Object.keys(FIELDS[lang]).filter((k) => !tags.has(k)), [], `FIELDS.${lang}: not a struct tag in core`);
    }
  });

  test("the Japanese names are translated (not English left over)", () => {
    const untranslated = Object.keys(FIELDS.en).filter((k) => !SAME.has(k) && FIELDS.ja[k] === FIELDS.en[k]);
    assert.deepEqual(untranslated, []);
    for (const k of SAME) assert.equal(FIELDS.ja[k], FIELDS.en[k], `${k} is no longer the same: drop it from the list`);
    // No Japanese name is the English one in words either (what the page showed before).
    assert.deepEqual(Object.keys(FIELDS.ja).filter((k) => !SAME.has(k) && FIELDS.ja[k].toLowerCase() === humanizeKey(k).toLowerCase()), []);
  });

  test("fieldLabel: the language's name, else English, else the key as written", () => {
    assert.equal(fieldLabel("ja", "signatureValid"), "署名の検証");
    assert.equal(fieldLabel("ja-JP", "nextUpdate"), "次回更新 (nextUpdate)");
    assert.equal(fieldLabel("en", "signatureValid"), "Signature valid");
    assert.equal(fieldLabel("en", "spkiSHA256"), "SPKI SHA-256");
    assert.equal(fieldLabel("fr", "thisUpdate"), "This update", "an unknown language is English");
    assert.equal(fieldLabel("ja", "tlsCAFile"), "tlsCAFile", "a key core does not name (an option in a map) as written");
    assert.equal(fieldLabel("ja", "tlsAllowInvalidHostnames"), "tlsAllowInvalidHostnames");
    assert.equal(fieldLabel("en", ""), "");
    // Keys from JSON are data: Object.prototype's names are not labels.
    assert.equal(fieldLabel("ja", "constructor"), "constructor");
    assert.equal(fieldLabel("ja", "__proto__"), "__proto__");
    assert.equal(fieldLabel("ja", "hasOwnProperty"), "hasOwnProperty");
  });

  test("English falls in when a language lacks a name", () => {
    const saved = FIELDS.ja.nextUpdate;
    delete FIELDS.ja.nextUpdate;
    try {
      assert.equal(fieldLabel("ja", "nextUpdate"), "Next update");
    } finally {
      FIELDS.ja.nextUpdate = saved;
    }
  });
});

describe("URL fragment", () => {
  test("parseFragment reads encoded and raw connection strings", () => {
    const raw = "mongodb://db0.example.net/?tls=true&tlsCAFile=ca.pem";
    assert.deepEqual(parseFragment(`#uri=${encodeURIComponent(raw)}&at=2026-06-01T00:00:00Z&example=expired`),
      { uri: raw, at: "2026-06-01T00:00:00Z", example: "expired" });
    // Raw: the connection string keeps its own & options; + stays a +.
    assert.deepEqual(parseFragment(`#example=revoked&uri=mongodb+srv://c.example.net/?tls=true&tlsCAFile=ca.pem&lang=ja`),
      { example: "revoked", uri: "mongodb+srv://c.example.net/?tls=true&tlsCAFile=ca.pem", lang: "ja" });
    assert.deepEqual(parseFragment("#results"), {});
    assert.deepEqual(parseFragment(""), {});
    assert.deepEqual(parseFragment("#uri=%E0%A4%A"), { uri: "%E0%A4%A" }, "a bad escape stays raw");
    assert.deepEqual(parseFragment("#password=x&keyPassword=y"), {}, "unknown keys are ignored");
  });

  test("uriSecret finds passwords and tokens", () => {
    const cases = [
      ["mongodb://db0.example.net/?tls=true", ""],
      ["mongodb://alice@db0.example.net/?authMechanism=MONGODB-X509", ""],
      ["mongodb://alice:s3cret@db0.example.net/", "userPassword"],
      ["mongodb+srv://alice:@c.example.net/", "userPassword"],
      ["mongodb://db0.example.net/?tls=true&tlsCertificateKeyFilePassword=hunter2", "keyPassword"],
      ["mongodb://db0.example.net/?tls=true&TLSCERTIFICATEKEYFILEPASSWORD=hunter2", "keyPassword"],
      ["mongodb://db0.example.net/?tls=true%26tlsCertificateKeyFilePassword%3Dx", "keyPassword"],
      ["mongodb://db0.example.net/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:abc", "awsToken"],
      ["mongodb://db0.example.net/?appName=a:b@c", ""],
    ];
    for (const [uri, want] of cases) assert.equal(uriSecret(uri), want, uri);
  });

  test("parseAt takes RFC 3339 or a date", () => {
    assert.equal(parseAt("2026-06-01T00:00:00Z").toISOString(), "2026-06-01T00:00:00.000Z");
    assert.equal(parseAt("2026-06-01T09:00:00+09:00").toISOString(), "2026-06-01T00:00:00.000Z");
    assert.equal(parseAt("2026-06-01").toISOString(), "2026-06-01T00:00:00.000Z");
    for (const bad of ["", "yesterday", "2026-13-01T00:00:00Z", "1780272000"]) assert.equal(parseAt(bad), null, bad);
  });
});

describe("examples", () => {
  test("every example names fixtures that exist and a role", () => {
    assert.equal(EXAMPLES.length, 9);
    for (const ex of EXAMPLES) {
      assert.ok(ex.files.length > 0 && ex.uri && ex.at, ex.id);
      for (const f of ex.files) assert.ok(fs.existsSync(path.join(ROOT, f.src)), `${ex.id}: ${f.src}`);
      assert.equal(uriSecret(ex.uri), "", `${ex.id}: no secret in an example`);
    }
  });
});
