// The results screen as a head of service reads it, in both languages at a phone's and a
// desktop's width, for a mid-maturity B2B team:
//
// * the summary: the radar draws a second, labelled series for the role's target, and the table
//   lists score, target and gap per dimension, as the engine computes them;
// * each focus area names the question that holds it down most and the option chosen, as the
//   engine ranks them, and what would lift it;
// * no advice text occurs twice in the screen's text, collapsed or with every disclosure open;
// * at most 700 words show before anything is expanded; at 1280 px the summary fits one screen
//   (900 px) and summary, plan and call to action fit in 2,200 px;
// * the disclosures (the whole plan, the KPIs, each dimension) open and close with the keyboard
//   and say whether they are open (aria-expanded);
// * axe finds no WCAG 2 A/AA violation with everything closed and with everything open, light
//   and dark; screenshots of both go to test-results/screenshots/results-*.png;
// * a dimension with half its questions or more answered "don't know" is not rated: its table
//   row says so and why, the radar has no point for it, the overall leaves it out, and "do now"
//   opens with what to find out there, with none of its advice in the plan.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  QUESTIONNAIRE,
  TEXT,
  assertNoErrors,
  assertResultsMatchEngine,
  axe,
  chooseAnswers,
  engineScore,
  launchBrowser,
  openPage,
  readResults,
  screenshot,
  serveHost,
  shareCode,
  shortTitle,
  tr,
} from "./support/browser.mjs";

const q = QUESTIONNAIRE;
const contextIndex = (id, option) => {
  const c = q.context_questions.find((x) => x.id === id);
  return c.options.findIndex((o) => o.id === option);
};
/** A mid-maturity B2B software team: service as a growth lever, medium size and volume, one
 * "don't know". */
const ANSWERS = chooseAnswers({
  option: (k) => [2, 1, 2, 3, 1, 0, 2, 3, 2, 1, 1, 2, 1, 2, 3, 1, 2, 2, 1, 3][k],
  dontKnow: [q.questions.findIndex((x) => x.id === "retention-signals")],
  context: (k) =>
    [
      contextIndex("team_size", "medium"),
      contextIndex("business_model", "b2b"),
      contextIndex("service_role", "growth_lever"),
      contextIndex("contact_volume", "medium"),
    ][k],
});
const CODE = shareCode(ANSWERS);
const WORD_LIMIT = 700;
const TALL_LIMIT = 2200;
const LEAD = { endpoint: "https://leads.example.invalid/hook", fields: { name: "required" } };
const CTA = (locale) => ({ label: { de: "Gespräch vereinbaren", en: "Book a call" }[locale], url: "https://example.com/contact" });

let browser;
const servers = {};

before(async () => {
  for (const locale of ["de", "en"]) {
    for (const mode of ["light", "dark"]) {
      servers[`${locale}-${mode}`] = await serveHost({
        lang: locale,
        title: "Results",
        config: { locale, persistence: false, theme: { mode }, cta: CTA(locale), lead: LEAD, privacy_url: "/privacy" },
      });
    }
  }
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
}, { timeout: 30_000 });

/** The results' text: `rendered` as the visitor sees it (innerText: nothing closed or hidden),
 * else all of it (textContent: closed disclosures too). */
const resultsText = (page, rendered) =>
  page.locator(".mc-results").evaluate((el, r) => (r ? el.innerText : el.textContent), rendered);

const words = (text) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Every advice text of the questionnaire that occurs more than once in `text`. */
function repeatedAdvice(text, locale) {
  const flat = text.replace(/\s+/g, " ");
  return q.advice
    .map((a) => tr(a.text, locale).replace(/\s+/g, " "))
    .filter((t) => flat.split(t).length - 1 > 1);
}

/** Opens every disclosure by keyboard (focus, Enter) and checks each says it is open. */
async function openAll(page) {
  const closed = page.getByRole("button", { expanded: false });
  for (let n = await closed.count(); n > 0; n = await closed.count()) {
    const button = await closed.first().elementHandle();
    await button.focus();
    await page.keyboard.press("Enter");
    assert.equal(await button.getAttribute("aria-expanded"), "true", "Enter opens a disclosure and it says so");
  }
}

const SHORT = (prompt) => prompt.split(/\s+/).slice(0, 3).join(" ");

