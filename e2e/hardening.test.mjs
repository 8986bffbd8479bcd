// Hostile surroundings: aggressive host CSS, right-to-left pages, a <base href> pointing elsewhere,
// a strict Content Security Policy, and markup smuggled in through config or questionnaire texts.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { assertNoErrors, launchBrowser, openPage, ROOT } from "./support/browser.mjs";
import { startReceiver } from "./support/receiver.mjs";
import { DEMO_MOUNTS, startStatic } from "./support/serve.mjs";

const SHOTS = join(ROOT, "test-results", "screenshots");

const HOSTILE_CSS = `
  * { all: unset !important; }
  div { display: none !important; }
  body { font-size: 40px !important; line-height: 3 !important; }
  *, *::before, *::after { box-sizing: content-box !important; }
  html { font-size: 8px !important; }
  button, a, span, p, h2 { color: magenta !important; font-family: "Comic Sans MS", fantasy !important; }
  .mc, .mc-button, .mc-option { display: none !important; }
  #overlay { position: fixed; top: 0; left: 0; width: 10px; height: 10px; z-index: 2147483647; }
  head, script, style { display: none !important; }
`;

function host({ css = "", dir = "", base = "", head = "", loader = "/dist/maturity-check.js", config = { locale: "de", persistence: false } } = {}) {
  const attr = `config='${JSON.stringify(config).replaceAll("'", "&#39;")}'`;
  return `<!doctype html><html lang="de"${dir ? ` dir="${dir}"` : ""}><head><meta charset="utf-8">
${base}<link rel="icon" href="data:,"><style>${css}</style>
<script type="module" src="${loader}"></script>${head}</head>
<body><p id="before">Host text before</p><maturity-check id="w" ${attr}></maturity-check><p id="after">Host text after</p>
<span id="overlay"></span></body></html>`;
}

/** What the widget looks like from the inside: computed styles of a few of its parts. */
const widgetLook = (page) =>
  page.evaluate(() => {
    const root = document.querySelector("#w").shadowRoot;
    const pick = (sel) => {
      const el = root.querySelector(sel);
      const cs = getComputedStyle(el);
      // Width is left out: it follows the host's container, which a hostile page may change.
      const r = el.getBoundingClientRect();
      return { font: cs.fontFamily, size: cs.fontSize, colour: cs.color, display: cs.display, dir: cs.direction, height: Math.round(r.height) };
    };
    return { root: pick(".mc"), title: pick("h2"), button: pick(".mc-button--primary") };
  });

async function completeOneStep(page) {
  await page.getByRole("button", { name: "Check starten" }).click();
  await page.getByRole("radio").nth(2).click();
  await page.waitForFunction(() => document.querySelector("#w").shadowRoot.querySelector("#mc-step-counter")?.textContent === "Frage 2 von 24");
}

describe("hostile host pages", () => {
  let browser;
  let server;
  before(async () => {
    browser = await launchBrowser();
    // The server reads `pages` on each request, so a page can be added once its URL is known.
    const pages = {
      "/plain": { body: host() },
      "/hostile": { body: host({ css: HOSTILE_CSS }) },
      "/rtl": { body: host({ dir: "rtl" }) },
    };
    server = await startStatic({ mounts: DEMO_MOUNTS, pages });
    // A snippet's script URL is absolute (as the README shows); everything else the loader fetches
    // must then resolve against the loader's own URL, not the page's <base>.
    pages["/base"] = { body: host({ base: '<base href="https://elsewhere.invalid/some/path/">', loader: `${server.url}/dist/maturity-check.js` }) };
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("aggressive global CSS, RTL and <base href> leave the widget looking and working the same", async () => {
    mkdirSync(SHOTS, { recursive: true });
    const s = await openPage(browser);
    try {
      await s.page.goto(`${server.url}/plain`);
      await s.page.getByRole("button", { name: "Check starten" }).waitFor();
      const reference = await widgetLook(s.page);
      await s.page.locator("#w").screenshot({ path: join(SHOTS, "host-plain.png") });
      for (const name of ["hostile", "rtl", "base"]) {
        await s.page.goto(`${server.url}/${name}`);
        await s.page.getByRole("button", { name: "Check starten" }).waitFor();
        const look = await widgetLook(s.page);
        assert.deepEqual(look, reference, `${name}: the widget's own styles are unchanged`);
        await s.page.locator("#w").screenshot({ path: join(SHOTS, `host-${name}.png`) });
        await completeOneStep(s.page);
      }
      assertNoErrors(s);
    } finally {
      await s.context.close();
    }
  });

  test("the widget does not touch the host page's layout or styles", async () => {
    const s = await openPage(browser);
    try {
      const hostLook = () =>
        s.page.evaluate(() => ({
          sheets: document.styleSheets.length,
          adopted: document.adoptedStyleSheets.length,
          before: (({ fontSize, fontFamily, color, display, margin }) => ({ fontSize, fontFamily, color, display, margin }))(getComputedStyle(document.querySelector("#before"))),
          after: document.querySelector("#after").getBoundingClientRect().left,
          bodyChildren: [...document.body.children].map((e) => e.tagName),
        }));
      // The same page with the widget element but without the loader, for reference.
      const bare = host().replace('<script type="module" src="/dist/maturity-check.js"></script>', "");
      const ref = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: bare } } });
      await s.page.goto(ref.url);
      const without = await hostLook();
      await ref.close();
      await s.page.goto(`${server.url}/plain`);
      await s.page.getByRole("button", { name: "Check starten" }).waitFor();
      const withWidget = await hostLook();
      assert.deepEqual(withWidget, without);
    } finally {
      await s.context.close();
    }
  });
});

