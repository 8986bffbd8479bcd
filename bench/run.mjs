// Benchmark: the maturity-check widget side by side with the SurveyJS Form Library.
//
//   cargo xtask dist && npm install --prefix bench && node bench/run.mjs [--runs 20] [--rates 1,4] [--build]
//   node bench/run.mjs --serve     only serve the two pages, to look at them in a browser
//
// What it does (details and the reasoning behind each choice: BENCHMARKS.md):
//
// * Reads the built widget from dist/ (run `cargo xtask dist` first, or pass --build to have this
//   script run it) and the pinned SurveyJS packages from bench/node_modules.
// * Generates the SurveyJS survey JSON from questionnaire/default.json: the same 24 questions in the
//   same order (context questions where engine/src/flow.rs puts them), the same options, "don't
//   know" as an extra choice where the questionnaire offers one, one question per page, English.
// * Serves both host pages (the same page shell) and every asset from ONE node static server that
//   answers every request with precompressed brotli (`Content-Encoding: br`, compressed once at
//   start with zlib.brotliCompressSync at quality 11).
// * Drives headless Chromium (playwright-core): a fresh browser context per run, HTTP cache disabled,
//   runs alternating ours and the peer, at each CPU throttling rate (CDP
//   Emulation.setCPUThrottlingRate). Per run it measures, from navigation start: bytes (CDP
//   Network.loadingFinished encodedDataLength of every request sent before that moment) and time
//   until the first question is interactive (ours: its intro's start button is clicked by script
//   the moment it is interactive; both moments are recorded); time to answer every question by
//   script and show the results; JS heap after the results; long tasks (PerformanceObserver
//   'longtask', registered before any page script).
// * Prints medians and ratios ours/peer as Markdown and writes every run to
//   test-results/bench/results.json (and the Markdown to test-results/bench/summary.md); both also
//   under the run's start time (results-<date>.json, summary-<date>.md).

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zc } from "node:zlib";

import { chromium } from "playwright-core";

import { CHROMIUM, LAUNCH_ARGS } from "../e2e/support/browser.mjs";
import { BOOTSTRAP, median, quantile, timeRatio } from "./stats.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, "..");
const MODULES = join(BENCH, "node_modules");

