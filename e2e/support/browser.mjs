// Shared helpers for the end-to-end specs: launching Chromium, serving dist/ with a host page,
// choosing answers, answering a step by mouse or keyboard, reading the results, and asking the
// engine for its own numbers.
//
// Every spec serves the built dist/ (run `cargo xtask dist` first, or `cargo xtask test e2e`) on
// 127.0.0.1 from a server it starts itself, and drives /usr/bin/chromium headless.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { cp, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { DEMO_MOUNTS, DEMO_PAGES, ROOT, startStatic } from "./serve.mjs";

export { ROOT };

// ---------------------------------------------------------------------------------------------
// Browser and servers

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

/** How long one spec file may run before the watchdog ends it (E2E_FILE_TIMEOUT_MS, default 5 min). */
const FILE_TIMEOUT_MS = Number(process.env.E2E_FILE_TIMEOUT_MS ?? 5 * 60_000);
let watchdog = null;

/**
 * Headless Chromium with the flags this machine needs. The first launch in a spec file also arms a
 * watchdog: per-test timeouts fail a stuck test, but a browser that stops answering can keep the
 * file's process alive forever; the watchdog ends it with a message instead of hanging the run.
 */
export function launchBrowser() {
  watchdog ??= setTimeout(() => {
    console.error(`e2e watchdog: ${process.argv[1]} still running after ${FILE_TIMEOUT_MS} ms; ending it`);
    process.exit(1);
  }, FILE_TIMEOUT_MS).unref();
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 60_000 });
}

const DIST_FILES = ["maturity-check.js", "maturity_check_bg.wasm", "integrity.json"];

/**
 * The name a widget file had before `cargo xtask dist` named it by its content (xtask/src/dist/hash.rs):
 * "/dist/maturity_check_bg.wasm" for "/dist/maturity_check_bg.AbCdE12345.wasm"; any other path as it is.
 */
export const logical = (path) => path.replace(/\.[A-Za-z0-9]{10}(\.[a-z]+)$/, "$1");
let distCopy = null;

/** { key: names, sizes and modification times of dist/'s files, newest: latest mtime }; null when a file is missing. */
async function distStamp(dir) {
  try {
    const names = (await readdir(dir)).sort();
    const logicalNames = names.map(logical);
    if (!DIST_FILES.every((f) => logicalNames.includes(f))) return null;
    const stats = await Promise.all(names.map((n) => stat(join(dir, n))));
    return { key: names.map((n, i) => `${n}:${stats[i].size}:${stats[i].mtimeMs}`).join("|"), newest: Math.max(...stats.map((x) => x.mtimeMs)) };
  } catch {
    return null;
  }
}

/**
 * A private copy of the built dist/, taken once per test file when dist/ is settled (complete and
 * unchanged for a moment). Others may rebuild dist/ while the specs run; serving the copy keeps a
 * half-written wasm module from failing a test that has nothing to do with it.
 */
export function distSnapshot() {
  distCopy ??= (async () => {
    const src = join(ROOT, "dist");
    // Up to a minute for a build under way to finish (dist/ incomplete or just written).
    for (let attempt = 0; ; attempt++) {
      const before = await distStamp(src);
      const last = attempt >= 60;
      if (before === null && last) {
        throw new Error(`dist/ is not built (missing one of ${DIST_FILES.join(", ")}): run \`cargo xtask dist\` or \`cargo xtask test e2e\``);
      }
      if (before !== null && (Date.now() - before.newest > 1500 || last)) {
        const dir = await mkdtemp(join(tmpdir(), "maturity-check-dist-"));
        await cp(src, dir, { recursive: true });
        const after = await distStamp(src);
        if (after?.key === before.key || last) {
          process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
          return dir;
        }
        await rm(dir, { recursive: true, force: true });
      }
      await new Promise((ok) => setTimeout(ok, 1000));
    }
  })();
  return distCopy;
}

/** DEMO_MOUNTS with /dist/ served from the snapshot of dist/. */
export async function mounts() {
  return { ...DEMO_MOUNTS, "/dist/": await distSnapshot() };
}

/** The demo site as `cargo xtask serve` serves it: DEMO_MOUNTS plus index.html at / and /index.html. */
export async function serveDemo() {
  return startStatic({ mounts: await mounts(), pages: DEMO_PAGES });
}

/**
 * A minimal host page with one widget. `lang` is the page's `<html lang>` (none when null);
 * `config` (an object) goes into the element's `config` attribute.
 */