describe("strict Content Security Policy", () => {
  test("works end to end, lead included, with zero violations", async () => {
    const receiver = await startReceiver();
    const csp = `default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ${receiver.url}; img-src 'self' data:`;
    const probe = `window.violations = []; document.addEventListener("securitypolicyviolation", (e) => window.violations.push(e.violatedDirective + " " + e.blockedURI));`;
    const config = { locale: "de", persistence: true, privacy_url: "/datenschutz", cta: { label: "Termin", url: "/kontakt" }, lead: { endpoint: `${receiver.url}/leads` } };
    const server = await startStatic({
      mounts: DEMO_MOUNTS,
      pages: { "/": { body: host({ config }).replace("<style></style>", ""), headers: { "content-security-policy": csp } } },
    });
    const browser = await launchBrowser();
    const s = await openPage(browser);
    try {
      // Injected by the browser itself, so the probe is not subject to the page's CSP.
      await s.page.addInitScript(probe);
      await s.page.goto(server.url);
      await s.page.getByRole("button", { name: "Check starten" }).click();
      for (let i = 0; i < 24; i++) {
        await s.page.waitForFunction((i) => document.querySelector("#w").shadowRoot.querySelector("#mc-step-counter")?.textContent === `Frage ${i + 1} von 24`, i);
        await s.page.keyboard.press("2");
      }
      await s.page.getByRole("heading", { name: /^Stufe \d von 3/ }).waitFor();
      const styled = await s.page.getByRole("link", { name: "Termin" }).evaluate((a) => getComputedStyle(a).backgroundColor);
      assert.equal(styled, "rgb(31, 79, 209)", "the widget's stylesheet applies under the CSP");
      await s.page.getByRole("textbox", { name: /^E-Mail/ }).fill("maria@firma.example");
      await s.page.getByRole("textbox", { name: /^Name/ }).fill("Maria Schmidt");
      await s.page.getByRole("checkbox", { name: /^Ich bin einverstanden/ }).check();
      await s.page.getByRole("button", { name: "Kontaktdaten senden", exact: true }).click();
      await receiver.waitForPosts(1, 10_000);
      await s.page.locator("#w").getByText(/^Gesendet/).waitFor();
      assert.deepEqual(await s.page.evaluate(() => window.violations), []);
      assertNoErrors(s);
    } finally {
      await s.context.close();
      await browser.close();
      await server.close();
      await receiver.close();
    }
  });
});

describe("texts from config and questionnaire", () => {
  test("markup in texts renders as text", async () => {
    const evil = `<img src=x onerror="window.pwned=1">`;
    const q = JSON.parse(readFileSync(join(ROOT, "engine/tests/fixtures/three-levels.json"), "utf8"));
    q.title = { de: evil, en: evil };
    // The fixture asks a context question first.
    q.context_questions[0].prompt = { de: `${evil}?`, en: `${evil}?` };
    const config = { locale: "de", persistence: false, questionnaire: q, texts: { de: { "intro.start": `<b>${evil}</b>` } }, brand: { name: evil } };
    const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: host({ config }) } } });
    const browser = await launchBrowser();
    const s = await openPage(browser);
    try {
      await s.page.goto(server.url);
      await s.page.getByRole("heading", { name: evil }).waitFor();
      await s.page.getByRole("button", { name: `<b>${evil}</b>` }).click();
      await s.page.getByRole("heading", { name: `${evil}?` }).waitFor();
      const imgs = await s.page.evaluate(() => document.querySelector("#w").shadowRoot.querySelectorAll("img").length);
      assert.equal(imgs, 0, "no element was created from text");
      assert.equal(await s.page.evaluate(() => window.pwned), undefined);
      assertNoErrors(s);
    } finally {
      await s.context.close();
      await browser.close();
      await server.close();
    }
  });
});
