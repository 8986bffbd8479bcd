// Failures a partner's page can throw at the widget, and what must come of them: one widget's
// broken config never takes the others down, a config file that does not arrive gets the "try
// again" panel rather than an empty box, two tabs send a queued lead once, and a share link that
// cannot be opened says so.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { QUESTIONNAIRE, assertNoErrors, chooseAnswers, launchBrowser, openPage, shareCode } from "./support/browser.mjs";
import { startReceiver } from "./support/receiver.mjs";
import { DEMO_MOUNTS, startStatic } from "./support/serve.mjs";

const LOAD_FAILED = /^Der Check konnte nicht geladen werden\./;
const TRY_AGAIN = "Noch einmal versuchen";

/** A host page (German) with `widgets`, each `{ id, config }` (an object or JSON text) or `{ id, url }`. */
function page(widgets) {
  const attr = (text) => text.replaceAll("&", "&amp;").replaceAll("'", "&#39;");
  const elements = widgets
    .map((w) => (w.url ? `<maturity-check id="${w.id}" config-url="${w.url}"></maturity-check>` : `<maturity-check id="${w.id}" config='${attr(typeof w.config === "string" ? w.config : JSON.stringify(w.config))}'></maturity-check>`))
    .join("\n");
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="/dist/maturity-check.js"></script></head><body>${elements}</body></html>`;
}

/** Records every widget event as `{ type, id, ...detail }` in `window.__events`. */
const RECORD = () => {
  window.__events = [];
  for (const type of ["ready", "error", "complete", "lead"]) {
    document.addEventListener(`maturity-check:${type}`, (e) => window.__events.push({ type, id: e.target.id, ...e.detail }));
  }
};
const events = (p, type) => p.evaluate((type) => window.__events.filter((e) => e.type === type), type);

/** Answers every question of widget `#id` with option 2, by keyboard, up to the results. */
async function completeCheck(p, id, { start, counter, stage }) {
  const w = p.locator(`#${id}`);
  await w.getByRole("button", { name: start }).click();
  const total = QUESTIONNAIRE.questions.length + QUESTIONNAIRE.context_questions.length;
  for (let i = 1; i <= total; i++) {
    await w.getByText(counter(i, total), { exact: true }).waitFor();
    await p.keyboard.press("2");
  }
  await w.getByRole("heading", { name: stage }).waitFor();
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe("a broken widget next to a good one", () => {
  // 20,000 levels: the browser's JSON.parse reads it; reading it into the widget must not recurse
  // as deep.
  const DEEP = `{"texts": ${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
  const GOOD = { locale: "en", persistence: false };
  for (const order of ["bad first", "good first"]) {
    test(`a config nested 20,000 deep, ${order}: the good widget completes a check, the bad one shows its errors`, { timeout: 90_000 }, async () => {
      const widgets = [{ id: "bad", config: DEEP }, { id: "good", config: GOOD }];
      if (order === "good first") widgets.reverse();
      const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page(widgets) } } });
      const s = await openPage(browser);
      try {
        await s.page.addInitScript(RECORD);
        await s.page.goto(server.url);
        const panel = s.page.locator("#bad").getByRole("alert");
        await panel.getByRole("heading", { name: "Der Check kann nicht starten" }).waitFor();
        assert.match(await panel.innerText(), /\$\.texts\[0\]\[0\]/, "the panel names the path");
        assert.match(await panel.innerText(), /128/, "and says what the limit is");
        const errors = await events(s.page, "error");
        assert.equal(errors.length, 1, JSON.stringify(errors).slice(0, 300));
        assert.equal(errors[0].id, "bad");
        assert.equal(errors[0].path, `$.texts${"[0]".repeat(127)}`);

        await completeCheck(s.page, "good", { start: "Start the check", counter: (n, t) => `Question ${n} of ${t}`, stage: /^Stage \d of 3/ });
        const [complete] = await events(s.page, "complete");
        assert.equal(complete.id, "good");
        assert.equal(complete.dimensions.length, QUESTIONNAIRE.dimensions.length);
        assertNoErrors({ ...s, console: s.console.filter((m) => !m.text.startsWith("[maturity-check] config $.texts[0]")) });
      } finally {
        await s.context.close();
        await server.close();
      }
    });
  }
});

describe("a config file that does not arrive", () => {
  test("HTTP 404: the retry panel and the error event; once the file is there, try again starts the check", { timeout: 60_000 }, async () => {
    const pages = { "/": { body: page([{ id: "w", url: "/widget.json" }]) } };
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages });
    const s = await openPage(browser);
    try {
      await s.page.addInitScript(RECORD);
      await s.page.goto(server.url);
      const panel = s.page.locator("#w").getByRole("alert");
      await panel.getByText(LOAD_FAILED).waitFor();
      const [error] = await events(s.page, "error");
      assert.equal(error.path, "config-url");
      assert.match(error.message, /"\/widget\.json": HTTP 404/);

      pages["/widget.json"] = { body: JSON.stringify({ locale: "en", persistence: false }) };
      await panel.getByRole("button", { name: TRY_AGAIN }).click();
      await s.page.locator("#w").getByRole("button", { name: "Start the check" }).click();
      await s.page.locator("#w").getByText("Question 1 of 24", { exact: true }).waitFor();
      assert.equal((await events(s.page, "error")).length, 1, "no further error");
      assertNoErrors({ ...s, console: s.console.filter((m) => !/widget\.json|404/.test(m.text)) });
    } finally {
      await s.context.close();
      await server.close();
    }
  });

  test("no answer within the timeout: the retry panel and the error event; try again works once it answers", { timeout: 60_000 }, async () => {
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page([{ id: "w", url: "/slow.json" }]) } } });
    const s = await openPage(browser);
    try {
      await s.page.addInitScript(RECORD);
      // The file's server never answers; the page's clock is moved past the timeout.
      await s.page.route("**/slow.json", () => {});
      await s.page.clock.install();
      const asked = s.page.waitForRequest("**/slow.json");
      await s.page.goto(server.url);
      await asked;
      const panel = s.page.locator("#w").getByRole("alert");
      assert.equal(await s.page.locator("#w").getByText(LOAD_FAILED).count(), 0, "still waiting");
      await s.page.clock.fastForward(16_000);
      await panel.getByText(LOAD_FAILED).waitFor();
      const [error] = await events(s.page, "error");
      assert.equal(error.path, "config-url");
      assert.match(error.message, /"\/slow\.json": no answer within 15 s/);

      await s.page.unroute("**/slow.json");
      await s.page.route("**/slow.json", (r) => r.fulfill({ contentType: "application/json", body: JSON.stringify({ locale: "de", persistence: false }) }));
      await panel.getByRole("button", { name: TRY_AGAIN }).click();
      await s.page.locator("#w").getByRole("button", { name: "Check starten" }).click();
      await s.page.locator("#w").getByText("Frage 1 von 24", { exact: true }).waitFor();
      assertNoErrors({ ...s, console: s.console.filter((m) => !/slow\.json/.test(m.text)) });
    } finally {
      await s.context.close();
      await server.close();
    }
  });
});

describe("two tabs, one queued lead", () => {
  test("both come back online at once: the receiver gets the lead once", { timeout: 90_000 }, async () => {
    const receiver = await startReceiver();
    const config = { locale: "de", persistence: false, lead: { endpoint: `${receiver.url}/leads`, retries: 1, timeout_ms: 5000 } };
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page([{ id: "w", config }]) } } });
    const code = shareCode(chooseAnswers({ shift: 2 }));
    const context = await browser.newContext({ reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
    const [a, b] = [await openPage(browser, { context }), await openPage(browser, { context })];
    try {
      for (const s of [a, b]) {
        await s.page.addInitScript(RECORD);
        await s.page.goto(`${server.url}/#mc=${code}`);
        await s.page.locator("#w").getByRole("button", { name: "Kontaktdaten senden", exact: true }).waitFor();
      }
      const form = a.page.locator("#w");
      await form.getByRole("textbox", { name: /^Name/ }).fill("Maria Schmidt");
      await form.getByRole("textbox", { name: /^E-Mail/ }).fill("maria@firma.example");
      await form.getByRole("checkbox", { name: /^Ich bin einverstanden/ }).check();
      await context.setOffline(true);
      await form.getByRole("button", { name: "Kontaktdaten senden", exact: true }).click();
      await form.getByText(/^Noch nicht gesendet/).waitFor();
      const [queued] = await events(a.page, "lead");
      assert.equal(queued.status, "queued");

      // Both tabs flush the shared outbox as the connection returns; a slow receiver lets the
      // second find the lead while the first is still sending it.
      receiver.slow(1000);
      await context.setOffline(false);
      await receiver.waitForPosts(1);
      await new Promise((ok) => setTimeout(ok, 3000));
      const posts = receiver.posts();
      assert.equal(posts.length, 1, "the lead arrived once");
      assert.equal(posts[0].json.submission_id, queued.submission_id);
      const sent = [...(await events(a.page, "lead")), ...(await events(b.page, "lead"))].filter((e) => e.status === "sent");
      assert.deepEqual(sent.map((e) => e.submission_id), [queued.submission_id], "one tab reports it sent");
      assert.equal(await a.page.evaluate(() => localStorage.getItem("maturity-check:leads")), null, "the outbox is empty");
      for (const s of [a, b]) assertNoErrors({ ...s, console: s.console.filter((m) => !/ERR_INTERNET_DISCONNECTED/.test(m.text)) });
    } finally {
      await context.close();
      await server.close();
      await receiver.close();
    }
  });
});

