// `formality: "formal"` in German: the whole check (intro, every question, the results and the
// lead form, empty and sent) must address the reader as "Sie". The widget's own strings are checked
// on every screen with the questionnaire's texts taken out of what it shows; the questionnaire's
// own texts are checked in a second test, which waits (as a todo) until questionnaire/default.json
// has its "de-formal" texts.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { QUESTIONNAIRE, STEPS, assertNoErrors, chooseAnswers, hostPage, launchBrowser, logical, openPage, pickIndex } from "./support/browser.mjs";
import { startReceiver } from "./support/receiver.mjs";
import { DEMO_MOUNTS, startStatic } from "./support/serve.mjs";

/** Words that address the reader informally; "ihr" only in lower case, as "Ihr" is formal too. */
const INFORMAL = ["ihr", "euch", "euer", "eure", "eurem", "euren", "eurer", "eures", "habt", "seid"];

/**
 * The informal words of `text`, as whole words (engine::ui_text::informal_words). "IHR" in capitals
 * (an eyebrow's `text-transform`) is "Ihr" as well as "ihr", so it passes too.
 */
const informalWords = (text) =>
  text.split(/[^\p{L}]+/u).filter((w) => w === "ihr" || (w !== "Ihr" && w !== "IHR" && INFORMAL.includes(w.toLowerCase())));

/** A questionnaire text as a formal German widget shows it. */
const formal = (text) => text["de-formal"] ?? text.de;

/** Every German text of the questionnaire (informal and formal), longest first. */
const QUESTIONNAIRE_TEXTS = (() => {
  const out = [];
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== "object") return;
    for (const [k, x] of Object.entries(v)) {
      if ((k === "de" || k === "de-formal") && typeof x === "string") out.push(x);
      else walk(x);
    }
  };
  walk(QUESTIONNAIRE);
  return [...new Set(out)].sort((a, b) => b.length - a.length);
})();

/**
 * `text` without the questionnaire's texts: what the widget's own strings say. A question the
 * results quote shortened („Wie verlässlich sind …“) goes too.
 */
const withoutQuestionnaire = (text) =>
  QUESTIONNAIRE_TEXTS.reduce((t, q) => t.split(q).join(" "), text).replace(/„([^“]*)…“/g, (quoted, start) =>
    QUESTIONNAIRE_TEXTS.some((q) => q.startsWith(start.trimEnd())) ? "„“" : quoted,
  );

/** German texts that address the reader informally and have no formal form yet. */
const LACKING_FORMAL = (() => {
  let n = 0;
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== "object") return;
    if (typeof v.de === "string" && v["de-formal"] === undefined && informalWords(v.de).length > 0) n += 1;
    Object.values(v).forEach(walk);
  };
  walk(QUESTIONNAIRE);
  return n;
})();
const HAS_FORMAL_CONTENT = LACKING_FORMAL === 0;

/** What the widget shows: its shadow root's rendered text and its labels. */
const visibleText = (page) =>
  page.evaluate(() => {
    const root = document.querySelector("maturity-check").shadowRoot;
    const names = ["aria-label", "alt", "title", "placeholder"];
    const labels = [...root.querySelectorAll(names.map((n) => `[${n}]`).join(","))].flatMap((e) =>
      names.map((n) => e.getAttribute(n)).filter(Boolean),
    );
    const svgTitles = [...root.querySelectorAll("svg title, svg desc")].map((e) => e.textContent);
    return [root.querySelector(".mc-host")?.innerText ?? "", ...labels, ...svgTitles].join("\n");
  });

let browser;
let receiver;
/** Every screen the walk below saw: { name, text }. */
const screens = [];

before(async () => {
  [browser, receiver] = await Promise.all([launchBrowser(), startReceiver()]);
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await receiver?.close();
}, { timeout: 30_000 });

/** Records the screen `name` and checks that the widget's own strings on it are formal. */
async function screen(page, name) {
  const text = await visibleText(page);
  screens.push({ name, text });
  const found = informalWords(withoutQuestionnaire(text));
  assert.deepEqual(found, [], `${name}: the widget's own strings say ${found.join(", ")}\n${text}`);
  return text;
}