for (const locale of ["de", "en"]) {
  for (const width of [375, 1280]) {
    test(`results: summary with target and reasons, short plan, details on demand (${locale}, ${width}px)`, { timeout: 90_000 }, async () => {
      const expected = engineScore(CODE);
      const t = TEXT[locale];
      const session = await openPage(browser, { width, height: 900 });
      const { page, context } = session;
      try {
        await page.goto(`${servers[`${locale}-light`].url}/#mc=${CODE}`);
        const shown = await readResults(page, locale);
        assertResultsMatchEngine(shown, expected, locale);

        // The radar: two series, and a legend that names both.
        const root = page.locator(".mc-results");
        assert.equal(await root.locator("polygon[data-series=target]").count(), 1, "a target series");
        assert.equal(await root.locator("polygon[data-series=you]").count(), 1, "a series for the scores");
        const legend = await root.locator(".mc-radar__legend li").allTextContents();
        assert.deepEqual(legend.map((s) => s.trim()), [t.you, t.target]);
        const headers = await page.getByRole("table", { name: t.table, exact: true }).locator("thead th").allTextContents();
        assert.deepEqual(headers, locale === "de" ? ["Bereich", "Punkte", "Ziel", "Abstand"] : ["Area", "Score", "Target", "Gap"]);

        // Focus areas: the engine's, each naming its heaviest answer's question and option.
        const focus = page.getByRole("region", { name: t.focus, exact: true });
        const areas = focus.locator(".mc-focus__area");
        assert.equal(await areas.count(), expected.focus.length);
        for (let i = 0; i < expected.focus.length; i++) {
          const f = expected.focus[i];
          const text = (await areas.nth(i).innerText()).replace(/\s+/g, " ");
          const title = tr(q.dimensions.find((d) => d.id === f.id).title, locale);
          assert.ok(text.includes(title), `focus ${i} is ${title}: ${text}`);
          assert.ok(text.includes(String(f.gap)), `focus ${i} names its gap ${f.gap}: ${text}`);
          assert.ok(f.reasons.length >= 1, `the engine gives ${f.id} a reason`);
          const reason = f.reasons[0];
          const question = q.questions.find((x) => x.id === reason.question);
          const option = reason.answer === "x" ? tr(question.dont_know, locale) : tr(question.options[reason.answer].label, locale);
          assert.ok(text.includes(SHORT(tr(question.prompt, locale))), `focus ${f.id} names question ${question.id}: ${text}`);
          assert.ok(text.includes(`${option}`), `focus ${f.id} names the option chosen (${option}): ${text}`);
          if (f.lift) {
            // The change that gains most, and how many answers it takes when it is more than one.
            const c = f.lift.changes[0];
            const x = q.questions.find((y) => y.id === c.question);
            assert.ok(text.includes(tr(x.options[c.to].label, locale)), `focus ${f.id} says what would lift it: ${text}`);
            if (f.lift.changes.length > 1) assert.ok(text.includes(`${f.lift.changes.length} `), `focus ${f.id} says how many answers: ${text}`);
          }
        }

        // The plan: two per column, the rest behind one button; call to action and form next.
        for (const [name, col] of [[t.now, "now"], [t.buildUp, "build_up"], [t.leaveOut, "leave_out"]]) {
          const visible = await page.getByRole("region", { name, exact: true }).getByRole("listitem").count();
          assert.equal(visible, Math.min(2, expected.plan[col].length), `${col} shows its first two`);
        }
        const total = expected.plan.now.length + expected.plan.build_up.length + expected.plan.leave_out.length;
        const planAll = page.getByRole("button", { name: t.planAll(total), exact: true });
        assert.equal(await planAll.getAttribute("aria-expanded"), "false");
        // The screen's parts in order: summary, plan, call to action, lead form, then the details.
        const order = await root.evaluate((el) =>
          [...el.children].map((c) => ["mc-summary", "mc-plan", "mc-cta", "mc-leadform", "mc-kpis", "mc-dimensions"].find((k) => c.classList.contains(k)) ?? "-"),
        );
        assert.deepEqual(order.filter((c) => c !== "-"), ["mc-summary", "mc-plan", "mc-cta", "mc-leadform", "mc-kpis", "mc-dimensions"]);

        // Reading budget, before anything is opened.
        const collapsed = await resultsText(page, true);
        const count = words(collapsed);
        assert.ok(count <= WORD_LIMIT, `${count} words show before expanding (limit ${WORD_LIMIT})`);
        console.log(`# ${locale} ${width}px: ${count} words before expanding`);
        const box = async (sel) => (await root.locator(sel).first().boundingBox()) ?? assert.fail(`${sel} has no box`);
        const top = (await box(".mc-summary")).y;
        const summary = await box(".mc-summary");
        const cta = await box(".mc-cta");
        const tall = Math.round(cta.y + cta.height - top);
        console.log(`# ${locale} ${width}px: summary ${Math.round(summary.height)} px, summary to call to action ${tall} px`);
        // The same budget for answers from the lowest to the highest, each role.
        if (width === 375) {
          for (const [option, role] of [[0, 0], [1, 1], [2, 2], [3, 0], [4, 1], [(k) => k % 5, 2]]) {
            const other = shareCode(chooseAnswers({ option: typeof option === "function" ? option : () => option, context: (k) => (k === 2 ? role : k % 2) }));
            await page.goto("about:blank");
            await page.goto(`${servers[`${locale}-light`].url}/#mc=${other}`);
            await page.locator("#mc-results-title").waitFor();
            const n = words(await resultsText(page, true));
            assert.ok(n <= WORD_LIMIT, `${n} words show before expanding for ${other} (limit ${WORD_LIMIT})`);
          }
          await page.goto("about:blank");
          await page.goto(`${servers[`${locale}-light`].url}/#mc=${CODE}`);
          await page.locator("#mc-results-title").waitFor();
        }
        if (width === 1280) {
          assert.ok(summary.height <= 900, `the summary fits one screen: ${summary.height} px`);
          assert.ok(tall <= TALL_LIMIT, `summary, plan and call to action within ${TALL_LIMIT} px: ${tall}`);
        } else {
          assert.ok(summary.height <= 2 * 900, `the summary fits about two screens: ${summary.height} px`);
        }

        // No advice twice: in all the text (closed parts too), in what shows, and with all open.
        assert.deepEqual(repeatedAdvice(await resultsText(page, false), locale), [], "advice repeated in the whole text");
        assert.deepEqual(repeatedAdvice(collapsed, locale), [], "advice repeated while closed");
        await screenshot(page, `results-${locale}-${width}`);

        // The disclosures by keyboard: Space closes what Enter opened; then everything open.
        const first = page.getByRole("button", { name: tr(q.dimensions[0].title, locale), exact: false }).first();
        await first.focus();
        await page.keyboard.press("Enter");
        assert.equal(await first.getAttribute("aria-expanded"), "true");
        const body = root.locator(`#mc-dim-${q.dimensions[0].id}`);
        assert.ok(await body.isVisible(), "an open dimension shows its body");
        await page.keyboard.press("Space");
        assert.equal(await first.getAttribute("aria-expanded"), "false");
        assert.ok(!(await body.isVisible()), "a closed dimension hides its body");
        await openAll(page);
        assert.equal(await planAll.getAttribute("aria-expanded"), "true");
        for (const [name, col] of [[t.now, "now"], [t.buildUp, "build_up"], [t.leaveOut, "leave_out"]]) {
          const visible = await page.getByRole("region", { name, exact: true }).getByRole("listitem").count();
          assert.equal(visible, expected.plan[col].length, `${col} shows all once opened`);
        }
        const open = await resultsText(page, true);
        assert.deepEqual(repeatedAdvice(open, locale), [], "advice repeated with everything open");
        // Everything a dimension holds: its answers, with the option chosen.
        const firstQuestion = q.questions.find((x) => x.dimension === q.dimensions[0].id);
        assert.ok(open.includes(tr(firstQuestion.prompt, locale)), "a dimension lists its questions");
        await screenshot(page, `results-open-${locale}-${width}`);
        assertNoErrors(session);
      } finally {
        await context.close();
      }
    });
  }
}

