// maturity-check embed loader.
//
//   <script type="module" src="https://your-cdn.example/maturity-check/maturity-check.js"></script>
//   <maturity-check config='{"locale": "en"}'></maturity-check>
//
// Loads everything else relative to its own URL, or from the folder in the first widget's `base`
// attribute (for a site that bundles the loader into its own scripts), so the widget files can live
// on another origin (that server must send `Access-Control-Allow-Origin`). Each of those files is
// fetched by its content-hashed name with its SRI hash (`files.js`). The wasm module and the stylesheet are
// fetched once per page, however many widgets there are. Each widget renders into an open shadow
// root: the host page's CSS cannot reach in and the widget's CSS cannot leak out.

// wasm-bindgen's glue and, through it, the chunk loader. `cargo xtask dist` bundles both into this
// file, so the loader, the glue and the chunk loader arrive as one download.
// Only what the loader calls is imported, so that the bundle leaves out the rest of the glue.
import init, { mount as mountWidget, mount_load_failure as mountLoadFailure } from "./maturity_check.js";
// The first view's styles as text; `cargo xtask dist` bundles them (minified) into this file too.
import STYLES from "./maturity-check.css";
import { firstViewFile, useBase } from "./files.js";

const TAG = "maturity-check";

let runtime = null;
let sheet = null;

/**
 * `fetch(url)`, with the request sent at once through a preload link and the `fetch()` itself
 * made after the current script (a microtask later), where it takes over the preload's response
 * instead of asking again. `name` is a file of the first view, fetched by its hashed name with its
 * SRI hash (files.js). The page's first `fetch()` spends a few milliseconds setting the Fetch
 * API up (about 15 ms of a throttled phone's main thread); this way every download the loader
 * starts together leaves before that. The link is removed once the `fetch()` has been made.
 */
function fetchEarly(name) {
  const { href, integrity } = firstViewFile(name);
  const link = document.createElement("link");
  link.rel = "preload";
  link.as = "fetch";
  link.crossOrigin = "anonymous";
  link.href = href;
  link.integrity = integrity;
  (document.head ?? document.documentElement).append(link);
  return Promise.resolve().then(() => {
    try {
      return globalThis.fetch(href, { integrity });
    } finally {
      link.remove();
    }
  });
}

/** The wasm runtime, loaded and instantiated once. */
function loadRuntime() {
  if (!runtime) {
    const wasm = fetchEarly("maturity_check_bg.wasm");
    wasm.catch(() => {}); // a failure surfaces through the glue's init below
    // The glue's set-up (it builds its import object) waits for the end of the current script
    // too, so that the downloads started beside this one leave first.
    runtime = Promise.resolve()
      .then(() => init({ module_or_path: wasm }))
      .catch((e) => {
        throw Object.assign(new Error(`could not load the widget (maturity_check_bg.wasm): ${e?.message ?? e}`), { runtime: true });
      });
  }
  runtime.catch(() => {
    runtime = null; // a later widget may retry, e.g. after the network is back
  });
  return runtime;
}

/**
 * The first view's stylesheet as a constructable sheet, made once per page and shared by every
 * widget (no inline styles: works under a strict CSP).
 */
function firstViewSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
  }
  return sheet;
}

// The built-in questionnaire's locales, its default and the locales with a formal register
// (`LOCALES`, `DEFAULT_LOCALE` and `FORMAL` of the engine's `locales`: `cargo xtask dist` writes
// these three lines from them, and an xtask test fails when they differ here;
// e2e/chunks.test.mjs checks that the widget picks what this guesses).
const CORE_LOCALES = ["de", "en"];
const CORE_DEFAULT = "de";
const CORE_FORMAL = ["de"];
const cores = new Map();

/**
 * The config in `text` and the text locale the widget will pick for the built-in questions: the
 * config's `locale`, else the page's `<html lang>`, else the browser's languages, each matched by
 * language; else the default; "de-formal" for `formality: "formal"` in a locale with a formal
 * register. `{ config, locale }`, or null when `text` is not a JSON object (the widget reports that).
 */
function textLocale(text) {
  let config;
  try {
    config = JSON.parse(text);
  } catch {
    return null;
  }
  if (config === null || typeof config !== "object" || Array.isArray(config)) return null;
  const match = (tag) => (typeof tag === "string" ? CORE_LOCALES.find((l) => l === tag.split(/[-_]/)[0].toLowerCase()) : undefined);
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  const language = match(config.locale) ?? match(document.documentElement.getAttribute("lang")) ?? languages.map(match).find(Boolean) ?? CORE_DEFAULT;
  return { config, locale: config.formality === "formal" && CORE_FORMAL.includes(language) ? `${language}-formal` : language };
}

/**
 * Starts the download of the built-in questionnaire's core (`maturity-check.core.<locale>.txt`)
 * beside the wasm module's, in the locale the widget will pick for the config `text` (textLocale;
 * the formal German core is `maturity-check.core.de-formal.txt`). Returns `{ locale, text }` (locale: the text
 * locale, such as "de-formal"; text: a promise), or null when the
 * config brings its own questionnaire or is not a JSON object (the widget reports that). A wrong
 * guess costs a download, not a wrong widget: the widget fetches the file it needs itself.
 */
