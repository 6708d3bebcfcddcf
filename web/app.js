// certinspect page: mounts the inspector UI (inspector-ui.js) on the page,
// picks the language from the browser (or #lang=), and applies a preset from
// the URL fragment: #uri=…&at=…&example=…&hosts=…&lang=…. A connection string
// that holds a secret is refused (with a visible note) and the fragment is
// removed from the address bar; nothing is ever written to the fragment.
import api from "./certinspect.js";
import { pickLang, normLang } from "./i18n.js";
import { mountInspector, parseFragment, uriSecret } from "./inspector-ui.js";

// window.certinspect ({version, ready, inspect}) for scripts and tests on this page.
Object.defineProperty(window, "certinspect", { value: api, writable: false, configurable: false });

function browserLang() {
  const prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  return pickLang(prefs);
}

function readFragment() {
  const preset = parseFragment(location.hash);
  if (preset.uri !== undefined && uriSecret(preset.uri)) {
    // Do not leave the secret in the address bar (no navigation, no request).
    history.replaceState(null, "", location.pathname + location.search);
  }
  return preset;
}

// presetKey identifies a fragment's inputs (the language aside): Back to a
// fragment already applied, or a fragment without inputs (#results), is no
// request for new inputs.
const presetKey = (p) => JSON.stringify(Object.entries(p).filter(([k]) => k !== "lang").sort());

const preset = readFragment();
const ui = mountInspector(document.getElementById("app"), {
  host: document.body,
  standalone: true,
  lang: preset.lang ? normLang(preset.lang) : browserLang(),
  base: new URL("./", import.meta.url),
});
let applied = presetKey(preset);
if (Object.keys(preset).some((k) => k !== "lang")) ui.applyPreset(preset);

// A hash change to another preset applies it, but never silently over inputs
// the user gave: applyPreset keeps them and offers the link's instead.
window.addEventListener("hashchange", () => {
  const p = readFragment();
  if (p.lang) ui.setLang(p.lang);
  const key = presetKey(p);
  if (!Object.keys(p).some((k) => k !== "lang") || key === applied) return;
  applied = key;
  ui.applyPreset(p);
});