for (const mode of ["light", "dark"]) {
  test(`results: axe finds nothing with everything closed and everything open (${mode})`, { timeout: 90_000 }, async () => {
    for (const locale of ["de", "en"]) {
      const session = await openPage(browser, { width: 1280, height: 900 });
      const { page, context } = session;
      try {
        await page.goto(`${servers[`${locale}-${mode}`].url}/#mc=${CODE}`);
        await readResults(page, locale);
        assert.deepEqual(await axe(page), [], `${locale} ${mode}, closed`);
        await openAll(page);
        assert.deepEqual(await axe(page), [], `${locale} ${mode}, open`);
        if (locale === "de") await screenshot(page, `results-open-${mode}`);
        assertNoErrors(session);
      } finally {
        await context.close();
      }
    }
  });
}

/** The mid-maturity team again, but not knowing two of the three answers on customer retention. */
const UNKNOWN_RETENTION = (() => {
  const unknown = q.questions.flatMap((x, i) => (x.dimension === "retention" && x.dont_know ? [i] : []));
  const asked = q.questions.filter((x) => x.dimension === "retention").length;
  assert.ok(2 * unknown.length >= asked, "retention offers enough \"don't know\" to be not rated");
  return shareCode({ ...ANSWERS, scored: ANSWERS.scored.map((a, i) => (unknown.includes(i) ? "x" : a)) });
})();