export function hostPage({ lang = "de", config = null, title = "Host page" } = {}) {
  const langAttr = lang ? ` lang="${lang}"` : "";
  const configAttr = config ? ` config='${JSON.stringify(config).replaceAll("'", "&#39;")}'` : "";
  return `<!doctype html>
<html${langAttr}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  <script type="module" src="/dist/maturity-check.js"></script>
</head>
<body>
  <main>
    <h1>${title}</h1>
    <maturity-check${configAttr}></maturity-check>
  </main>
</body>
</html>`;
}

/** Serves dist/ and a host page (see `hostPage`) at /. */
export async function serveHost(options = {}) {
  return startStatic({ mounts: await mounts(), pages: { "/": { body: hostPage(options) } } });
}

/**
 * A new context and page that records page errors and console messages.
 * `reducedMotion: 'reduce'` removes the widget's 180 ms transition after a pick.
 */
export async function openPage(browser, { reducedMotion = "reduce", width = 1280, height = 900, context } = {}) {
  const ctx = context ?? (await browser.newContext({ reducedMotion, viewport: { width, height } }));
  const page = await ctx.newPage();
  const errors = [];
  const messages = [];
  page.on("pageerror", (e) => errors.push(String(e?.stack ?? e)));
  page.on("console", (m) => messages.push({ type: m.type(), text: m.text() }));
  page.setDefaultTimeout(10_000);
  return { context: ctx, page, errors, console: messages };
}

const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

/** Runs axe (WCAG 2 A and AA rules) on the widget and returns the violations, each summarised. */
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const options = { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } };
    const r = await window.axe.run(document.querySelector("maturity-check"), options);
    // Rules that checked nodes inside the shadow root (targets are [host, inner] pairs there).
    const inShadow = r.passes.filter((p) => p.nodes.some((n) => Array.isArray(n.target[0]))).length;
    return { violations: r.violations, inShadow };
  });
  // The widget must actually be in the scanned tree.
  assert.ok(result.inShadow >= 3, `axe checked the widget's shadow content (${result.inShadow} rules)`);
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
  }));
}

/** Fails with everything the page reported when it threw or logged an error. */
export function assertNoErrors({ errors, console }) {
  assert.deepEqual(errors, [], "page errors");
  const logged = console.filter((m) => m.type === "error");
  assert.deepEqual(logged, [], "console errors");
}

// ---------------------------------------------------------------------------------------------
// The questionnaire, the flow and the texts the tests look for

export const QUESTIONNAIRE = JSON.parse(readFileSync(join(ROOT, "questionnaire/default.json"), "utf8"));

/**
 * The order of the steps, as engine/src/flow.rs has it: context questions without `after` first,
 * then each scored question followed by the context questions placed after it.
 * Each step: { kind: 'scored' | 'context', index, question }.
 */
export const STEPS = (() => {
  const q = QUESTIONNAIRE;
  const contextAfter = (id) =>
    q.context_questions
      .map((question, index) => ({ kind: "context", index, question }))
      .filter((s) => (s.question.after ?? null) === id);
  const out = [...contextAfter(null)];
  q.questions.forEach((question, index) => {
    out.push({ kind: "scored", index, question });
    out.push(...contextAfter(question.id));
  });
  return out;
})();

/** The widget's own strings the tests use (src/i18n/de.rs, en.rs). */
export const TEXT = {
  de: {
    start: "Check starten",
    counter: (n, total) => `Frage ${n} von ${total}`,
    resume: (n, total) => `Weitermachen bei Frage ${n} von ${total}`,
    restart: "Neu beginnen",
    context: "Zu eurem Unternehmen",
    back: "Zurück",
    now: "Jetzt angehen",
    buildUp: "Aufbauen",
    leaveOut: "Bewusst weglassen",
    table: "Eure Werte und euer Ziel",
    planAll: (n) => `Den ganzen Plan zeigen (${n} Schritte)`,
    kpis: "Kennzahlen, an denen ihr euch messen solltet",
    focus: "Eure Schwerpunkte",
    you: "Eure Werte",
    target: "Ziel für eure Rolle",
  },
  en: {
    start: "Start the check",
    counter: (n, total) => `Question ${n} of ${total}`,
    resume: (n, total) => `Continue at question ${n} of ${total}`,
    restart: "Start over",
    context: "About your company",
    back: "Back",
    now: "Do now",
    buildUp: "Build up",
    leaveOut: "Leave out on purpose",
    table: "Your scores and your target",
    planAll: (n) => `Show the whole plan (${n} steps)`,
    kpis: "KPIs to steer by",
    focus: "Where to focus",
    you: "Your scores",
    target: "Target for your role",
  },
};

