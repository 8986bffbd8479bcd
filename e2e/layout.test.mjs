// Host-page manners: the widget does not shift the page as it appears. Core Web Vitals count every
// layout shift without recent input against the host page (CLS), so the element reserves the
// intro's height before the widget has rendered.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { TEXT, assertNoErrors, launchBrowser, logical, mounts, openPage } from "./support/browser.mjs";
import { startStatic } from "./support/serve.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A host page with text above and below the widget, recording layout shifts from the start. */
const page = (lang, config) => `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Layout</title>
  <link rel="icon" href="data:,">
  <script>
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: "layout-shift", buffered: true });
  </script>
  <script type="module" blocking="render" src="/dist/maturity-check.js"></script>
</head>
<body>
  <h1>Our services</h1>
  <p>Text above the widget.</p>
  <maturity-check config='${JSON.stringify(config)}'></maturity-check>
  <p id="below">Text below the widget, which must not move when the widget appears.</p>
</body>
</html>`;

for (const [lang, config] of [
  ["de", {}],
  ["en", { locale: "en" }],
  ["de", { formality: "formal" }],
]) {
  for (const width of [320, 375, 768, 1280]) {
    test(`the widget appears without shifting the host page (${lang}${config.formality ? ", formal" : ""}, ${width}px)`, { timeout: 30_000 }, async () => {
      const server = await startStatic({ mounts: await mounts(), pages: { "/": { body: page(lang, config) } } });
      const session = await openPage(browser, { width });
      try {
        await session.page.goto(`${server.url}/`);
        await session.page.getByRole("button", { name: TEXT[lang].start, exact: true }).waitFor();
        // Two frames, so that a shift of the intro's own rendering is reported.
        await session.page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
        const shifts = await session.page.evaluate(() => window.__shifts);
        const total = shifts.reduce((a, b) => a + b, 0);
        assert.equal(total, 0, `layout shift ${total.toFixed(4)} (${shifts.length} shifts)`);
        // The space held is the intro's, not much more: at most 80 px stay empty below it.
        const [held, intro] = await session.page.evaluate(() => {
          const root = document.querySelector("maturity-check").shadowRoot;
          return [root.querySelector(".mc-host").getBoundingClientRect().height, root.querySelector(".mc").getBoundingClientRect().height];
        });
        assert.ok(held - intro <= 80, `held ${held} px for an intro of ${intro} px`);
        assertNoErrors(session);
      } finally {
        await session.context.close();
        await server.close();
      }
    });
  }
}

/** A host page whose widget sits three viewports down, with `attributes` on the element. */
const farDown = (attributes) => `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Far down</title>
  <link rel="icon" href="data:,">
  <script type="module" src="/dist/maturity-check.js"></script>
</head>
<body>
  <h1>A long page</h1>
  <div style="height: 300vh"></div>
  <maturity-check ${attributes}></maturity-check>
</body>
</html>`;

for (const lazy of [true, false]) {
  test(`loading="lazy" ${lazy ? "waits until the widget is near the viewport" : "absent: the widget loads at once"}`, { timeout: 30_000 }, async () => {
    const server = await startStatic({ mounts: await mounts(), pages: { "/": { body: farDown(lazy ? 'loading="lazy"' : "") } } });
    const session = await openPage(browser);
    const requested = [];
    session.page.on("request", (r) => requested.push(logical(new URL(r.url()).pathname)));
    const widgetFiles = () => requested.filter((p) => /\.wasm$|\.core\.[a-z-]+\.txt$/.test(p));
    try {
      await session.page.goto(`${server.url}/`);
      await session.page.waitForLoadState("load");
      await session.page.waitForTimeout(800);
      if (lazy) {
        assert.deepEqual(widgetFiles(), [], "nothing of the widget is downloaded while it is far away");
        // Scrolled to within a viewport of it: the downloads start and the intro shows.
        await session.page.evaluate(() => window.scrollTo(0, window.innerHeight * 1.2));
      } else {
        assert.ok(widgetFiles().length >= 2, `the wasm and the core are downloaded at once: ${widgetFiles()}`);
      }
      await session.page.getByRole("button", { name: TEXT.de.start, exact: true }).waitFor({ state: "attached" });
      assert.ok(widgetFiles().some((p) => p.endsWith("maturity_check_bg.wasm")));
      assertNoErrors(session);
    } finally {
      await session.context.close();
      await server.close();
    }
  });
}