// ---------------------------------------------------------------------------------------------
// Options

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const RUNS = Number(option("runs", process.env.BENCH_RUNS ?? 20));
const RATES = String(option("rates", "1,4")).split(",").map(Number);
const BUILD = process.argv.includes("--build");
// A Chromium trace of every recorded run (`Tracing`, main-thread timeline, V8 and wasm
// compilation), written to this folder as <side>-<rate>x-<run>.json; read one with
// `node bench/timeline.mjs <file>`. Tracing slows the page, so the times of such a run are not
// the benchmark's.
const TRACE = option("trace", null);
// A V8 CPU profile of every recorded run (CDP `Profiler`, sampled every 100 µs), written to this
// folder as <side>-<rate>x-<run>.cpuprofile; `node bench/profile.mjs <file>` sums it up.
const PROFILE = option("profile", null);
const LOCALE = "en"; // SurveyJS ships English UI strings in its core bundle; German would need its i18n file.
const OUT = join(ROOT, "test-results", "bench");
if (!(RUNS >= 1) || RATES.some((r) => !(r >= 1))) {
  console.error("usage: node bench/run.mjs [--runs N] [--rates 1,4] [--build] [--serve] [--trace DIR] [--profile DIR]");
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Inputs: dist/, the peer's packages, the questionnaire

const DIST_FILES = ["maturity-check.js", "maturity_check_bg.wasm"];
if (BUILD || !DIST_FILES.every((f) => existsSync(join(ROOT, "dist", f)))) {
  console.error("bench: building dist/ with `cargo xtask dist`");
  execFileSync("cargo", ["xtask", "dist"], { cwd: ROOT, stdio: "inherit" });
}
if (!existsSync(join(MODULES, "survey-core")) || !existsSync(join(MODULES, "survey-js-ui"))) {
  console.error("bench: SurveyJS is not installed: run `npm install --prefix bench`");
  process.exit(1);
}

const pkgVersion = (name) => JSON.parse(readFileSync(join(MODULES, name, "package.json"), "utf8")).version;
const QUESTIONNAIRE = JSON.parse(readFileSync(join(ROOT, "questionnaire", "default.json"), "utf8"));
const tr = (text) => text[LOCALE] ?? text[QUESTIONNAIRE.default_locale];

/** The order of the check, as engine/src/flow.rs has it (the same as e2e/support/browser.mjs). */
const STEPS = (() => {
  const q = QUESTIONNAIRE;
  const contextAfter = (id) =>
    q.context_questions.filter((c) => (c.after ?? null) === id).map((question) => ({ kind: "context", question }));
  const out = [...contextAfter(null)];
  for (const question of q.questions) out.push({ kind: "scored", question }, ...contextAfter(question.id));
  return out;
})();

/**
 * The answers both sides give, by position on screen: scored question k picks option (3k+1) mod 5,
 * except every other question that offers "don't know", which picks it; context questions pick
 * their k mod n-th option. Deterministic, so both sides do exactly the same clicks.
 */
const PLAN = (() => {
  let dk = 0;
  let scored = 0;
  let context = 0;
  return STEPS.map((step) => {
    const q = step.question;
    let pick;
    if (step.kind === "context") pick = context++ % q.options.length;
    else if (q.dont_know && dk++ % 2 === 0) pick = q.options.length; // "don't know" is the extra last option
    else pick = (3 * scored + 1) % q.options.length;
    if (step.kind === "scored") scored++;
    return { name: q.id, prompt: tr(q.prompt), pick };
  });
})();

/** The SurveyJS survey JSON for the same questionnaire: one radiogroup per page. */
function surveyJson() {
  const q = QUESTIONNAIRE;
  const pages = STEPS.map((step, i) => {
    const question = step.question;
    const choices = question.options.map((o, k) => ({
      // Scored options carry their position (0 = least mature) as value, as our engine scores them.
      value: step.kind === "scored" ? k : o.id,
      text: tr(o.label),
    }));
    if (step.kind === "scored" && question.dont_know) choices.push({ value: "dont_know", text: tr(question.dont_know) });
    const element = { type: "radiogroup", name: question.id, title: tr(question.prompt), choices };
    if (question.help) element.description = tr(question.help);
    return { name: `step-${i + 1}`, elements: [element] };
  });
  // A small results page: per dimension the mean of the answered options on a 0-100 scale, "don't
  // know" left out (the SurveyJS way: calculated values shown in completedHtml). Our widget does much
  // more on its results screen (levels, radar, plan, KPIs, share link); see BENCHMARKS.md.
  const calculatedValues = q.dimensions.map((d) => {
    const ids = q.questions.filter((x) => x.dimension === d.id).map((x) => x.id);
    const terms = ids.map((id) => `iif({${id}} = 'dont_know', {__none}, {${id}})`).join(", ");
    return { name: `score_${d.id}`, expression: `round(avg(${terms}) * 25)` };
  });
  const rows = q.dimensions.map((d) => `<tr><th>${tr(d.title)}</th><td>{score_${d.id}}</td></tr>`).join("");
  return {
    title: tr(q.title),
    description: tr(q.subtitle),
    locale: LOCALE,
    showProgressBar: true,
    progressBarLocation: "top",
    progressBarType: "questions",
    autoAdvanceEnabled: true,
    autoAdvanceAllowComplete: true,
    calculatedValues,
    completedHtml: `<h2 id="peer-results-title">Your results</h2><table>${rows}</table>`,
    pages,
  };
}

// ---------------------------------------------------------------------------------------------
// The two host pages: the same shell, different widget

function hostPage(head, body) {
  return `<!doctype html>
<html lang="${LOCALE}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Host page</title>
  <link rel="icon" href="data:,">
${head}
</head>
<body>
  <main>
    <h1>Host page</h1>
${body}
  </main>
</body>
</html>
`;
}

const OURS_CONFIG = { locale: LOCALE, persistence: false };
const OURS_PAGE = hostPage(
  `  <script type="module" src="/dist/maturity-check.js"></script>`,
  `    <maturity-check config='${JSON.stringify(OURS_CONFIG)}'></maturity-check>`,
);
const PEER_PAGE = hostPage(
  [
    `  <link rel="stylesheet" href="/peer/lib/survey-core.fontless.min.css">`,
    `  <script defer src="/peer/lib/survey.core.min.js"></script>`,
    `  <script defer src="/peer/lib/survey-js-ui.min.js"></script>`,
    `  <script defer src="/peer/survey.js"></script>`,
  ].join("\n"),
  `    <div id="survey"></div>`,
);
// Page transitions off and no auto-advance delay: the equivalent of what our widget does under
// prefers-reduced-motion (no 180 ms pause after a pick), which both sides run with.
const PEER_SCRIPT = `// Generated by bench/run.mjs from questionnaire/default.json.
Survey.settings.animationEnabled = false;
Survey.settings.autoAdvanceDelay = 0;
var survey = new Survey.Model(${JSON.stringify(surveyJson())});
survey.render(document.getElementById("survey"));
`;

// ---------------------------------------------------------------------------------------------
// One static server, everything precompressed with brotli once at start

const TYPES = { html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8", wasm: "application/wasm", json: "application/json" };
const typeOf = (path) => TYPES[path.split(".").pop()] ?? TYPES.html;

function snapshotDist() {
  // Others may rebuild dist/ while we read it: read until two passes agree.
  for (let attempt = 0; attempt < 30; attempt++) {
    // Every file of dist/: the first view, and the chunks and advice fetched later.
    const files = readdirSync(join(ROOT, "dist")).filter((f) => statSync(join(ROOT, "dist", f)).isFile());
    const read = () => Object.fromEntries(files.map((f) => [f, readFileSync(join(ROOT, "dist", f))]));
    const a = read();
    const b = read();
    if (files.every((f) => a[f].equals(b[f]))) return a;
    execFileSync("sleep", ["2"]);
  }
  throw new Error("dist/ keeps changing; is a build running?");
}

const dist = snapshotDist();
const RAW = {
  "/ours/": { type: TYPES.html, body: Buffer.from(OURS_PAGE) },
  "/peer/": { type: TYPES.html, body: Buffer.from(PEER_PAGE) },
  "/peer/survey.js": { type: TYPES.js, body: Buffer.from(PEER_SCRIPT) },
  "/peer/lib/survey.core.min.js": { file: join(MODULES, "survey-core", "survey.core.min.js") },
  "/peer/lib/survey-js-ui.min.js": { file: join(MODULES, "survey-js-ui", "survey-js-ui.min.js") },
  "/peer/lib/survey-core.fontless.min.css": { file: join(MODULES, "survey-core", "survey-core.fontless.min.css") },
};
for (const f of Object.keys(dist)) RAW[`/dist/${f}`] = { body: dist[f] };

const ASSETS = {};
for (const [path, a] of Object.entries(RAW)) {
  const raw = a.body ?? readFileSync(a.file);
  const br = brotliCompressSync(raw, {
    params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_LGWIN]: 24, [zc.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  ASSETS[path] = { type: a.type ?? typeOf(path), raw: raw.length, br };
}

const acceptEncodings = new Set();
const server = createServer((req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  acceptEncodings.add(req.headers["accept-encoding"] ?? "(none)");
  const asset = ASSETS[path];
  if (!asset) {
    res.writeHead(404, { "content-type": "text/plain", "cache-control": "no-store" });
    return res.end("not found");
  }
  res.writeHead(200, {
    "content-type": asset.type,
    "content-encoding": "br",
    "content-length": asset.br.length,
    "cache-control": "no-store",
    vary: "Accept-Encoding",
  });
  res.end(req.method === "HEAD" ? undefined : asset.br);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;
if (process.argv.includes("--serve")) {
  // Only serve, to look at the two pages by hand.
  console.log(`bench: serving ${ORIGIN}/ours/ and ${ORIGIN}/peer/ (Ctrl-C ends)`);
  await new Promise(() => {});
}

// ---------------------------------------------------------------------------------------------
// In-page instrumentation, installed before any page script runs

/**
 * Runs in the page before its own scripts. Records long tasks; offers `waitFor(predicate)`, checked
 * after every DOM mutation (also inside shadow roots, by wrapping attachShadow) and on every frame
 * while something waits; then drives the side under test: wait until the first question's options
 * are interactive, answer every question by clicking the planned option as soon as it is
 * interactive, wait for the results. Times are performance.now(), i.e. ms since navigation start.
 */
function instrument({ plan, DONE }) {
  const B = (window.__bench = { marks: {}, longtasks: [], retries: 0, error: null, done: false });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {
    B.error = `no longtask observer: ${e}`;
  }

  // The main wasm module's memory, for the heap figures: the first instance that exports one
  // (the chunks import it). The glue is bundled into the loader, so it cannot be imported again.
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      const result = await original.apply(this, args);
      B.wasmMemory ??= result.instance?.exports.memory;
      return result;
    };
  }

  const waiters = new Set();
  let frameRequested = false;
  const check = () => {
    for (const w of [...waiters]) {
      let hit = null;
      try {
        hit = w.predicate();
      } catch {
        hit = null;
      }
      if (hit) {
        waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(hit);
      }
    }
    if (waiters.size && !frameRequested) {
      frameRequested = true;
      requestAnimationFrame(() => {
        frameRequested = false;
        check();
      });
    }
  };
  const observer = new MutationObserver(check);
  const observe = (node) => observer.observe(node, { subtree: true, childList: true, attributes: true, characterData: true });
  observe(document);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    observe(root);
    return root;
  };
  const waitFor = (predicate, timeoutMs = 0) =>
    new Promise((resolve) => {
      const w = { predicate, resolve };
      if (timeoutMs) w.timer = setTimeout(() => { waiters.delete(w); resolve(null); }, timeoutMs);
      waiters.add(w);
      check();
    });

  /** Interactive: connected, laid out with a non-empty box, visible, and (when on screen) on top at its centre. */
  const interactive = (el) => {
    if (!el || !el.isConnected || el.closest("[disabled],[inert],[aria-disabled=true]")) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.pointerEvents === "none") return false;
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return true; // below the fold: a scroll away
    const hit = el.getRootNode().elementFromPoint(x, y);
    return hit === el || el.contains(hit);
  };
  /**
   * A scripted mouse click at the element's centre: pointerdown, mousedown, pointerup, mouseup,
   * click. (SurveyJS auto-advances a radio group only after a mousedown, so that keyboard users are
   * not moved on; a bare element.click() would not count as a mouse pick there.)
   */
  const press = (el) => {
    const r = el.getBoundingClientRect();
    const at = { bubbles: true, cancelable: true, composed: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, button: 0, view: window };
    el.dispatchEvent(new PointerEvent("pointerdown", { ...at, pointerType: "mouse", isPrimary: true, buttons: 1 }));
    el.dispatchEvent(new MouseEvent("mousedown", { ...at, buttons: 1 }));
    el.dispatchEvent(new PointerEvent("pointerup", { ...at, pointerType: "mouse", isPrimary: true }));
    el.dispatchEvent(new MouseEvent("mouseup", at));
    el.click();
  };
  /** A new task, without setTimeout's 4 ms clamp for nested timers. */
  const nextTask = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
  const mark = (name) => {
    B.marks[name] = performance.now();
    performance.mark(`bench:${name}`); // for traces (--trace)
    // Cross-check for the CDP byte count: the page's own resource timing, finished entries only.
    const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
    B.rtBytes = { ...B.rtBytes, [name]: entries.reduce((a, e) => a + e.transferSize, 0) };
  };

  const side = location.pathname.startsWith("/ours/") ? "ours" : "peer";
  const ours = () => document.querySelector("maturity-check")?.shadowRoot;
  const sides = {
    ours: {
      async begin() {
        const start = await waitFor(() => {
          const b = ours()?.querySelector(".mc-intro .mc-button--primary");
          return interactive(b) && b;
        });
        mark("start");
        await nextTask();
        press(start);
      },
      option(i) {
        const root = ours();
        if (root?.querySelector("#mc-step-title")?.textContent !== plan[i].prompt) return null;
        const o = root.querySelectorAll(".mc-step [role=radio]")[plan[i].pick];
        return interactive(o) && o;
      },
      results() {
        const h = ours()?.querySelector("#mc-results-title");
        return interactive(h) && h;
      },
    },
    peer: {
      async begin() {},
      option(i) {
        const q = document.querySelector(`.sd-question[data-name="${plan[i].name}"]`);
        const item = q?.querySelectorAll(".sd-item")[plan[i].pick];
        const label = item?.querySelector("label");
        return interactive(label) && label;
      },
      results() {
        const h = document.getElementById("peer-results-title");
        return interactive(h) && h;
      },
    },
  };
  const s = sides[side];

  (async () => {
    await s.begin();
    let last = null;
    for (let i = 0; i < plan.length; i++) {
      let o = await waitFor(() => s.option(i), 20_000);
      while (!o && last) {
        // The previous pick did not move on (should not happen): pick again, and count it.
        B.retries++;
        if (B.retries > 20) throw new Error(`step ${i + 1} never became interactive`);
        press(last);
        o = await waitFor(() => s.option(i), 20_000);
      }
      if (!o) throw new Error(`step ${i + 1} never became interactive`);
      if (i === 0) mark("first");
      // Each pick in a task of its own, as real input arrives: the work a pick causes shows up as
      // its own (long) task, not merged with the previous step's rendering.
      await nextTask();
      o = s.option(i) || (await waitFor(() => s.option(i)));
      press(o);
      last = o;
    }
    if (!(await waitFor(() => s.results(), 60_000))) throw new Error("results never shown");
    mark("results");
    B.done = true;
  })()
    .catch((e) => {
      B.error = String(e?.stack ?? e);
    })
    .finally(() => {
      // Tells the driver, which evaluates nothing in the page until then (see run()).
      console.debug(DONE);
    });
}

// ---------------------------------------------------------------------------------------------
// One run

/** The console message with which the page reports that its run is over. */
const DONE = "bench:done";

async function run(browser, side, rate, traceName = null) {
  const context = await browser.newContext({ reducedMotion: "reduce", viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    const requests = new Map();
    const failed = [];
    cdp.on("Network.requestWillBeSent", (e) => requests.set(e.requestId, { url: e.request.url, sent: e.timestamp }));
    cdp.on("Network.responseReceived", (e) => {
      const r = requests.get(e.requestId);
      if (r) r.encoding = e.response.headers["content-encoding"] ?? e.response.headers["Content-Encoding"] ?? "";
    });
    cdp.on("Network.loadingFinished", (e) => {
      bytes += e.encodedDataLength;
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { bytes: e.encodedDataLength, finished: e.timestamp });
    });
    cdp.on("Network.loadingFailed", (e) => failed.push({ url: requests.get(e.requestId)?.url, error: e.errorText }));
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Performance.enable");
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });

    await page.addInitScript(instrument, { plan: PLAN, DONE });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

    const trace = [];
    if (TRACE && traceName) {
      cdp.on("Tracing.dataCollected", (d) => trace.push(...d.value));
      await cdp.send("Tracing.start", {
        categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.wasm,blink.user_timing,loading",
        transferMode: "ReportEvents",
      });
    }
    if (PROFILE && traceName) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
      await cdp.send("Profiler.start");
    }
    // The page says when it is done (a console message, which the driver receives without running
    // anything in the page). An evaluate during the run would make Playwright compile its
    // utility script in the page mid-load: about 20 ms of the main thread at 4x, on both sides.
    const done = new Promise((resolve) => page.on("console", (m) => m.text() === DONE && resolve()));
    await page.goto(`${ORIGIN}/${side}/`, { waitUntil: "commit" });
    try {
      let timer;
      const timeout = new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`timed out after ${60 * rate} s`)), 60_000 * rate)));
      await Promise.race([done, timeout]).finally(() => clearTimeout(timer));
    } catch (e) {
      const state = await page.evaluate(() => JSON.stringify({ ...window.__bench, html: document.documentElement.outerHTML.slice(0, 3000), shadow: document.querySelector("maturity-check")?.shadowRoot?.innerHTML?.slice(0, 3000) })).catch((x) => String(x));
      throw new Error(`${side} at ${rate}x: no result: ${e.message}\n${state}\nerrors: ${JSON.stringify(errors)}\nfailed: ${JSON.stringify(failed)}\nrequests: ${JSON.stringify([...requests.values()])}`);
    }
    const b = await page.evaluate(() => {
      const { wasmMemory, ...plain } = window.__bench;
      return plain;
    });
    const metrics = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
    if (PROFILE && traceName) {
      const { profile } = await cdp.send("Profiler.stop");
      profile.navigationStart = metrics.NavigationStart;
      profile.marks = b.marks;
      mkdirSync(PROFILE, { recursive: true });
      writeFileSync(join(PROFILE, `${traceName}.cpuprofile`), JSON.stringify(profile));
    }
    if (TRACE && traceName) {
      const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
      await cdp.send("Tracing.end");
      await complete;
      mkdirSync(TRACE, { recursive: true });
      writeFileSync(join(TRACE, `${traceName}.json`), JSON.stringify(trace));
    }
    if (b.error || errors.length || failed.length) {
      throw new Error(`${side} at ${rate}x: ${b.error ?? ""} ${JSON.stringify(errors)} ${JSON.stringify(failed)}`);
    }

    // Bytes until a mark: the encoded bytes (CDP loadingFinished encodedDataLength, headers
    // included) of every request the page had sent by then. CDP timestamps and NavigationStart are
    // on the same monotonic clock (s); marks are performance.now() (ms since navigation start).
    const bytesUntil = (ms) =>
      ms === undefined
        ? null
        : [...requests.values()].filter((r) => r.sent <= metrics.NavigationStart + ms / 1000).reduce((a, r) => a + (r.bytes ?? 0), 0);
    const heap = await cdp.send("Runtime.getHeapUsage");
    await cdp.send("HeapProfiler.collectGarbage");
    const heapGc = await cdp.send("Runtime.getHeapUsage");
    const wasmMemory =
      side === "ours"
        ? await page.evaluate(() => window.__bench.wasmMemory?.buffer.byteLength ?? null)
        : 0;

    const tasks = (until) => b.longtasks.filter((t) => t.start < until);
    const sum = (ts) => ts.reduce((a, t) => a + t.duration, 0);
    const first = b.marks.first;
    return {
      side,
      rate,
      bytesStart: bytesUntil(b.marks.start),
      bytesFirst: bytesUntil(b.marks.first),
      rtBytesFirst: b.rtBytes?.first ?? null,
      bytesTotal: bytes,
      tStart: b.marks.start ?? null,
      tFirst: first,
      tAnswer: b.marks.results - first,
      tResults: b.marks.results,
      jsHeapUsed: metrics.JSHeapUsedSize,
      jsHeapUsedAfterGc: heapGc.usedSize,
      backingStoreAfterGc: heapGc.backingStorageSize ?? null,
      wasmMemory,
      heapBeforeGc: heap.usedSize,
      longTasks: b.longtasks.length,
      longTaskMs: sum(b.longtasks),
      longTasksToFirst: tasks(first).length,
      longTaskMsToFirst: sum(tasks(first)),
      retries: b.retries,
      longTaskList: b.longtasks.map((t) => [+t.start.toFixed(1), +t.duration.toFixed(1)]),
      marks: Object.fromEntries(Object.entries(b.marks).map(([k, v]) => [k, +v.toFixed(1)])),
      requests: [...requests.values()].map((r) => ({
        url: r.url.replace(ORIGIN, ""),
        bytes: r.bytes,
        encoding: r.encoding,
        sentMs: +((r.sent - metrics.NavigationStart) * 1000).toFixed(1),
        finishedMs: r.finished ? +((r.finished - metrics.NavigationStart) * 1000).toFixed(1) : null,
      })),
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Main

const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "?";
  }
};