/** A questionnaire text in `locale`. */
export const tr = (text, locale) => text[locale] ?? text[QUESTIONNAIRE.default_locale];

/** The labels shown for a step, in order: the options, then "don't know" where offered. */
export function optionLabels(step, locale) {
  const labels = step.question.options.map((o) => tr(o.label, locale));
  if (step.kind === "scored" && step.question.dont_know) labels.push(tr(step.question.dont_know, locale));
  return labels;
}

// ---------------------------------------------------------------------------------------------
// Answers and share codes

/**
 * Deterministic answers: scored question k gets option `option(k)`, by default (k*3 + shift) % 5,
 * except those in `dontKnow` (indices of questions that offer "don't know"), which get "x"; context
 * question k gets `context(k)`. Returns { scored: [0-4 | 'x'], context: [option index] }.
 */
export function chooseAnswers({ shift = 0, option = (k) => (k * 3 + shift) % 5, dontKnow = [], context = () => 0 } = {}) {
  const q = QUESTIONNAIRE;
  const scored = q.questions.map((question, k) => {
    if (dontKnow.includes(k)) {
      assert.ok(question.dont_know, `question ${question.id} offers no "don't know"`);
      return "x";
    }
    return Math.max(0, Math.min(4, option(k)));
  });
  const ctx = q.context_questions.map((c, k) => context(k) % c.options.length);
  return { scored, context: ctx };
}

/** The share code for complete answers: `1~<id>~<version>~<scored>~<context>`. */
export function shareCode(answers) {
  const q = QUESTIONNAIRE;
  const scored = answers.scored.map((a) => (a === "x" ? "x" : String(a))).join("");
  const context = answers.context.map((k) => k.toString(36)).join("");
  return `1~${q.id}~${q.version}~${scored}~${context}`;
}

/** The position (0-based) of the option to pick on screen for `step` under `answers`. */
export function pickIndex(step, answers) {
  if (step.kind === "context") return answers.context[step.index];
  const a = answers.scored[step.index];
  return a === "x" ? step.question.options.length : a;
}

const scoreCache = new Map();

/**
 * The engine's result for a share code, from `engine/examples/score.rs`:
 * { overall: {score, level}, dimensions: [{id, score, level}], plan: {now, build_up, leave_out} }.
 */
export function engineScore(code) {
  if (!scoreCache.has(code)) {
    const out = execFileSync(
      process.env.CARGO ?? "cargo",
      ["run", "-q", "-p", "maturity-check-engine", "--example", "score", "--", code],
      { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 300_000 },
    );
    scoreCache.set(code, JSON.parse(out));
  }
  return scoreCache.get(code);
}

/** The level's name in `locale`, by level id. */
export function levelName(id, locale) {
  const level = QUESTIONNAIRE.levels.find((l) => l.id === id);
  assert.ok(level, `unknown level ${id}`);
  return tr(level.name, locale);
}

// ---------------------------------------------------------------------------------------------
// Driving the widget

/** The element that has focus, looking through open shadow roots. */
export function deepActive(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return null;
    return {
      tag: a.tagName.toLowerCase(),
      id: a.id,
      role: a.getAttribute("role"),
      text: a.textContent.trim(),
      inWidget: a.getRootNode() !== document,
    };
  });
}

/**
 * Waits until step `i` (0-based) is on screen: its counter and its prompt. With `focused`, also
 * until the question's heading has focus, as the widget moves it there after a pick.
 */
export async function waitForStep(page, i, locale, { focused = false } = {}) {
  const step = STEPS[i];
  const counter = TEXT[locale].counter(i + 1, STEPS.length);
  const prompt = tr(step.question.prompt, locale);
  await page.waitForFunction(
    ({ counter, prompt, focused }) => {
      const root = document.querySelector("maturity-check")?.shadowRoot;
      const heading = root?.querySelector("#mc-step-title");
      if (root?.querySelector("#mc-step-counter")?.textContent !== counter) return false;
      if (heading?.textContent !== prompt) return false;
      return !focused || root.activeElement === heading;
    },
    { counter, prompt, focused },
  );
}

