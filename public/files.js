// The widget's files by their content: `cargo xtask dist` names every file but the loader with the
// start of its SHA-256 hash (`maturity_check_bg.wasm` is served as `maturity_check_bg.<hash>.wasm`,
// cacheable for a year) and bundles this module into the loader with the hashes filled in.
//
// `fetchFile` is the `fetch` of the whole bundle: `cargo xtask dist` points the glue's and the
// chunk loader's `fetch` here (esbuild `--define:fetch=fetchFile --inject:files.js`), and the
// wasm module's own downloads (the questions, the advice, the results' styles) call that global
// `fetch` too. A widget file is fetched by its hashed name with its SRI hash (`integrity`), so a
// file that was changed on the way is refused by the browser, reported as a download failure and
// never run; any other URL is fetched as it is.

/**
 * The SRI hash of each file the first view fetches (the main wasm module, the built-in questions
 * per locale) and of `maturity-check.files.json`, the list of the others' hashes, which is fetched
 * the first time one of them is (written by `cargo xtask dist`, xtask/src/dist/hash.rs).
 */
const FIRST = __MC_FILES__;
const LIST = "maturity-check.files.json";

/** The folder the loader was served from: the widget's files are named relative to it. */
const SELF = new URL("./", import.meta.url).href;
/** Where the files are fetched from: SELF, or the `base` a site sets ([`useBase`]). */
let base = SELF;
let others = null;

/** Sets, once, the folder the files are fetched from (the first widget's `base` attribute). */
export const useBase = (url) => {
  if (base === SELF && url) base = new URL(url, document.baseURI).href.replace(/\/?$/, "/");
  return base;
};

/**
 * The URL of file `name` with the first ten letters and digits of its hash (`integrity`,
 * "sha256-…") in its name, as `cargo xtask dist` names it.
 */
const hashed = (name, integrity) =>
  new URL(name.replace(/[^.]*$/, `${integrity.slice(7).replace(/\W/g, "").slice(0, 10)}.$&`), base);

/** The SRI hash of file `name`: from FIRST, else from the list (undefined: not a widget file). */
async function integrityOf(name) {
  if (FIRST[name]) return FIRST[name];
  others ??= globalThis.fetch(hashed(LIST, FIRST[LIST]), { integrity: FIRST[LIST] }).then((r) => r.json());
  others.catch(() => (others = null)); // tried again on the next download
  return (await others)[name];
}

/** The file name of `url` if it names a file in the widget's folder, else null. */
const nameOf = (url) => {
  const href = String(url);
  for (const dir of [base, SELF]) if (href.startsWith(dir)) return href.slice(dir.length);
  return null;
};

/**
 * `fetch(url, init)` for the whole bundle: a widget file by its hashed name with its SRI hash,
 * any other URL as it is.
 */
export async function fetchFile(url, init) {
  const name = nameOf(url);
  const integrity = name && (await integrityOf(name));
  return integrity ? globalThis.fetch(hashed(name, integrity), { ...init, integrity }) : globalThis.fetch(url, init);
}

/**
 * The hashed URL and SRI hash of a file of the first view, for a preload link that
 * `fetchFile` then takes over ({ href, integrity }).
 */
export const firstViewFile = (name) => ({ href: hashed(name, FIRST[name]).href, integrity: FIRST[name] });