const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 60_000 });
const env = {
  date: new Date().toISOString(),
  cpu: (readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/) ?? [])[1] ?? cpus()[0]?.model,
  cores: cpus().length,
  ramGiB: +(totalmem() / 2 ** 30).toFixed(1),
  chromium: browser.version(),
  node: process.version,
  playwrightCore: JSON.parse(readFileSync(join(ROOT, "node_modules", "playwright-core", "package.json"), "utf8")).version,
  surveyCore: pkgVersion("survey-core"),
  surveyJsUi: pkgVersion("survey-js-ui"),
  commit: sh("git", ["rev-parse", "--short", "HEAD"]),
  dirty: sh("git", ["status", "--porcelain", "--", "src", "engine", "public", "questionnaire", "Cargo.toml", "Cargo.lock"]).split("\n").filter(Boolean).length,
  wasmSha256: createHash("sha256").update(dist["maturity_check_bg.wasm"]).digest("hex").slice(0, 12),
  loadavgAtStart: loadavg().map((x) => +x.toFixed(2)),
  runs: RUNS,
  rates: RATES,
  compression: "brotli quality 11, lgwin 24 (node zlib.brotliCompressSync), precompressed once at start",
  steps: PLAN.length,
  assets: Object.fromEntries(Object.entries(ASSETS).map(([p, a]) => [p, { raw: a.raw, brotli: a.br.length }])),
};
console.error(`bench: ${env.chromium}, ${RUNS} runs per side at ${RATES.join("x, ")}x CPU throttling, serving ${ORIGIN}`);

