// What the widget keeps: progress across a reload, results in a share link, and recovery from
// unreadable stored state.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  QUESTIONNAIRE,
  STEPS,
  TEXT,
  answerAll,
  assertNoErrors,
  assertResultsMatchEngine,
  chooseAnswers,
  clickOption,
  codeOf,
  engineScore,
  keyOption,
  launchBrowser,
  openPage,
  optionLabels,
  pickIndex,
  readResults,
  serveHost,
  shareCode,
  waitForStep,
} from "./support/browser.mjs";

// One key per questionnaire, for each of its versions (engine/src/progress.rs).
const STORAGE_KEY = `maturity-check:${QUESTIONNAIRE.id}:progress`;

let browser;
let server;

before(async () => {
  // One at a time, each kept as soon as it exists, so that `after` can close whatever started.
  server = await serveHost({ lang: "de" });
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
}, { timeout: 30_000 });

/** aria-checked of every option of the step on screen. */
const checkedStates = (page) => page.getByRole("radio").evaluateAll((rs) => rs.map((r) => r.getAttribute("aria-checked")));

for (const locale of ["de", "en"]) {
  test(`resume after reload (${locale}): the intro offers the next question and earlier answers are kept`, { timeout: 30_000 }, async () => {
    const host = locale === "de" ? server : await serveHost({ lang: "en" });
    const session = await openPage(browser);
    const { page, context } = session;
    const answers = chooseAnswers({ shift: locale === "de" ? 1 : 4, context: (k) => k + 2 });
    const answered = 5;
    try {
      await page.goto(`${host.url}/`);
      await page.getByRole("button", { name: TEXT[locale].start, exact: true }).click();
      for (let i = 0; i < answered; i++) {
        await waitForStep(page, i, locale, { focused: true });
        if (i % 2) await clickOption(page, i, pickIndex(STEPS[i], answers), locale);
        else await keyOption(page, i, pickIndex(STEPS[i], answers), locale);
      }
      await waitForStep(page, answered, locale);
      assert.ok(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), "progress is stored");

      await page.reload();
      const resume = page.getByRole("button", { name: TEXT[locale].resume(answered + 1, STEPS.length), exact: true });
      await resume.waitFor();
      assert.equal(STEPS.length, 24);
      assert.equal(await page.getByRole("button", { name: TEXT[locale].start, exact: true }).count(), 0);
      assert.equal(await page.getByRole("button", { name: TEXT[locale].restart, exact: true }).count(), 1);

      await resume.click();
      await waitForStep(page, answered, locale, { focused: true });
      assert.ok((await checkedStates(page)).every((c) => c === "false"), "the open question has no answer yet");
      // Going back shows each earlier answer as checked.
      for (let i = answered - 1; i >= 0; i--) {
        await page.getByRole("button", { name: TEXT[locale].back, exact: true }).click();
        await waitForStep(page, i, locale);
        const expected = optionLabels(STEPS[i], locale).map((_, k) => (k === pickIndex(STEPS[i], answers) ? "true" : "false"));
        assert.deepEqual(await checkedStates(page), expected, `answer of step ${i + 1} kept`);
      }
      assertNoErrors(session);
    } finally {
      await context.close();
      if (host !== server) await host.close();
    }
  });
}

test("share link opens the same results in a fresh browser context", { timeout: 60_000 }, async () => {
  const answers = chooseAnswers({ shift: 2, context: (k) => 2 * k });
  const code = shareCode(answers);
  const expected = engineScore(code);
  const first = await openPage(browser);
  let shareUrl;
  let shown;
  try {
    await first.page.goto(`${server.url}/`);
    await first.page.getByRole("button", { name: TEXT.de.start, exact: true }).click();
    await answerAll(first.page, answers, "de", "mouse");
    shown = await readResults(first.page, "de");
    shareUrl = shown.shareUrl;
    assert.equal(codeOf(shareUrl), code);
    assertResultsMatchEngine(shown, expected, "de");
    assertNoErrors(first);
  } finally {
    await first.context.close();
  }

  // A new context shares nothing with the first: no storage, no cookies.
  const fresh = await openPage(browser);
  try {
    await fresh.context.addInitScript(() => {
      window.__storageAtStart = localStorage.length;
    });
    await fresh.page.goto(shareUrl);
    const again = await readResults(fresh.page, "de");
    assert.equal(await fresh.page.evaluate(() => window.__storageAtStart), 0, "nothing stored before the widget loaded");
    assert.deepEqual(again.rows, shown.rows, "same results table");
    assert.equal(again.level, shown.level);
    assert.equal(again.score, shown.score);
    assert.deepEqual(again.plan, shown.plan);
    assertResultsMatchEngine(again, expected, "de");
    assert.equal(codeOf(again.shareUrl), code);
    assertNoErrors(fresh);
  } finally {
    await fresh.context.close();
  }
});