/** Checks what step `i` shows: heading, eyebrow (dimension or "about your company"), options. */
export async function checkStepContent(page, i, locale) {
  const step = STEPS[i];
  const heading = page.getByRole("heading", { level: 2, name: tr(step.question.prompt, locale), exact: true });
  assert.equal(await heading.count(), 1, `heading of step ${i + 1}`);
  const eyebrow = await page.locator(".mc-step .mc-eyebrow").textContent();
  if (step.kind === "scored") {
    const dimension = QUESTIONNAIRE.dimensions.find((d) => d.id === step.question.dimension);
    assert.equal(eyebrow, tr(dimension.title, locale), `eyebrow of step ${i + 1}`);
  } else {
    assert.equal(eyebrow, TEXT[locale].context, `eyebrow of step ${i + 1}`);
  }
  const group = page.getByRole("radiogroup", { name: tr(step.question.prompt, locale), exact: true });
  const radios = group.getByRole("radio");
  const expected = optionLabels(step, locale);
  if (step.kind === "scored") assert.equal(expected.length, step.question.dont_know ? 6 : 5);
  assert.deepEqual(await radios.allTextContents(), expected.map((label, k) => `${k + 1}${label}`), `options of step ${i + 1}`);
}

/** Picks option `k` of the step on screen by clicking it. */
export async function clickOption(page, i, k, locale) {
  const label = optionLabels(STEPS[i], locale)[k];
  await page.getByRole("radio", { name: label, exact: true }).click();
}

/**
 * Picks option `k` of step `i` by keyboard. Focus must be on the question's heading. `how`:
 * 'digit' presses the number key; 'arrows' tabs into the group, moves with arrow keys (down, or up
 * around the end when that is shorter) and confirms with `confirm` (' ' or 'Enter').
 */
export async function keyOption(page, i, k, locale, { how = "digit", confirm = " " } = {}) {
  const labels = optionLabels(STEPS[i], locale);
  if (how === "digit") {
    await page.keyboard.press(String(k + 1));
    return;
  }
  await page.keyboard.press("Tab");
  let active = await deepActive(page);
  if (STEPS[i].question.explain && active.role !== "radio") {
    // A question with an explanation: its "What does this mean?" toggle comes first (once the
    // advice file, which brings the explanations of the built-in questions, has arrived).
    await page.keyboard.press("Tab");
    active = await deepActive(page);
  }
  assert.equal(active.role, "radio", `Tab from the heading of step ${i + 1} reaches the options`);
  const start = labels.findIndex((l, j) => active.text === `${j + 1}${l}`);
  assert.ok(start >= 0, `focused option of step ${i + 1}: ${active.text}`);
  const n = labels.length;
  const down = (k - start + n) % n;
  const [key, times] = down <= n - down ? ["ArrowDown", down] : ["ArrowUp", n - down];
  for (let t = 0; t < times; t++) await page.keyboard.press(key);
  active = await deepActive(page);
  assert.equal(active.text, `${k + 1}${labels[k]}`, `arrow keys reach option ${k + 1} of step ${i + 1}`);
  await page.keyboard.press(confirm);
}

/**
 * Answers every step from the first to the results, checking what each step shows. `mode` is
 * 'mouse' or 'keyboard'; the keyboard alternates number keys and arrows + Space/Enter, and each
 * step must arrive with focus on its heading.
 */
export async function answerAll(page, answers, locale, mode) {
  for (let i = 0; i < STEPS.length; i++) {
    await waitForStep(page, i, locale, { focused: mode === "keyboard" });
    await checkStepContent(page, i, locale);
    const k = pickIndex(STEPS[i], answers);
    if (mode === "mouse") {
      await clickOption(page, i, k, locale);
    } else {
      const how = i % 3 === 0 ? "digit" : "arrows";
      await keyOption(page, i, k, locale, { how, confirm: i % 2 ? "Enter" : " " });
    }
  }
}

/** Tabs from the top of the page until the start button has focus, then presses Enter. */
export async function keyboardStart(page, locale, label = TEXT[locale].start) {
  for (let n = 0; n < 10; n++) {
    await page.keyboard.press("Tab");
    const active = await deepActive(page);
    if (active?.tag === "button" && active.text === label) {
      await page.keyboard.press("Enter");
      return n + 1;
    }
  }
  assert.fail(`"${label}" not reached with Tab`);
}