const results = [];
try {
  for (const rate of RATES) {
    // Warm-up pair, not recorded (first browser process start-up, JIT of the server, disk cache).
    await run(browser, "ours", rate);
    await run(browser, "peer", rate);
    for (let i = 0; i < RUNS; i++) {
      // Alternate, and alternate who goes first, so drift from other load hits both sides alike.
      for (const side of i % 2 ? ["peer", "ours"] : ["ours", "peer"]) {
        const r = await run(browser, side, rate, `${side}-${rate}x-${i + 1}`);
        results.push(r);
        console.error(
          `  ${rate}x ${side.padEnd(4)} #${String(i + 1).padStart(2)}: first ${r.tFirst.toFixed(0)} ms, ${r.bytesFirst} B; answer ${r.tAnswer.toFixed(0)} ms; heap ${(r.jsHeapUsed / 1e6).toFixed(1)} MB; long tasks ${r.longTasks}/${r.longTaskMs.toFixed(0)} ms`,
        );
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
env.loadavgAtEnd = loadavg().map((x) => +x.toFixed(2));
env.minutes = +((Date.now() - Date.parse(env.date)) / 60_000).toFixed(1);

// ---------------------------------------------------------------------------------------------
// Report

const METRICS = [
  ["bytesFirst", "Bytes transferred until the first question is interactive (encoded, CDP)", "B"],
  ["rtBytesFirst", "  cross-check: the page's resource timing transferSize at that moment (finished entries)", "B"],
  ["bytesStart", "  ours only: bytes until the intro's start button is interactive", "B"],
  ["tFirst", "Time from navigation start until the first question is interactive", "ms"],
  ["tStart", "  ours only: time until the intro's start button is interactive", "ms"],
  ["tAnswer", "Time to answer all 24 questions by script and show the results", "ms"],
  ["tResults", "Time from navigation start until the results are shown", "ms"],
  ["jsHeapUsed", "JS heap used after the results (Performance.getMetrics JSHeapUsedSize)", "MB"],
  ["jsHeapUsedAfterGc", "JS heap used after the results, after a forced GC", "MB"],
  ["wasmMemory", "  ours only: wasm linear memory (not part of the JS heap)", "MB"],
  ["longTasks", "Long tasks (> 50 ms), whole run: count", ""],
  ["longTaskMs", "Long tasks, whole run: total duration", "ms"],
  ["longTasksToFirst", "Long tasks until the first question is interactive: count", ""],
  ["longTaskMsToFirst", "Long tasks until the first question is interactive: total duration", "ms"],
  ["bytesTotal", "Bytes transferred in the whole run", "B"],
];
const fmt = (v, unit) => {
  if (v === null || v === undefined) return "–";
  if (unit === "MB") return (v / 2 ** 20).toFixed(2) + " MiB";
  if (unit === "B") return Math.round(v).toLocaleString("en-US") + " B";
  if (unit === "ms") return v.toFixed(0) + " ms";
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
};
const lines = [];
const summary = {};
for (const rate of RATES) {
  lines.push(`### CPU ${rate}x${rate === 1 ? " (no throttling)" : " (CDP Emulation.setCPUThrottlingRate)"}`, "");
  lines.push(`| metric (median of ${RUNS} runs; times: median (p25–p75)) | ours | SurveyJS | ours/peer (medians) |`, "|---|---:|---:|---:|");
  summary[rate] = {};
  const stats = (side, key) => {
    const xs = results.filter((r) => r.side === side && r.rate === rate).map((r) => r[key]);
    return { median: median(xs), p25: quantile(xs, 0.25), p75: quantile(xs, 0.75) };
  };
  // Times and long tasks vary from run to run: show the interquartile range beside the median.
  const cell = (st, unit, spread) =>
    st.median === null ? "–" : spread ? `${fmt(st.median, unit)} (${fmt(st.p25, unit).replace(" ms", "")}–${fmt(st.p75, unit)})` : fmt(st.median, unit);
  for (const [key, label, unit] of METRICS) {
    const o = stats("ours", key);
    const p = stats("peer", key);
    const oursOnly = key === "bytesStart" || key === "tStart" || key === "wasmMemory";
    const spread = unit === "ms" || key.startsWith("longTasks");
    const ratio = o.median !== null && p.median ? (o.median / p.median).toFixed(2) : "–";
    summary[rate][key] = { ours: o, peer: oursOnly ? null : p, ratio: oursOnly ? null : ratio };
    lines.push(`| ${label} | ${cell(o, unit, spread)} | ${oursOnly ? "–" : cell(p, unit, spread)} | ${oursOnly ? "–" : ratio} |`);
  }
  lines.push("");
  // How far the time ratio moves with the run-to-run spread: a bootstrap interval of the ratio of
  // the medians (each side's runs resampled on their own, with a fixed seed, so the report is
  // reproducible from the same runs).
  for (const [key, what] of [["tFirst", "the time to the first question"], ["tResults", "the time to the results"]]) {
    const { lo, hi } = timeRatio(results, rate, key);
    summary[rate][key].ratio95 = [lo, hi];
    lines.push(`Ratio of the medians for ${what}, 95 % bootstrap interval (${BOOTSTRAP.toLocaleString("en-US")} resamples of each side's runs): ${lo.toFixed(2)}–${hi.toFixed(2)}.`, "");
  }
}
const requestTable = (side) => {
  const r = results.find((x) => x.side === side && x.rate === RATES[0]);
  return r.requests.map((q) => `| ${side} | \`${q.url}\` | ${q.bytes?.toLocaleString("en-US")} B | ${q.encoding || "none"} | ${q.sentMs} | ${q.finishedMs} |`);
};
lines.push(
  `### Requests of one run at ${RATES[0]}x (encoded bytes incl. headers; ms since navigation start)`,
  "",
  "| side | URL | bytes | encoding | sent | finished |",
  "|---|---|---:|---|---:|---:|",
  ...requestTable("ours"),
  ...requestTable("peer"),
  "",
);
lines.push(`Accept-Encoding sent by Chromium: ${[...acceptEncodings].map((a) => `\`${a}\``).join(", ")}`, "");
lines.push(`Retries (a pick that did not move on): ${results.reduce((a, r) => a + r.retries, 0)}`, "");

mkdirSync(OUT, { recursive: true });
// The latest run under fixed names, and every run also under its start time, so none is lost.
const stamp = env.date.replace(/:/g, "-").replace(/\..*/, "");
for (const name of ["results.json", `results-${stamp}.json`]) writeFileSync(join(OUT, name), JSON.stringify({ env, summary, runs: results }, null, 2));
for (const name of ["summary.md", `summary-${stamp}.md`]) writeFileSync(join(OUT, name), lines.join("\n"));
console.log(JSON.stringify(env, null, 2));
console.log(lines.join("\n"));
console.error(`bench: every run in ${join(OUT, "results.json")}`);