function builtinCore(text) {
  const guess = textLocale(text);
  if (!guess || guess.config.questionnaire !== undefined) return null;
  const { locale } = guess;
  if (!cores.has(locale)) {
    const core = fetchEarly(`maturity-check.core.${locale}.txt`).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.text();
    });
    core.catch(() => cores.delete(locale)); // the widget fetches it again itself
    cores.set(locale, core);
  }
  return { locale, text: cores.get(locale) };
}

function report(element, message, path) {
  console.error(`[maturity-check] ${path}: ${message}`);
  element.dispatchEvent(
    new CustomEvent("maturity-check:error", { bubbles: true, composed: true, detail: { message, path } }),
  );
}

/** How long a `config-url` may take to answer (the widget gives a questionnaire URL the same). */
const CONFIG_TIMEOUT_MS = 15000;

/**
 * The config text of an element: `config` (inline JSON) wins over `config-url`. A `config-url`
 * that fails, or does not answer within CONFIG_TIMEOUT_MS, throws an error with `path`
 * "config-url" and `download` set: the widget then offers to try again.
 */
async function configText(element) {
  const inline = element.getAttribute("config");
  if (inline !== null) return inline;
  const url = element.getAttribute("config-url");
  if (url === null) return "{}";
  const failed = (why) => Object.assign(new Error(`could not load the config "${url}": ${why}`), { path: "config-url", download: true });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CONFIG_TIMEOUT_MS);
  try {
    const response = await globalThis.fetch(new URL(url, document.baseURI), { credentials: "omit", signal: controller.signal });
    if (!response.ok) throw failed(`HTTP ${response.status}`);
    return await response.text();
  } catch (e) {
    if (e?.download) throw e;
    throw failed(controller.signal.aborted ? `no answer within ${CONFIG_TIMEOUT_MS / 1000} s` : "the network request failed");
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The "could not load, try again" panel for a download the loader made itself (`error`, from
 * configText); the widget reports it as `maturity-check:error`. Resolves to a handle with
 * `destroy()`; "Try again" calls `retry`. Without the wasm module, only the event is left.
 */
async function showLoadFailure(element, error, retry) {
  await loadRuntime();
  const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  const container = document.createElement("div");
  container.className = "mc-host";
  root.replaceChildren(container);
  root.adoptedStyleSheets = [firstViewSheet()];
  const handle = mountLoadFailure(element, container, error.message, error.path);
  element.addEventListener("maturity-check:retry", retry, { once: true });
  return {
    destroy() {
      element.removeEventListener("maturity-check:retry", retry);
      handle.destroy();
      handle.free();
      root.replaceChildren();
      root.adoptedStyleSheets = [];
    },
  };
}

/**
 * The panel's texts when the wasm module did not arrive, by language (the German one reads right
 * in both registers).
 */
const START_FAILED = {
  de: ["Der Check konnte nicht geladen werden. Bitte die Verbindung prüfen und es noch einmal versuchen.", "Noch einmal versuchen"],
  en: ["The check could not be loaded. Check your connection and try again.", "Try again"],
};

/**
 * The "could not load, try again" panel for when the wasm module itself did not arrive (offline,
 * or refused because it is not the file this loader was built with): the widget's own panel is in
 * that module, so this one is made here, with its markup and classes, in the language the
 * questions would have been in. "Try again" calls `retry`. Returns a handle with `destroy()`.
 */
function showStartFailure(element, text, retry) {
  const [message, label] = START_FAILED[textLocale(text)?.locale.slice(0, 2)] ?? START_FAILED.de;
  const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [firstViewSheet()];
  const make = (tag, className, ...children) => {
    const node = document.createElement(tag);
    node.className = className;
    node.append(...children);
    return node;
  };
  const button = make("button", "mc-button mc-button--primary", label);
  button.type = "button";
  button.onclick = retry;
  const panel = make("section", "mc-screen mc-load-failed", make("p", "", message), make("div", "mc-actions", button));
  panel.role = "alert";
  root.replaceChildren(make("div", "mc-host", make("div", "mc", panel)));
  return { destroy: () => root.replaceChildren() };
}

/**
 * Whether localStorage holds a key that looks like progress saved by an earlier version of a check
 * (`maturity-check:<id>:<version>`, before the key lost its version, engine/src/progress.rs): the
 * widget then reads it to say why the answers are gone. Here, so that the first view's wasm has no
 * code that walks the storage.
 */
const earlierProgress = () => {
  try {
    return Object.keys(localStorage).some((k) => /^maturity-check:[^:]+:(?!progress$)[^:]+$/.test(k));
  } catch {
    return false;
  }
};

/**
 * The built-in intro's height (px, rounded up) at a widget width below each step (measured in
 * Chromium for de, de-formal and en), 420 px above the last.
 */
const INTRO_HEIGHTS = [300, 710, 340, 665, 420, 610, 560, 585, 600, 560, 640, 535, 720, 495, 800, 470, 940, 465];
const introHeight = (width) => {
  for (let i = 0; i < INTRO_HEIGHTS.length; i += 2) if (width < INTRO_HEIGHTS[i]) return INTRO_HEIGHTS[i + 1];
  return 420;
};

/**
 * Mounts a widget into `element` with `config` (an object or JSON text).
 * Resolves to a handle with `destroy()`.
 */
async function mount(element, config = {}) {
  if (!(element instanceof HTMLElement)) throw new TypeError("MaturityCheck.mount: element must be an HTMLElement");
  const text = typeof config === "string" ? config : JSON.stringify(config);
  const base = useBase(element.getAttribute("base"));
  // The downloads first (the wasm module, the larger, then the built-in questions), so that they
  // are under way while the shadow root and the styles are set up.
  const runtime = loadRuntime();
  const core = builtinCore(text);
  const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  const container = document.createElement("div");
  container.className = "mc-host";
  root.replaceChildren(container);
  const start = (core = builtinCore(text)) =>
    mountWidget(element, container, text, base, core?.locale, core?.text, earlierProgress());
  root.adoptedStyleSheets = [firstViewSheet()];
  // The intro's height at the element's width (a block now, with the sheet), kept as the widget's
  // least height, so that the host page does not shift when the intro appears (e2e/layout.test.mjs).
  container.style.minHeight = `${introHeight(element.clientWidth)}px`;
  await runtime;
  let handle = await start(core);
  let live = true;
  // The widget asks for this when one of its own files did not arrive and the person pressed
  // "Try again": the same config, mounted anew.
  let retrying = false;
  const retry = async () => {
    if (!live || retrying) return;
    retrying = true;
    try {
      const again = await start();
      if (!live) return void (again.destroy(), again.free());
      handle.destroy();
      handle.free();
      handle = again;
    } finally {
      retrying = false;
    }
  };
  element.addEventListener("maturity-check:retry", retry);
  return {
    destroy() {
      if (!live) return;
      live = false;
      element.removeEventListener("maturity-check:retry", retry);
      handle.destroy();
      handle.free();
      root.replaceChildren();
      root.adoptedStyleSheets = [];
    },
  };
}

class MaturityCheckElement extends HTMLElement {
  static observedAttributes = ["config", "config-url"];
  #handle = null;
  #generation = 0;
  #watch = null;

  connectedCallback() {
    this.#start();
  }

  disconnectedCallback() {
    this.#stop();
  }

  attributeChangedCallback(_name, before, after) {
    if (this.isConnected && before !== after && this.#generation > 0) {
      this.#stop();
      this.#start();
    }
  }

  async #start() {
    const generation = ++this.#generation;
    // `loading="lazy"`: nothing is downloaded until the element is within a viewport's height of
    // being seen.
    if (this.getAttribute("loading") === "lazy" && !(await this.#near())) return;
    // The downloads start now, before the config is read (a `config-url` takes a round trip):
    // the wasm module, then the built-in questions for an inline config. mount() below picks up
    // the same downloads.
    useBase(this.getAttribute("base"));
    loadRuntime().catch(() => {});
    const inline = this.getAttribute("config");
    if (inline !== null) builtinCore(inline);
    let text = inline ?? "{}";
    try {
      let handle;
      try {
        text = await configText(this);
        if (generation !== this.#generation) return;
        handle = await mount(this, text);
      } catch (e) {
        if (!e?.download || generation !== this.#generation) throw e;
        const retry = () => {
          if (generation === this.#generation) this.#stop(), this.#start();
        };
        // Without the wasm module, the loader's own panel (below); the config's error is reported.
        handle = await showLoadFailure(this, e, retry).catch(() => {
          throw Object.assign(e, { runtime: true });
        });
      }
      // Removed or reconfigured while loading: this mount is already stale.
      if (generation !== this.#generation) return handle.destroy();
      this.#handle = handle;
    } catch (e) {
      if (generation !== this.#generation) return;
      if (e?.runtime) this.#handle = showStartFailure(this, text, () => generation === this.#generation && (this.#stop(), this.#start()));
      report(this, String(e?.message ?? e), e?.path ?? "$");
    }
  }

  /** Resolves true once the element is near the viewport, false if it is stopped before. */
  #near() {
    if (typeof IntersectionObserver !== "function") return true;
    return new Promise((ok) => {
      const seen = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) seen.disconnect(), ok(true);
        },
        { rootMargin: "100% 0px" },
      );
      seen.observe(this);
      this.#watch = () => (seen.disconnect(), ok(false));
    });
  }

  #stop() {
    this.#watch?.();
    this.#watch = null;
    this.#generation++;
    this.#handle?.destroy();
    this.#handle = null;
  }
}

window.MaturityCheck ??= Object.freeze({ mount });
if (!customElements.get(TAG)) customElements.define(TAG, MaturityCheckElement);
