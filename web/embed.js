// <cert-inspector>: the certinspect inspector as a custom element, for
// documentation pages. One tag loads it:
//
//   <script type="module" src="/certinspect/embed.js"></script>
//   <cert-inspector example="expired" lang="ja" compact></cert-inspector>
//
// The UI is the inspector page's own (inspector-ui.js), rendered in an open
// shadow root with the page's stylesheet linked inside it, so the host page's
// styles do not reach it and its styles do not reach the host page.
// Attributes: uri, at, lang (en|ja), compact, theme (light|dark|auto),
// example (a built-in scenario id), hosts, base (folder of the inspector's
// files; default: this script's folder). Events (bubbling, composed):
// certinspect:report with detail {report, example}.
// Every element on a page shares one worker and one WebAssembly instance.
import { configure } from "./certinspect.js";
import { normLang, pickLang } from "./i18n.js";
import { mountInspector } from "./inspector-ui.js";

const STYLE_FILE = "./style.css";
const HERE = new URL("./", import.meta.url);

function pageLang() {
  const prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  return pickLang(prefs);
}

export class CertInspectorElement extends HTMLElement {
  static get observedAttributes() {
    return ["uri", "at", "lang", "compact", "theme", "example", "hosts"];
  }

  connectedCallback() {
    if (this._ui) return;
    const base = this.getAttribute("base") ? new URL(this.getAttribute("base"), document.baseURI) : HERE;
    if (!base.href.endsWith("/")) base.pathname += "/";
    configure({ base }); // the first element on the page decides
    const shadow = this.shadowRoot || this.attachShadow({ mode: "open" });
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL(STYLE_FILE, base).href;
    const container = document.createElement("div");
    shadow.replaceChildren(link, container);
    this._applyTheme();
    this._ui = mountInspector(container, {
      host: this,
      lang: this.hasAttribute("lang") ? normLang(this.getAttribute("lang")) : pageLang(),
      compact: this.hasAttribute("compact"),
      base,
      onLang: (l) => this.setAttribute("lang", l),
    });
    const preset = this._preset();
    if (Object.keys(preset).length) this._ui.applyPreset(preset);
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this._ui || oldValue === value) return;
    switch (name) {
      case "lang": this._ui.setLang(value); break;
      case "compact": this._ui.setCompact(value !== null); break;
      case "theme": this._applyTheme(); break;
      case "example": if (value) this._ui.applyPreset({ example: value }); break;
      default: if (value !== null) this._ui.applyPreset({ [name]: value });
    }
  }

  _preset() {
    const p = {};
    for (const k of ["example", "uri", "at", "hosts"]) if (this.hasAttribute(k)) p[k] = this.getAttribute(k);
    return p;
  }

  _applyTheme() {
    // :host([theme=…]) in style.css does the work; unknown values mean auto.
    const v = this.getAttribute("theme");
    if (v !== null && !["light", "dark", "auto"].includes(v)) this.setAttribute("theme", "auto");
  }

  /** The report currently shown (or null). */
  get report() { return this._ui ? this._ui.report : null; }

  /** Load a built-in example scenario; resolves to whether it loaded. */
  loadExample(id) { return this._ui ? this._ui.loadExample(id) : Promise.resolve(false); }
}

if (!customElements.get("cert-inspector")) customElements.define("cert-inspector", CertInspectorElement);