test("formal German: the widget's own strings say \"Sie\" on every screen", { timeout: 120_000 }, async () => {
  const config = {
    formality: "formal",
    privacy_url: "/datenschutz",
    lead: { endpoint: `${receiver.url}/leads`, retries: 0, timeout_ms: 3000, fields: { name: "required" } },
  };
  const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: hostPage({ lang: "de", config }) } } });
  const session = await openPage(browser);
  const { page, context } = session;
  const requested = [];
  page.on("request", (r) => requested.push(logical(new URL(r.url()).pathname)));
  try {
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 2, name: formal(QUESTIONNAIRE.title), exact: true }).waitFor();
    const intro = await screen(page, "intro");
    assert.match(intro, /Ihre Antworten bleiben in Ihrem Browser/);
    assert.ok(requested.some((p) => p.endsWith("/maturity-check.core.de-formal.txt")), `the formal core: ${requested}`);
    assert.ok(!requested.some((p) => p.endsWith("/maturity-check.core.de.txt")), "not the informal core");

    await page.getByRole("button", { name: "Check starten", exact: true }).click();
    const answers = chooseAnswers({ shift: 2 });
    for (let i = 0; i < STEPS.length; i++) {
      const step = STEPS[i];
      await page.waitForFunction(
        ({ counter, prompt }) => {
          const root = document.querySelector("maturity-check")?.shadowRoot;
          return root?.querySelector("#mc-step-counter")?.textContent === counter && root.querySelector("#mc-step-title")?.textContent === prompt;
        },
        { counter: `Frage ${i + 1} von ${STEPS.length}`, prompt: formal(step.question.prompt) },
      );
      const text = await screen(page, `question ${i + 1} (${step.question.id})`);
      if (step.kind === "context") assert.match(text, /Zu Ihrem Unternehmen/i);
      const k = pickIndex(step, answers);
      const label = k < step.question.options.length ? formal(step.question.options[k].label) : formal(step.question.dont_know);
      await page.getByRole("radio", { name: label, exact: true }).click();
    }

    await page.locator("#mc-results-title").waitFor();
    await page.getByRole("heading", { name: "Über Ihr Ergebnis sprechen" }).waitFor();
    const results = await screen(page, "results with the lead form");
    assert.match(results, /Ihr Plan/);
    assert.ok(requested.some((p) => p.endsWith("/maturity-check.advice.de-formal.json")), `the formal advice: ${requested}`);

    const submit = page.getByRole("button", { name: "Kontaktdaten senden", exact: true });
    await submit.click();
    await page.getByText("Ohne Ihre Einwilligung wird nichts gesendet.", { exact: false }).first().waitFor();
    await screen(page, "lead form with its errors");

    await page.getByRole("textbox", { name: "Name (Pflichtfeld)", exact: true }).fill("Maria Schmidt");
    await page.getByRole("textbox", { name: "E-Mail (Pflichtfeld)", exact: true }).fill("maria@firma.example");
    await page.getByRole("checkbox", { name: /^Ich bin einverstanden/ }).check();
    await submit.click();
    await page.locator(".mc-leadform__status").filter({ hasText: "Danke, Ihre Angaben sind angekommen." }).waitFor({ timeout: 15_000 });
    await screen(page, "lead sent");
    assertNoErrors(session);
  } finally {
    await context.close();
    await server.close();
  }
});

test("formal German: a config with errors gets the formal error panel", { timeout: 60_000 }, async () => {
  const config = { formality: "formal", theme: { primary: "nope" } };
  const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: hostPage({ lang: "de", config }) } } });
  const { page, context } = await openPage(browser);
  try {
    await page.goto(`${server.url}/`);
    await page.getByText("Bitte geben Sie diese Liste an die Betreiber der Seite weiter:").waitFor();
    const text = await visibleText(page);
    assert.deepEqual(informalWords(text), [], text);
  } finally {
    await context.close();
    await server.close();
  }
});

test(
  "formal German: the questionnaire's texts say \"Sie\" on every screen too",
  { todo: HAS_FORMAL_CONTENT ? false : `${LACKING_FORMAL} texts of questionnaire/default.json have no "de-formal" form yet` },
  () => {
    assert.ok(screens.length > 0, "the walk above ran");
    const informal = screens
      .map(({ name, text }) => ({ name, words: informalWords(text) }))
      .filter((s) => s.words.length > 0);
    assert.deepEqual(informal, [], `informal on: ${informal.map((s) => `${s.name}: ${s.words.join(", ")}`).join("; ")}`);
  },
);