const NOT_RATED = {
  de: { label: "nicht bewertet", why: (n, of) => `${n} von ${of} Antworten „Weiß ich nicht“`, findOut: "Erst herausfinden" },
  en: { label: "not rated", why: (n, of) => `${n} of ${of} answers “don't know”`, findOut: "Find out first" },
};

for (const locale of ["de", "en"]) {
  test(`results: a dimension mostly answered "don't know" is not rated and is to find out first (${locale})`, { timeout: 90_000 }, async () => {
    const expected = engineScore(UNKNOWN_RETENTION);
    const t = TEXT[locale];
    const n = NOT_RATED[locale];
    const retention = q.dimensions.find((d) => d.id === "retention");
    const row = expected.dimensions.find((d) => d.id === "retention");
    assert.equal(row.score, null, "the engine does not rate retention");
    assert.deepEqual(expected.plan.find_out, ["retention"]);
    const session = await openPage(browser, { width: 1280, height: 900 });
    const { page, context } = session;
    try {
      await page.goto(`${servers[`${locale}-light`].url}/#mc=${UNKNOWN_RETENTION}`);
      const shown = await readResults(page, locale);
      assertResultsMatchEngine(shown, expected, locale);

      // The table's row says "not rated" and why, found by its role and name.
      const table = page.getByRole("table", { name: t.table, exact: true });
      const notRated = table.getByRole("row", { name: new RegExp(n.label) });
      assert.equal(await notRated.count(), 1, "one row is not rated");
      const text = (await notRated.innerText()).replace(/\s+/g, " ");
      assert.ok(text.includes(shortTitle(tr(retention.title, locale))), `the row is retention's: ${text}`);
      assert.ok(text.includes(n.why(row.unknown, row.questions)), `the row says why: ${text}`);

      // The radar has a point for each rated dimension only.
      const dots = await page.locator(".mc-radar circle.mc-radar__dot").count();
      assert.equal(dots, q.dimensions.length - 1, "no point for the dimension not rated");

      // "Do now" opens with what to find out there; no advice of it anywhere in the plan.
      const now = page.getByRole("region", { name: t.now, exact: true });
      const first = (await now.getByRole("listitem").first().innerText()).replace(/\s+/g, " ");
      assert.ok(first.includes(n.findOut) && first.includes(tr(retention.find_out, locale)), `"do now" starts with finding out: ${first}`);
      const planned = [...shown.plan.now, ...shown.plan.build_up, ...shown.plan.leave_out];
      const ofRetention = planned.filter((id) => q.advice.find((a) => a.id === id)?.dimension === "retention");
      assert.deepEqual(ofRetention, [], "no advice for a dimension not rated, nothing to leave out on a guess");

      // Its details say the same, and axe finds nothing with everything open.
      await openAll(page);
      const details = (await page.locator(`#mc-dim-retention`).innerText()).replace(/\s+/g, " ");
      assert.ok(details.includes(n.why(row.unknown, row.questions)), `the details say why: ${details}`);
      assert.deepEqual(await axe(page), [], `${locale}, not rated, open`);
      await screenshot(page, `results-not-rated-${locale}`);
      assertNoErrors(session);
    } finally {
      await context.close();
    }
  });
}
