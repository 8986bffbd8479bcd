// The whole check, by keyboard only and by mouse, in German and English. The results on screen
// must be the engine's own numbers for the same answers (engine/examples/score.rs).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  QUESTIONNAIRE,
  TEXT,
  answerAll,
  assertNoErrors,
  assertResultsMatchEngine,
  chooseAnswers,
  clickOption,
  codeOf,
  deepActive,
  engineScore,
  keyboardStart,
  launchBrowser,
  openPage,
  readResults,
  serveHost,
  shareCode,
  STEPS,
  tr,
  waitForStep,
} from "./support/browser.mjs";

let browser;

before(async () => {
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
}, { timeout: 30_000 });

const dk = (id) => QUESTIONNAIRE.questions.findIndex((q) => q.id === id);

/** Overall stages the runs below reach; together they must cover every level. */
const reached = new Set();

/**
 * Four runs: every combination of input (keyboard, mouse) and language (de via <html lang>, en via
 * <html lang> or the config's locale). Each answers differently, some with "don't know", the overall
 * results cover every stage, and two run with the 180 ms transition (no reduced motion).
 */
const RUNS = [
  {
    name: "keyboard only, German",
    mode: "keyboard",
    locale: "de",
    host: { lang: "de" },
    reducedMotion: "reduce",
    answers: chooseAnswers({ shift: 0 }),
  },
  {
    name: "mouse, German, with transitions",
    mode: "mouse",
    locale: "de",
    host: { lang: "de" },
    reducedMotion: "no-preference",
    // Mostly high answers: the top stage.
    answers: chooseAnswers({ option: (k) => [4, 3, 4, 2][k % 4], dontKnow: [dk("steering-impact")], context: (k) => k }),
  },
  {
    name: "keyboard only, English (html lang), with transitions",
    mode: "keyboard",
    locale: "en",
    host: { lang: "en" },
    reducedMotion: "no-preference",
    // Mostly low answers: the first stage.
    answers: chooseAnswers({ option: (k) => (k % 6 === 0 ? 3 : k % 2), dontKnow: [dk("retention-signals")], context: (k) => k + 1 }),
  },
  {
    name: "mouse, English (config locale)",
    mode: "mouse",
    locale: "en",
    host: { lang: "de", config: { locale: "en" } },
    reducedMotion: "reduce",
    answers: chooseAnswers({ shift: 3, dontKnow: [dk("vision-decisions"), dk("organisation-feedback")], context: () => 2 }),
  },
];

for (const run of RUNS) {
  test(`complete check: ${run.name}`, { timeout: 90_000 }, async () => {
    const code = shareCode(run.answers);
    const expected = engineScore(code);
    // The answers are chosen so that the dimensions do not all score alike.
    assert.ok(new Set(expected.dimensions.map((d) => d.score)).size >= 3, `varied scores: ${JSON.stringify(expected.dimensions)}`);

    const server = await serveHost(run.host);
    const session = await openPage(browser, { reducedMotion: run.reducedMotion });
    const { page, context } = session;
    try {
      await page.goto(`${server.url}/`);
      const t = TEXT[run.locale];
      await page.getByRole("heading", { level: 2, name: tr(QUESTIONNAIRE.title, run.locale), exact: true }).waitFor();

      if (run.mode === "keyboard") {
        await keyboardStart(page, run.locale);
      } else {
        await page.getByRole("button", { name: t.start, exact: true }).click();
      }
      await answerAll(page, run.answers, run.locale, run.mode);

      const shown = await readResults(page, run.locale);
      if (run.mode === "keyboard") {
        // After the last pick, focus moves to the result's heading.
        const active = await deepActive(page);
        assert.equal(active.id, "mc-results-title", "focus on the results heading");
      }
      assert.equal(codeOf(shown.shareUrl), code, "share code of the answers given");
      assert.ok(shown.heading.includes(shown.level));
      assertResultsMatchEngine(shown, expected, run.locale);
      assertNoErrors(session);
      reached.add(expected.overall.level);
    } finally {
      await context.close();
      await server.close();
    }
  });
}

test("the runs above reach every overall stage", () => {
  assert.deepEqual([...reached].sort(), QUESTIONNAIRE.levels.map((l) => l.id).sort());
});

test("mouse: a click on an option of a step already answered changes the answer", { timeout: 30_000 }, async () => {
  // Small guard for the flow helpers: going back and picking again replaces the earlier pick.
  const server = await serveHost({ lang: "de" });
  const session = await openPage(browser);
  const { page, context } = session;
  try {
    await page.goto(`${server.url}/`);
    await page.getByRole("button", { name: TEXT.de.start, exact: true }).click();
    await clickOption(page, 0, 0, "de");
    await page.getByRole("button", { name: TEXT.de.back, exact: true }).click();
    const radios = page.getByRole("radio");
    assert.equal(await radios.nth(0).getAttribute("aria-checked"), "true");
    await clickOption(page, 0, 2, "de");
    await page.getByRole("button", { name: TEXT.de.back, exact: true }).click();
    assert.deepEqual(
      await radios.evaluateAll((rs) => rs.map((r) => r.getAttribute("aria-checked"))),
      ["false", "false", "true"],
    );
    assertNoErrors(session);
  } finally {
    await context.close();
    await server.close();
  }
});

test("explanations of terms come with the advice file and open on the question", { timeout: 30_000 }, async () => {
  // The built-in questions' explanations travel in the advice file, which the first answer starts
  // to fetch; a question shown after it arrived offers "Was heißt das?".
  const server = await serveHost({ lang: "de" });
  const session = await openPage(browser);
  const { page, context } = session;
  try {
    await page.goto(`${server.url}/`);
    const advice = page.waitForResponse((r) => /maturity-check\.advice\.de\.\w+\.json$/.test(r.url()) && r.ok());
    await page.getByRole("button", { name: TEXT.de.start, exact: true }).click();
    const first = STEPS.findIndex((s) => s.question.explain);
    assert.ok(first > 0, "the first explained question is not the first step");
    for (let i = 0; i < first; i++) {
      await waitForStep(page, i, "de");
      if (i === 0) {
        await clickOption(page, 0, 0, "de");
        await advice;
        continue;
      }
      assert.equal(await page.getByText("Was heißt das?", { exact: true }).count(), 0, `step ${i + 1} explains nothing`);
      await clickOption(page, i, 0, "de");
    }
    await waitForStep(page, first, "de");
    const toggle = page.getByText("Was heißt das?", { exact: true });
    await toggle.waitFor();
    const text = tr(STEPS[first].question.explain, "de");
    assert.equal(await page.getByText(text, { exact: true }).isVisible(), false, "closed until opened");
    await toggle.click();
    assert.ok(await page.getByText(text, { exact: true }).isVisible(), "the explanation shows once opened");
    assertNoErrors(session);
  } finally {
    await context.close();
    await server.close();
  }
});