describe("a share link that cannot be opened", () => {
  const q = QUESTIONNAIRE;
  const good = shareCode(chooseAnswers());
  const cases = [
    ["damaged", "1~garbage", /^Dieser Link ließ sich nicht öffnen: Er ist unvollständig oder beschädigt\. Der Check beginnt von vorn\.$/],
    ["from another version", good.replace(`~${q.version}~`, "~0.0.1~"), /^Dieser Link ließ sich nicht öffnen: Er stammt aus einer anderen Fassung dieses Checks\./],
    ["incomplete", good.split("~").map((part, i) => (i === 3 ? `_${part.slice(1)}` : part)).join("~"), /^Dieser Link ließ sich nicht öffnen: Er ist unvollständig oder beschädigt\./],
    ["for another check", good.replace(`~${q.id}~`, "~another-check~"), /^Dieser Link ließ sich nicht öffnen: Er gehört zu einem anderen Check\./],
  ];
  for (const [what, code, note] of cases) {
    test(`${what}: one line says so, and the check starts fresh`, { timeout: 30_000 }, async () => {
      const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page([{ id: "w", config: { persistence: false } }]) } } });
      const s = await openPage(browser);
      try {
        await s.page.goto(`${server.url}/#mc=${code}`);
        const w = s.page.locator("#w");
        await w.getByRole("status").filter({ hasText: note }).waitFor();
        await w.getByRole("button", { name: "Check starten" }).click();
        await w.getByText("Frage 1 von 24", { exact: true }).waitFor();
        assert.equal(await w.getByText(note).count(), 0, "the note goes once the check starts");
        assertNoErrors(s);
      } finally {
        await s.context.close();
        await server.close();
      }
    });
  }

  test("a link for another check is left alone when that check may be on the page too", { timeout: 30_000 }, async () => {
    const other = good.replace(`~${q.id}~`, "~another-check~");
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page([{ id: "w", config: { persistence: false } }, { id: "v", config: { persistence: false, locale: "en" } }]) } } });
    const s = await openPage(browser);
    try {
      await s.page.goto(`${server.url}/#mc=${other}`);
      await s.page.locator("#w").getByRole("button", { name: "Check starten" }).waitFor();
      await s.page.locator("#v").getByRole("button", { name: "Start the check" }).waitFor();
      assert.equal(await s.page.getByRole("status").count(), 0);
      assertNoErrors(s);
    } finally {
      await s.context.close();
      await server.close();
    }
  });
});

