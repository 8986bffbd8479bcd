// The demo page, served as `cargo xtask serve` serves it, shows the widget and starts the check.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  QUESTIONNAIRE,
  STEPS,
  TEXT,
  assertNoErrors,
  checkStepContent,
  launchBrowser,
  openPage,
  serveDemo,
  tr,
  waitForStep,
} from "./support/browser.mjs";

let browser;
let server;

before(async () => {
  // One at a time, each kept as soon as it exists, so that `after` can close whatever started.
  server = await serveDemo();
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
}, { timeout: 30_000 });

test("demo page shows the questionnaire title and, after start, the first question", { timeout: 30_000 }, async () => {
  const session = await openPage(browser);
  const { page, context } = session;
  try {
    await page.goto(`${server.url}/`);
    assert.equal(await page.locator("html").getAttribute("lang"), "de");
    // The widget renders into the open shadow root of <maturity-check>.
    const title = page.getByRole("heading", { level: 2, name: tr(QUESTIONNAIRE.title, "de"), exact: true });
    await title.waitFor();
    assert.equal(await page.locator("maturity-check").evaluate((el) => el.shadowRoot?.mode), "open");
    assert.ok(await page.getByText(`${STEPS.length} Fragen`, { exact: true }).isVisible());

    await page.getByRole("button", { name: TEXT.de.start, exact: true }).click();
    await waitForStep(page, 0, "de", { focused: true });
    await checkStepContent(page, 0, "de");
    assert.equal(await page.getByRole("progressbar").count(), 1);
    assertNoErrors(session);
  } finally {
    await context.close();
  }
});
