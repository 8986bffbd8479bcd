// Every screen and state, in light and dark themes: axe-core finds no WCAG 2 A/AA violations.
// Also: reduced motion is honoured, the JS API mounts and destroys, and print hides the controls.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { assertNoErrors, launchBrowser, openPage, ROOT } from "./support/browser.mjs";
import { startReceiver } from "./support/receiver.mjs";
import { DEMO_MOUNTS, startStatic } from "./support/serve.mjs";

const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const CODE = "1~cs-maturity~2~01234012340123401234~0120";

const page = (config, { lang = "de", body = "" } = {}) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>States</title>
<script type="module" src="/dist/maturity-check.js"></script></head>
<body><main><h1>States</h1>${body || `<maturity-check config='${JSON.stringify(config).replaceAll("'", "&#39;")}'></maturity-check>`}</main></body></html>`;

async function axe(p) {
  if (!(await p.evaluate(() => typeof window.axe === "object"))) await p.addScriptTag({ content: AXE });
  const violations = await p.evaluate(async () => {
    const r = await window.axe.run(document.querySelector("maturity-check"), { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
  });
  return violations;
}

describe("every state, light and dark", () => {
  let browser;
  let receiver;
  let server;
  const pages = {};
  before(async () => {
    [browser, receiver] = await Promise.all([launchBrowser(), startReceiver()]);
    server = await startStatic({ mounts: DEMO_MOUNTS, pages });
  });
  after(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.close();
  });

  for (const mode of ["light", "dark"]) {
    test(`axe: intro, question, results, lead form with errors, error panel (${mode})`, async () => {
      const config = { locale: "de", persistence: false, theme: { mode }, privacy_url: "/datenschutz", lead: { endpoint: `${receiver.url}/leads` } };
      pages[`/${mode}`] = { body: page(config) };
      pages[`/${mode}-broken`] = { body: page({ theme: { mode, primary: "nope" }, cta: { label: "x", url: "javascript:x" } }) };
      const s = await openPage(browser, { width: 375 });
      try {
        const found = {};
        await s.page.goto(`${server.url}/${mode}`);
        await s.page.getByRole("button", { name: "Check starten" }).waitFor();
        found.intro = await axe(s.page);
        await s.page.getByRole("button", { name: "Check starten" }).click();
        await s.page.getByRole("radiogroup").waitFor();
        found.question = await axe(s.page);
        await s.page.goto(`${server.url}/${mode}#mc=${CODE}`);
        await s.page.locator("#mc-results-title").waitFor();
        found.results = await axe(s.page);
        const background = await s.page.evaluate(() => getComputedStyle(document.querySelector("maturity-check").shadowRoot.querySelector(".mc")).backgroundColor);
        assert.equal(background, mode === "dark" ? "rgb(21, 25, 34)" : "rgb(255, 255, 255)", "the theme mode applies");
        await s.page.getByRole("textbox", { name: /^E-Mail/ }).fill("not an address");
        await s.page.getByRole("button", { name: "Kontaktdaten senden", exact: true }).click();
        await s.page.getByText("Das sieht nicht nach einer E-Mail-Adresse aus", { exact: false }).waitFor();
        found.validation = await axe(s.page);
        await s.page.goto(`${server.url}/${mode}-broken`);
        await s.page.getByRole("alert").waitFor();
        found.error_panel = await axe(s.page);
        for (const [state, violations] of Object.entries(found)) assert.deepEqual(violations, [], `${mode} ${state}`);
      } finally {
        await s.context.close();
      }
    });
  }

  test("reduced motion: the next question appears at once, without the transition", async () => {
    pages["/motion"] = { body: page({ locale: "de", persistence: false }) };
    const timeToNext = async (reducedMotion) => {
      const s = await openPage(browser, { reducedMotion });
      try {
        await s.page.goto(`${server.url}/motion`);
        await s.page.getByRole("button", { name: "Check starten" }).click();
        await s.page.getByRole("radiogroup").waitFor();
        // The counter right after the pick, in the same task as the key press.
        return await s.page.evaluate(() => {
          const root = document.querySelector("maturity-check").shadowRoot;
          root.querySelector(".mc-step").dispatchEvent(new KeyboardEvent("keydown", { key: "1", bubbles: true }));
          return new Promise((ok) => requestAnimationFrame(() => ok(root.querySelector("#mc-step-counter").textContent)));
        });
      } finally {
        await s.context.close();
      }
    };
    assert.equal(await timeToNext("reduce"), "Frage 2 von 24", "with reduced motion the next step is there in the next frame");
    assert.equal(await timeToNext("no-preference"), "Frage 1 von 24", "otherwise the picked option shows briefly first");
  });

  test("keyboard focus is always visible", async () => {
    pages["/focus"] = { body: page({ locale: "de", persistence: false }) };
    const s = await openPage(browser);
    try {
      await s.page.goto(`${server.url}/focus`);
      await s.page.getByRole("button", { name: "Check starten" }).waitFor();
      const focusRing = () =>
        s.page.evaluate(() => {
          let a = document.activeElement;
          while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
          const cs = getComputedStyle(a);
          return { inWidget: a.getRootNode() !== document, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth), what: a.textContent.trim().slice(0, 30) };
        });
      const seen = [];
      // Tab through the intro, then through a question's options and buttons.
      await s.page.keyboard.press("Tab");
      seen.push(await focusRing());
      await s.page.keyboard.press("Enter");
      await s.page.getByRole("radiogroup").waitFor();
      // The heading has focus now; Tab reaches the radio group, an arrow the next option, Tab "Back".
      for (const key of ["Tab", "ArrowDown", "Tab"]) {
        await s.page.keyboard.press(key);
        seen.push(await focusRing());
      }
      assert.ok(seen.every((f) => f.inWidget), `focus stayed in the widget: ${JSON.stringify(seen)}`);
      for (const f of seen) {
        assert.ok(f.outline !== "none" && f.width >= 2, `no visible focus on "${f.what}": ${JSON.stringify(f)}`);
      }
    } finally {
      await s.context.close();
    }
  });

  test("the JS API mounts into any element and destroy() removes it", async () => {
    pages["/api"] = { body: page(null, { body: `<div id="slot"></div>` }) };
    const s = await openPage(browser);
    try {
      await s.page.goto(`${server.url}/api`);
      await s.page.waitForFunction(() => window.MaturityCheck?.mount);
      await s.page.evaluate(async () => {
        window.handle = await window.MaturityCheck.mount(document.getElementById("slot"), { locale: "en", persistence: false });
      });
      await s.page.locator("#slot").getByRole("button", { name: "Start the check" }).waitFor();
      await s.page.evaluate(() => window.handle.destroy());
      assert.equal(await s.page.evaluate(() => document.getElementById("slot").shadowRoot.childElementCount), 0);
      await s.page.evaluate(() => window.handle.destroy()); // a second destroy is harmless
      assertNoErrors(s);
    } finally {
      await s.context.close();
    }
  });

  test("print: the results print without buttons, sections on new pages", async () => {
    pages["/print"] = { body: page({ locale: "de", persistence: false, cta: { label: "Termin", url: "/kontakt" } }) };
    const s = await openPage(browser);
    try {
      await s.page.goto(`${server.url}/print#mc=${CODE}`);
      await s.page.locator("#mc-results-title").waitFor();
      await s.page.emulateMedia({ media: "print" });
      const printed = await s.page.evaluate(() => {
        const root = document.querySelector("maturity-check").shadowRoot;
        const shown = (sel) => [...root.querySelectorAll(sel)].filter((e) => getComputedStyle(e).display !== "none").length;
        const heading = getComputedStyle(root.querySelector(".mc-disclosure__button"));
        return {
          buttons: shown("button:not(.mc-disclosure__button)"),
          plan: getComputedStyle(root.querySelector(".mc-plan")).breakBefore,
          summary: shown(".mc-summary"),
          // What opens on demand prints open, its buttons as plain headings.
          closed: [...root.querySelectorAll(".mc-disclosure__body, .mc-plan__entry")].filter((e) => getComputedStyle(e).display === "none").length,
          headingBorder: heading.borderTopStyle,
        };
      });
      assert.deepEqual(printed, { buttons: 0, plan: "page", summary: 1, closed: 0, headingBorder: "none" });
      const pdf = await s.page.pdf({ format: "A4" });
      assert.ok(pdf.length > 10_000, "a PDF report is produced");
    } finally {
      await s.context.close();
    }
  });
});