describe("the intro's duration", () => {
  test("follows the questionnaire: about five minutes for the built-in one, more for a long one, and a warning", { timeout: 60_000 }, async () => {
    const long = structuredClone(QUESTIONNAIRE);
    const first = long.questions[0];
    for (let i = 0; long.questions.length + long.context_questions.length <= 60; i++) long.questions.push({ ...structuredClone(first), id: `copy-${i}` });
    const pages = {
      "/": { body: page([{ id: "w", config: { persistence: false } }]) },
      "/long": { body: page([{ id: "w", config: { persistence: false, locale: "en", questionnaire: long } }]) },
    };
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages });
    const s = await openPage(browser);
    try {
      await s.page.goto(server.url);
      await s.page.locator("#w").getByText("Dauert etwa 5 Minuten", { exact: true }).waitFor();
      await s.page.goto(`${server.url}/long`);
      const total = long.questions.length + long.context_questions.length;
      await s.page.locator("#w").getByText(`${total} questions`, { exact: true }).waitFor();
      const duration = await s.page.locator("#w").getByText(/^Takes about \d+ minutes$/).innerText();
      assert.ok(Number(duration.match(/\d+/)[0]) >= 10, duration);
      assert.ok(s.console.some((m) => m.type === "warning" && m.text.includes(`${total} questions take about`)), "the long check is warned about");
      assertNoErrors(s);
    } finally {
      await s.context.close();
      await server.close();
    }
  });
});
