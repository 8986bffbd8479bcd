// Embedding: several widgets per page, widget files on another origin, single-page apps adding and
// removing widgets, events for the host page and its data layer, partner themes, broken configs.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { assertNoErrors, launchBrowser, logical, openPage, ROOT } from "./support/browser.mjs";
import { DEMO_MOUNTS, startStatic } from "./support/serve.mjs";

const SHOTS = join(ROOT, "test-results", "screenshots");

/** A host page whose body is `body`, loading the widget from `loader`. */
function page(body, { loader = "/dist/maturity-check.js", lang = "de", head = "" } = {}) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="${loader}"></script>${head}</head><body>${body}</body></html>`;
}

/** The widget's primary colour as the browser resolves it, seen from an element inside it. */
const primaryOf = (locator) =>
  locator.evaluate((el) => {
    const probe = document.createElement("span");
    probe.style.color = "var(--mc-primary)";
    el.getRootNode().querySelector(".mc").append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });

const attr = (config) => `config='${JSON.stringify(config).replaceAll("'", "&#39;")}'`;

/** The shadow root's element matching `selector` inside the widget `host` (a CSS selector). */
const inWidget = (p, host, selector) =>
  p.evaluate(([h, s]) => document.querySelector(h)?.shadowRoot?.querySelector(s)?.textContent ?? null, [host, selector]);

