// Each screen (intro, a question, results) in both languages at a phone and a desktop width:
//
// * axe-core finds no WCAG 2 A/AA violations. axe runs on the <maturity-check> element, which
//   includes its open shadow root;
// * a full-page screenshot goes to test-results/screenshots/<screen>-<locale>-<width>.png for people
//   to look at; at 375 px nothing may scroll sideways (WCAG 1.4.10 reflow).
//
// The host pages are plain (see support/browser.mjs `hostPage`), so pictures and widths show the
// widget, not a demo page.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import {
  QUESTIONNAIRE,
  ROOT,
  STEPS,
  TEXT,
  assertNoErrors,
  axe,
  chooseAnswers,
  clickOption,
  launchBrowser,
  openPage,
  pickIndex,
  readResults,
  screenshot,
  serveHost,
  shareCode,
  waitForStep,
} from "./support/browser.mjs";

let browser;
const servers = {};

before(async () => {
  // One at a time, each kept as soon as it exists, so that `after` can close whatever started.
  servers.de = await serveHost({ lang: "de", title: "Beispiel GmbH" });
  servers.en = await serveHost({ lang: "en", title: "Example Ltd" });
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
}, { timeout: 30_000 });

/** Width and height of a PNG file, from its IHDR chunk. */
function pngSize(path) {
  const b = readFileSync(path);
  assert.equal(b.toString("ascii", 1, 4), "PNG", `${path} is a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

for (const locale of ["de", "en"]) {
  for (const width of [375, 1280]) {
    test(`intro, question, results: no axe WCAG 2 A/AA violations, screenshots (${locale}, ${width}px)`, { timeout: 60_000 }, async () => {
      const session = await openPage(browser, { width, height: 800 });
      const { page, context } = session;
      /** axe, then a full-page screenshot of the screen as it is. */
      const check = async (screen) => {
        assert.deepEqual(await axe(page), [], `axe violations on the ${screen}`);
        const path = await screenshot(page, `${screen}-${locale}-${width}`);
        const size = pngSize(path);
        assert.equal(size.width, width, `the ${screen} at ${width}px does not scroll sideways`);
        assert.ok(size.height >= 300, `the ${screen} has content`);
      };
      try {
        const url = `${servers[locale].url}/`;
        await page.goto(url);
        const start = page.getByRole("button", { name: TEXT[locale].start, exact: true });
        await start.waitFor();
        await check("intro");

        await start.click();
        // Results with every stage among the dimensions, 0 and 100 points, and a "don't know" finding.
        const answers = chooseAnswers({
          option: (k) => [4, 4, 3, 0, 1, 0, 1, 2, 2, 3, 4, 4, 4, 1, 0, 0, 3, 2, 3, 2][k],
          dontKnow: [QUESTIONNAIRE.questions.findIndex((q) => q.id === "retention-signals")],
        });
        await waitForStep(page, 0, locale);
        assert.deepEqual(await axe(page), [], "axe violations on a context question");
        // On to the first scored question that offers "don't know".
        let i = 0;
        for (; STEPS[i].kind !== "scored" || !STEPS[i].question.dont_know; i++) {
          await waitForStep(page, i, locale);
          await clickOption(page, i, pickIndex(STEPS[i], answers), locale);
        }
        // Picked, gone back to, and the picked option focused by keyboard: as someone mid-check sees it.
        await waitForStep(page, i, locale);
        await clickOption(page, i, 2, locale);
        await page.getByRole("button", { name: TEXT[locale].back, exact: true }).click();
        await waitForStep(page, i, locale, { focused: true });
        await page.keyboard.press("Tab");
        assert.equal(await page.getByRole("radio", { checked: true }).evaluate((el) => el.matches(":focus")), true);
        await check("question");

        // The results, from a share link (a fresh load: a fragment change alone reloads nothing).
        await page.goto("about:blank");
        await page.goto(`${url}#mc=${shareCode(answers)}`);
        await readResults(page, locale);
        await check("results");
        assertNoErrors(session);
      } finally {
        await context.close();
      }
    });
  }
}
