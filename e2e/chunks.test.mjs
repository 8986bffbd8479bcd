// Lazy loading: the first question needs only the main wasm module and the built-in questions in the
// visitor's locale; the results screen's code and the built-in advice come later. A failed download
// says so, keeps every answer and can be retried.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  answerAll,
  assertNoErrors,
  chooseAnswers,
  hostPage,
  launchBrowser,
  logical,
  mounts,
  openPage,
  readResults,
  serveHost,
  waitForStep,
} from "./support/browser.mjs";
import { startStatic } from "./support/serve.mjs";

describe("chunks", () => {
  let browser;
  let server;
  before(async () => {
    browser = await launchBrowser();
    server = await serveHost({ lang: "en", config: { locale: "en" } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("the first question loads without the results code and the advice; both arrive before the results", async () => {
    const s = await openPage(browser);
    const requests = [];
    s.page.on("request", (r) => requests.push(logical(new URL(r.url()).pathname)));
    // A slow stylesheet keeps the background fetch after the first answer busy until the last
    // answer, so the results screen asks for the same files while that fetch is still under way.
    let answered = null;
    const allAnswered = new Promise((resolve) => (answered = resolve));
    await s.page.route(/\/maturity-check\.results\.\w+\.css$/, async (route) => {
      await allAnswered;
      await route.continue();
    });
    try {
      await s.page.goto(server.url);
      await s.page.getByRole("button", { name: "Start the check" }).click();
      await waitForStep(s.page, 0, "en");
      const firstView = [...requests];
      assert.ok(firstView.includes("/dist/maturity_check_bg.wasm"), firstView.join(" "));
      assert.deepEqual(
        firstView.filter((p) => p.endsWith(".wasm") && !p.endsWith("/maturity_check_bg.wasm")),
        [],
        "no chunk before the first answer",
      );
      assert.ok(!firstView.some((p) => p.includes("advice")), "no advice before the first answer");
      assert.deepEqual(
        firstView.filter((p) => p.includes("maturity-check.core.")),
        ["/dist/maturity-check.core.en.txt"],
        "the built-in questions in English only",
      );
      // The loader asks for the wasm module (the larger) and right after it for the questions, so
      // that they arrive side by side, not one after the other; each is asked for once (the
      // preload link's request is the one `fetch()` takes over).
      assert.equal(
        firstView.indexOf("/dist/maturity-check.core.en.txt"),
        firstView.indexOf("/dist/maturity_check_bg.wasm") + 1,
        `requested right after the wasm module: ${firstView.join(" ")}`,
      );
      // The preload links were the loader's own and are gone again: the page keeps its head.
      assert.equal(await s.page.evaluate(() => document.querySelectorAll("link[rel=preload]").length), 0, "no preload link left in the page");
      await answerAll(s.page, chooseAnswers({ shift: 1 }), "en", "mouse");
      await s.page.waitForTimeout(100);
      answered();
      const shown = await readResults(s.page, "en");
      assert.ok(shown.plan.now.length > 0, "the plan has entries");
      assert.ok(requests.includes("/dist/maturity-check.advice.en.json"), "the English advice was fetched");
      assert.ok(!requests.includes("/dist/maturity-check.advice.de.json"), "the German advice was not");
      assert.ok(requests.includes("/dist/maturity-check.results.css"), "the results stylesheet was fetched");
      assert.ok(!firstView.includes("/dist/maturity-check.results.css"), "but not for the first view");
      // The background fetch after the first answer and the results screen share one download,
      // however quickly the questions are answered.
      const twice = requests.filter((p, i) => p.startsWith("/dist/") && requests.indexOf(p) !== i);
      assert.deepEqual(twice, [], "every file of the widget is downloaded once");
      assertNoErrors(s);
    } finally {
      await s.context.close();
    }
  });

  for (const [what, pattern] of [
    ["the advice", /maturity-check\.advice\.en\.\w+\.json$/],
    ["the results code", /\/dist\/(split_results|chunk_\d+)\.\w+\.wasm$/],
  ]) {
    test(`when ${what} cannot be downloaded, the check says so, keeps the answers and loads on retry`, async () => {
      const s = await openPage(browser);
      let blocked = true;
      await s.page.route(pattern, (route) => (blocked ? route.abort("internetdisconnected") : route.continue()));
      try {
        await s.page.goto(server.url);
        await s.page.getByRole("button", { name: "Start the check" }).click();
        await answerAll(s.page, chooseAnswers({ shift: 2 }), "en", "mouse");
        const alert = s.page.getByRole("alert");
        await alert.waitFor();
        assert.match(await alert.textContent(), /could not be loaded\. Your answers are safe/);
        const saved = await s.page.evaluate(() =>
          Object.keys(localStorage).filter((k) => k.startsWith("maturity-check:")),
        );
        assert.ok(saved.length > 0, "the answers are saved");
        blocked = false;
        await s.page.getByRole("button", { name: "Try again" }).click();
        const shown = await readResults(s.page, "en");
        assert.ok(shown.plan.now.length > 0, "the plan shows after the retry");
        assert.deepEqual(s.errors, [], "no page errors");
      } finally {
        await s.context.close();
      }
    });
  }

  // Reading saved answers and share links is a chunk of its own: a first visit never downloads it,
  // a returning visitor does, and if it cannot be downloaded the widget starts fresh and keeps the
  // saved answers for the next visit.
  test("saved answers are read by a chunk fetched only for a returning visitor; without it nothing saved is lost", async () => {
    const s = await openPage(browser);
    const requests = [];
    s.page.on("request", (r) => requests.push(logical(new URL(r.url()).pathname)));
    let blocked = false;
    await s.page.route(/\/dist\/split_restore\.\w+\.wasm$/, (route) => (blocked ? route.abort("internetdisconnected") : route.continue()));
    try {
      await s.page.goto(server.url);
      await s.page.getByRole("button", { name: "Start the check" }).click();
      await waitForStep(s.page, 0, "en");
      await s.page.getByRole("radio").nth(2).click();
      await waitForStep(s.page, 1, "en");
      assert.ok(!requests.includes("/dist/split_restore.wasm"), "a first visit does not fetch it");
      const saved = () =>
        s.page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith("maturity-check:")));
      const before = await saved();
      assert.equal(before.length, 1, "the answer is saved");

      await s.page.reload();
      await s.page.getByRole("button", { name: /Continue/ }).waitFor();
      assert.ok(requests.includes("/dist/split_restore.wasm"), "a returning visit fetches it");

      blocked = true;
      await s.page.reload();
      await s.page.getByRole("button", { name: "Start the check" }).waitFor();
      assert.equal(await s.page.getByRole("button", { name: /Continue/ }).count(), 0, "nothing to continue without the chunk");
      assert.ok(
        s.console.some((m) => /could not download the code that reads saved answers/.test(m.text)),
        `a console warning says why: ${s.console.map((m) => m.text).join(" | ")}`,
      );
      assert.deepEqual(await saved(), before, "the saved answers are kept for the next visit");
      assert.deepEqual(s.errors, [], "no page errors");

      blocked = false;
      await s.page.reload();
      await s.page.getByRole("button", { name: /Continue/ }).waitFor();
    } finally {
      await s.context.close();
    }
  });

  // The loader starts the download of the built-in questions beside the wasm module's, guessing the
  // locale the widget will pick. A right guess is one download; the widget never fetches it twice.
  test("the loader fetches the built-in questions in the locale the widget picks, once", async () => {
    const cases = [
      { path: "/config-wins", lang: "de", config: { locale: "en" }, browser: "de-DE", expect: "en" },
      { path: "/page-lang", lang: "en-GB", config: null, browser: "de-DE", expect: "en" },
      { path: "/browser-lang", lang: null, config: {}, browser: "en-US", expect: "en" },
      { path: "/unknown-everywhere", lang: "fr", config: {}, browser: "fr-FR", expect: "de" },
    ];
    const pages = Object.fromEntries(cases.map((c) => [c.path, { body: hostPage({ lang: c.lang, config: c.config }) }]));
    const host = await startStatic({ mounts: await mounts(), pages });
    try {
      for (const c of cases) {
        const context = await browser.newContext({ reducedMotion: "reduce", locale: c.browser });
        const s = await openPage(browser, { context });
        const cores = [];
        s.page.on("request", (r) => r.url().includes("maturity-check.core.") && cores.push(logical(new URL(r.url()).pathname)));
        try {
          await s.page.goto(host.url.replace(/\/$/, "") + c.path);
          await s.page.getByRole("button", { name: c.expect === "en" ? "Start the check" : "Check starten" }).waitFor();
          assert.deepEqual(cores, [`/dist/maturity-check.core.${c.expect}.txt`], c.path);
          assertNoErrors(s);
        } finally {
          await context.close();
        }
      }
    } finally {
      await host.close();
    }
  });

  test("when the built-in questions cannot be downloaded, the widget says so and starts on retry", async () => {
    const s = await openPage(browser);
    let blocked = true;
    await s.page.route(/maturity-check\.core\.en\.\w+\.txt$/, (route) => (blocked ? route.abort("internetdisconnected") : route.continue()));
    await s.page.addInitScript(() => {
      window.errorsSeen = [];
      document.addEventListener("maturity-check:error", (e) => window.errorsSeen.push(e.detail));
    });
    try {
      await s.page.goto(server.url);
      const alert = s.page.getByRole("alert");
      await alert.waitFor();
      // A dropped connection is not a config error: no list for the site owner, a way to retry.
      assert.match(await alert.textContent(), /could not be loaded\. .*Check your connection/);
      assert.doesNotMatch(await alert.textContent(), /configuration/);
      const seen = await s.page.evaluate(() => window.errorsSeen);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].path, "$.questionnaire");
      assert.match(seen[0].message, /could not load the questions \(maturity-check\.core\.en\.txt\)/);
      assert.deepEqual(s.errors, [], "no page errors");
      blocked = false;
      await s.page.getByRole("button", { name: "Try again" }).click();
      await s.page.getByRole("button", { name: "Start the check" }).click();
      await waitForStep(s.page, 0, "en");
      assert.equal(await s.page.locator("maturity-check").evaluate((el) => el.shadowRoot.querySelectorAll(".mc").length), 1, "one widget, not two");
      assert.deepEqual(s.errors, [], "no page errors");
    } finally {
      await s.context.close();
    }
  });

});