describe("embedding", () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test("two widgets with different configs work side by side and share one download of each wasm file", async () => {
    const body = `<maturity-check id="a" ${attr({ locale: "de", persistence: false })}></maturity-check>
      <maturity-check id="b" ${attr({ locale: "en", persistence: false, theme: { primary: "#8a1c1c" } })}></maturity-check>`;
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page(body) } } });
    const s = await openPage(browser);
    const wasm = [];
    s.page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(logical(r.url())));
    try {
      await s.page.goto(server.url);
      const a = s.page.locator("#a");
      const b = s.page.locator("#b");
      await a.getByRole("button", { name: "Check starten" }).click();
      await b.getByRole("button", { name: "Start the check" }).click();
      await a.getByRole("radio").first().click();
      assert.equal(await inWidget(s.page, "#a", "#mc-step-counter"), "Frage 2 von 24");
      assert.equal(await inWidget(s.page, "#b", "#mc-step-counter"), "Question 1 of 24", "b is independent of a");
      await b.getByRole("radio").nth(2).click();
      await s.page.waitForFunction(() => document.querySelector("#b").shadowRoot.querySelector("#mc-step-counter")?.textContent === "Question 2 of 24");
      assert.equal(await primaryOf(b.getByRole("button", { name: "Back" })), "rgb(138, 28, 28)", "b has its own theme");
      assert.equal(await primaryOf(a.getByRole("button", { name: "Zurück" })), "rgb(31, 79, 209)", "a keeps the default theme");
      // The main module, and the chunks prefetched after the first answer, each once per page.
      assert.equal(wasm.filter((u) => u.endsWith("/maturity_check_bg.wasm")).length, 1, `main module: ${wasm}`);
      assert.equal(new Set(wasm).size, wasm.length, `every wasm file is fetched once per page: ${wasm}`);
      assertNoErrors(s);
    } finally {
      await s.context.close();
      await server.close();
    }
  });

  test("widget files served from another origin", async () => {
    const cdn = await startStatic({ mounts: { "/": "dist" }, cors: true });
    const host = await startStatic({ pages: { "/": { body: page(`<maturity-check ${attr({ locale: "en" })}></maturity-check>`, { loader: `${cdn.url}/maturity-check.js` }) } } });
    const s = await openPage(browser);
    try {
      assert.notEqual(new URL(cdn.url).origin, new URL(host.url).origin);
      await s.page.goto(host.url);
      await s.page.getByRole("button", { name: "Start the check" }).click();
      await s.page.getByRole("radiogroup").waitFor();
      assertNoErrors(s);
    } finally {
      await s.context.close();
      await host.close();
      await cdn.close();
    }
  });

  test("a widget added and removed 20 times by script leaves no nodes or listeners behind", async () => {
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page(`<div id="slot"></div>`) } } });
    const s = await openPage(browser);
    try {
      await s.page.goto(server.url);
      const cdp = await s.context.newCDPSession(s.page);
      await cdp.send("Performance.enable");
      const metrics = async () => {
        // Let pending timers and animation frames of removed widgets run out, then collect twice:
        // what is still there afterwards is held on purpose, which is what this test looks for.
        await s.page.waitForTimeout(500);
        await cdp.send("HeapProfiler.collectGarbage");
        await cdp.send("HeapProfiler.collectGarbage");
        const { metrics } = await cdp.send("Performance.getMetrics");
        return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
      };
      const cycle = (n) =>
        s.page.evaluate(async (n) => {
          for (let i = 0; i < n; i++) {
            const el = document.createElement("maturity-check");
            el.setAttribute("config", '{"persistence":false}');
            const ready = new Promise((ok) => el.addEventListener("maturity-check:ready", ok, { once: true }));
            document.getElementById("slot").append(el);
            await ready;
            // Start the check too, so the question step's handlers exist before removal.
            el.shadowRoot.querySelector(".mc-button--primary").click();
            await new Promise((ok) => setTimeout(ok, 20));
            el.remove();
          }
        }, n);
      await cycle(1);
      const baseline = await metrics();
      await cycle(20);
      const end = await metrics();
      assert.equal(await s.page.locator("maturity-check").count(), 0);
      assert.ok(end.Nodes <= baseline.Nodes + 5, `DOM nodes grew from ${baseline.Nodes} to ${end.Nodes}`);
      assert.ok(
        end.JSEventListeners <= baseline.JSEventListeners + 2,
        `event listeners grew from ${baseline.JSEventListeners} to ${end.JSEventListeners}`,
      );
      assertNoErrors(s);
    } finally {
      await s.context.close();
      await server.close();
    }
  });

  test("events reach a host listener and window.dataLayer", async () => {
    const head = `<script>
      window.seen = [];
      for (const n of ["ready","start","answer","complete","error"])
        document.addEventListener("maturity-check:" + n, (e) => window.seen.push({ name: n, detail: e.detail }));
    </script>`;
    const body = `<maturity-check ${attr({ locale: "en", data_layer: true, persistence: false })}></maturity-check>`;
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page(body, { head }) } } });
    const s = await openPage(browser);
    try {
      await s.page.goto(server.url);
      await s.page.getByRole("button", { name: "Start the check" }).click();
      for (let i = 0; i < 24; i++) {
        await s.page.waitForFunction((i) => document.querySelector("maturity-check").shadowRoot.querySelector("#mc-step-counter")?.textContent === `Question ${i + 1} of 24`, i);
        await s.page.keyboard.press("1");
      }
      await s.page.getByRole("heading", { name: /^Stage 1 of 3/ }).waitFor();
      const seen = await s.page.evaluate(() => window.seen);
      const names = seen.map((e) => e.name);
      assert.deepEqual([names[0], names[1]], ["ready", "start"]);
      assert.equal(names.filter((n) => n === "answer").length, 24);
      assert.equal(names.at(-1), "complete");
      const firstAnswer = seen.find((e) => e.name === "answer").detail;
      assert.deepEqual(Object.keys(firstAnswer).sort(), ["index", "option_id", "question_id", "total"]);
      assert.equal(firstAnswer.index, 1);
      assert.equal(firstAnswer.total, 24);
      const complete = seen.at(-1).detail;
      assert.deepEqual(complete.questionnaire, { id: "cs-maturity", version: "2" });
      assert.deepEqual(complete.overall, { score: 0, level: "reactive" });
      assert.equal(complete.dimensions.length, 6);
      const layer = await s.page.evaluate(() => window.dataLayer.map((e) => e.event));
      assert.deepEqual(layer, names.map((n) => `maturity-check:${n}`), "the same events in the data layer");
      assertNoErrors(s);
    } finally {
      await s.context.close();
      await server.close();
    }
  });

  test("a partner theme renders with its colours and logo", async () => {
    const config = {
      locale: "de",
      theme: { primary: "#0f5c4d", background: "#fffdf8", text: "#1f2a27", font_family: "Georgia, serif", radius: 4 },
      brand: { name: "Nordlicht Consulting", logo_url: "/demo/partner-logo.svg", powered_by: false },
      cta: { label: "Ergebnis besprechen", url: "https://nordlicht.example/termin" },
    };
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page(`<maturity-check ${attr(config)}></maturity-check>`) } } });
    const s = await openPage(browser);
    try {
      await s.page.goto(server.url);
      const start = s.page.getByRole("button", { name: "Check starten" });
      await start.waitFor();
      const style = await start.evaluate((el) => {
        const cs = getComputedStyle(el);
        const root = getComputedStyle(el.getRootNode().querySelector(".mc"));
        return { bg: cs.backgroundColor, font: root.fontFamily, page: root.backgroundColor, radius: root.borderTopLeftRadius };
      });
      assert.equal(style.bg, "rgb(15, 92, 77)");
      assert.equal(style.page, "rgb(255, 253, 248)");
      assert.match(style.font, /Georgia/);
      assert.equal(style.radius, "4px");
      const logo = s.page.getByRole("img", { name: "Nordlicht Consulting" });
      await logo.waitFor();
      assert.ok(await logo.evaluate((img) => img.complete && img.naturalWidth > 0), "the logo loaded");
      assert.equal(await s.page.getByText("Erstellt mit maturity-check").count(), 0, "powered-by hidden");
      mkdirSync(SHOTS, { recursive: true });
      await s.page.screenshot({ path: join(SHOTS, "partner-theme-1280.png"), fullPage: true });
      assertNoErrors(s);
    } finally {
      await s.context.close();
      await server.close();
    }
  });

  test("a questionnaire loaded from a URL is validated with paths under $.questionnaire", async () => {
    const good = readFileSync(join(ROOT, "engine/tests/fixtures/three-levels.json"), "utf8");
    const gap = JSON.parse(good);
    gap.levels[1].min = 45;
    const body = `<maturity-check id="good" ${attr({ locale: "en", questionnaire: "/q/good.json" })}></maturity-check>
      <maturity-check id="bad" ${attr({ locale: "en", questionnaire: "/q/gap.json" })}></maturity-check>`;
    const server = await startStatic({
      mounts: DEMO_MOUNTS,
      pages: { "/": { body: page(body, { lang: "en" }) }, "/q/good.json": { body: good }, "/q/gap.json": { body: JSON.stringify(gap) } },
    });
    const s = await openPage(browser);
    try {
      await s.page.goto(server.url);
      await s.page.locator("#good").getByRole("heading", { name: "Fixture" }).waitFor();
      // Without the built-in core file, the first view's own strings come with the questionnaire's chunk.
      assert.match(await inWidget(s.page, "#good", ".mc-facts"), /\d+ questions/);
      await s.page.locator("#good").getByRole("button", { name: "Start the check" }).waitFor();
      const panel = s.page.locator("#bad").getByRole("alert");
      await panel.waitFor();
      assert.match(await panel.textContent(), /\$\.questionnaire\.levels\[1\]\.min/);
    } finally {
      await s.context.close();
      await server.close();
    }
  });

  test("a valid config with a warning starts at once and names the warning in the console", async () => {
    const config = { locale: "en", persistance: false };
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page(`<maturity-check ${attr(config)}></maturity-check>`, { lang: "en" }) } } });
    const s = await openPage(browser);
    try {
      await s.page.goto(server.url);
      await s.page.getByRole("button", { name: "Start the check" }).waitFor();
      const warned = () => s.console.some((m) => m.type === "warning" && m.text.includes("$.persistance") && m.text.includes('"persistence"'));
      for (let n = 0; n < 100 && !warned(); n++) await new Promise((ok) => setTimeout(ok, 20));
      assert.ok(warned(), `warnings: ${JSON.stringify(s.console)}`);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.context.close();
      await server.close();
    }
  });

  test("a broken config shows the error panel with JSON paths and error events", async () => {
    const config = { theme: { primary: "blue" }, cta: { label: "x", url: "javascript:alert(1)" }, persistance: false };
    const head = `<script>window.errorsSeen = []; document.addEventListener("maturity-check:error", (e) => window.errorsSeen.push(e.detail));</script>`;
    const body = `<maturity-check ${attr(config)}></maturity-check><maturity-check id="missing" config-url="/nope.json"></maturity-check>`;
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page(body, { head, lang: "en" }) } } });
    const s = await openPage(browser);
    try {
      await s.page.goto(server.url);
      const panel = s.page.locator("maturity-check:not(#missing)").getByRole("alert");
      await panel.waitFor();
      const text = await panel.textContent();
      assert.match(text, /The check cannot start/);
      // The config file that is not there gets the "try again" panel, not an empty box.
      await s.page.locator("#missing").getByRole("alert").getByRole("button", { name: "Try again" }).waitFor();
      assert.match(text, /\$\.theme\.primary/);
      assert.match(text, /\$\.cta\.url/);
      await s.page.waitForFunction(() => window.errorsSeen.length >= 3);
      const paths = (await s.page.evaluate(() => window.errorsSeen)).map((d) => d.path).sort();
      assert.deepEqual(paths, ["$.cta.url", "$.theme.primary", "config-url"]);
      const warnings = s.console.filter((m) => m.type === "warning").map((m) => m.text);
      assert.ok(warnings.some((w) => w.includes("$.persistance") && w.includes('"persistence"')), `warnings: ${warnings}`);
      assert.deepEqual(s.errors, []);
    } finally {
      await s.context.close();
      await server.close();
    }
  });

  // The error panel comes with the code that words the problems (split_config.wasm). Without it the
  // site owner still learns that the config is broken (console, event), and the visitor gets the
  // "could not be loaded" note with a retry that shows the panel once the file arrives.
  test("a broken config whose wording cannot be downloaded says so and shows the panel on retry", async () => {
    const config = { locale: "en", theme: { primary: "blue" } };
    const head = `<script>window.errorsSeen = []; document.addEventListener("maturity-check:error", (e) => window.errorsSeen.push(e.detail));</script>`;
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: page(`<maturity-check ${attr(config)}></maturity-check>`, { head, lang: "en" }) } } });
    const s = await openPage(browser);
    let blocked = true;
    await s.page.route(/\/split_config\.\w+\.wasm$/, (route) => (blocked ? route.abort("internetdisconnected") : route.continue()));
    try {
      await s.page.goto(server.url);
      const alert = s.page.getByRole("alert");
      await alert.waitFor();
      assert.match(await alert.textContent(), /could not be loaded/);
      const seen = await s.page.evaluate(() => window.errorsSeen);
      assert.equal(seen.length, 1);
      assert.match(seen[0].message, /the config has errors, and the code that names them could not be downloaded/);
      assert.deepEqual(s.errors, []);
      blocked = false;
      await s.page.getByRole("button", { name: "Try again" }).click();
      await s.page.getByText("The check cannot start").waitFor();
      assert.match(await s.page.getByRole("alert").textContent(), /\$\.theme\.primary/);
      assert.equal(await s.page.locator("maturity-check").evaluate((el) => el.shadowRoot.querySelectorAll(".mc").length), 1, "one panel, not two");
      assert.deepEqual(s.errors, []);
    } finally {
      await s.context.close();
      await server.close();
    }
  });
});