test("corrupt stored state is discarded with a warning and the intro starts normally", { timeout: 30_000 }, async () => {
  const session = await openPage(browser);
  const { page, context } = session;
  try {
    await page.addInitScript((key) => {
      localStorage.setItem(key, "{not json at all ~~ \u0000 garbage");
    }, STORAGE_KEY);
    await page.goto(`${server.url}/`);
    await page.getByRole("button", { name: TEXT.de.start, exact: true }).waitFor();
    assert.equal(await page.getByRole("button", { name: TEXT.de.restart, exact: true }).count(), 0, "no resume offer");
    assert.equal(await page.getByRole("button", { name: /^Weitermachen/ }).count(), 0, "no resume offer");
    const warnings = () => session.console.filter((m) => m.type === "warning" && m.text.includes("[maturity-check]"));
    for (let n = 0; n < 50 && warnings().length === 0; n++) await new Promise((ok) => setTimeout(ok, 20));
    assert.equal(warnings().length, 1, `one console warning: ${JSON.stringify(session.console)}`);
    assert.match(warnings()[0].text, /saved progress/);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), null, "the key is removed");
    assertNoErrors(session);
    // And the check works from there.
    await page.getByRole("button", { name: TEXT.de.start, exact: true }).click();
    await waitForStep(page, 0, "de", { focused: true });
  } finally {
    await context.close();
  }
});

// Progress of version 1 of the check: under the key widgets wrote then, and under today's key.
const V1_PROGRESS = JSON.stringify({
  format: 1,
  answers: `1~${QUESTIONNAIRE.id}~1~${"1".repeat(QUESTIONNAIRE.questions.length)}~${"0".repeat(
    QUESTIONNAIRE.context_questions.length,
  )}`,
  step: 5,
});
const REVISED = /Er wurde seitdem überarbeitet, und eure damaligen Antworten passen nicht mehr zu seinen Fragen/;

for (const [where, key] of [
  ["under the key of version 1", `maturity-check:${QUESTIONNAIRE.id}:1`],
  ["under today's key", STORAGE_KEY],
]) {
  test(`progress saved by version 1 of the check (${where}) gets a note, not a silent fresh start`, { timeout: 30_000 }, async () => {
    const session = await openPage(browser);
    const { page, context } = session;
    try {
      await page.addInitScript(
        ([key, value]) => {
          if (!sessionStorage.getItem("seeded")) {
            localStorage.setItem(key, value);
            sessionStorage.setItem("seeded", "1");
          }
        },
        [key, V1_PROGRESS],
      );
      await page.goto(`${server.url}/`);
      await page.getByRole("button", { name: TEXT.de.start, exact: true }).waitFor();
      const note = page.getByRole("status").filter({ hasText: REVISED });
      await note.waitFor();
      assert.equal(await page.getByRole("button", { name: /^Weitermachen/ }).count(), 0, "no resume offer");
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), key), null, "the old progress is removed");
      const warnings = session.console.filter((m) => m.type === "warning" && m.text.includes("[maturity-check]"));
      assert.equal(warnings.length, 1, `one console warning: ${JSON.stringify(session.console)}`);
      assert.match(warnings[0].text, /another version|version "1"/);
      assertNoErrors(session);
      // Said once: a reload finds nothing old, and the note is gone.
      await page.reload();
      await page.getByRole("button", { name: TEXT.de.start, exact: true }).waitFor();
      assert.equal(await page.getByRole("status").filter({ hasText: REVISED }).count(), 0, "no note after a reload");
      // And the check starts from there.
      await page.getByRole("button", { name: TEXT.de.start, exact: true }).click();
      await waitForStep(page, 0, "de", { focused: true });
    } finally {
      await context.close();
    }
  });
}