/**
 * What the results screen shows: { heading, level, score, rows: [{title, score, target, gap,
 * stage}], plan: {now, build_up, leave_out} (advice ids, shown or behind "show the whole plan"),
 * findOut (dimension ids "do now" opens with), shareUrl }. A row's stage is the badge on its
 * dimension's disclosure button. A dimension that is not rated has score, gap and stage null, and
 * without any rated dimension level and score are null.
 */
export async function readResults(page, locale) {
  const t = TEXT[locale];
  await page.locator("#mc-results-title").waitFor();
  const table = page.getByRole("table", { name: t.table, exact: true });
  const rows = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const number = (cell) => (/^\d+$/.test(cell.textContent.trim()) ? Number(cell.textContent.trim()) : null);
      return { title: tr.cells[0].textContent.trim(), score: number(tr.cells[1]), target: number(tr.cells[2]), gap: number(tr.cells[3]) };
    }),
  );
  const stages = await page.locator(".mc-details").evaluateAll((ds) => ds.map((d) => d.querySelector(".mc-badge")?.textContent.trim() ?? null));
  rows.forEach((r, i) => (r.stage = stages[i] ?? null));
  const column = (name, attribute = "advice") =>
    page
      .getByRole("region", { name, exact: true })
      .locator(`li[data-${attribute}]`)
      .evaluateAll((lis, a) => lis.map((li) => li.getAttribute(`data-${a}`)), attribute);
  const shareInput = page.locator("#mc-share-url");
  const level = page.locator(".mc-summary__level");
  const rated = (await level.count()) > 0;
  return {
    heading: (await page.locator("#mc-results-title").textContent()).trim(),
    level: rated ? (await level.textContent()).trim() : null,
    score: rated ? Number(await page.locator(".mc-summary__points").textContent()) : null,
    rows,
    plan: {
      now: await column(t.now),
      build_up: await column(t.buildUp),
      leave_out: await column(t.leaveOut),
    },
    findOut: await column(t.now, "find-out"),
    shareUrl: (await shareInput.count()) ? await shareInput.inputValue() : null,
  };
}

/** A dimension's title as the radar and its table show it: the part before " (" or " –". */
export function shortTitle(title) {
  const words = title.split(" ");
  const end = words.findIndex((w) => w.startsWith("(") || w === "–" || w === "-");
  return (end < 0 ? words : words.slice(0, end)).join(" ");
}

/** Asserts that the results on screen are the engine's for `code`. */
export function assertResultsMatchEngine(shown, expected, locale) {
  const q = QUESTIONNAIRE;
  const rated = expected.overall.level !== null;
  assert.equal(shown.level, rated ? levelName(expected.overall.level, locale) : null, "overall stage name");
  assert.equal(shown.score, expected.overall.score, "overall score");
  assert.deepEqual(
    shown.rows.map((r) => ({ title: r.title, score: r.score })),
    expected.dimensions.map((d) => ({ title: shortTitle(tr(q.dimensions.find((x) => x.id === d.id).title, locale)), score: d.score })),
    "dimension scores in the results table",
  );
  shown.rows.forEach((r, i) => {
    const level = expected.dimensions[i].level;
    if (level === null) {
      assert.equal(r.stage, null, `${r.title} is not rated: no stage`);
      assert.equal(r.gap, null, `${r.title} is not rated: no gap`);
    } else {
      assert.ok(r.stage?.endsWith(levelName(level, locale)), `stage of ${r.title}: ${r.stage}`);
      assert.equal(r.gap, Math.max(0, expected.targets[i] - r.score), `gap of ${r.title}`);
    }
    assert.equal(r.target, expected.targets[i], `target of ${r.title}`);
  });
  for (const col of ["now", "build_up", "leave_out"]) {
    if (rated) assert.ok(shown.plan[col].length > 0, `plan column ${col} has entries`);
    assert.deepEqual(shown.plan[col], expected.plan[col], `plan column ${col}`);
  }
  assert.deepEqual(shown.findOut, expected.plan.find_out, "what to find out first");
}

/** The part after `#mc=` of a share URL. */
export function codeOf(url) {
  const m = /#mc=([^&]*)$/.exec(url ?? "");
  assert.ok(m, `share URL ends with #mc=<code>: ${url}`);
  return m[1];
}

// ---------------------------------------------------------------------------------------------
// Screenshots

export const SCREENSHOTS = join(ROOT, "test-results", "screenshots");

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}
