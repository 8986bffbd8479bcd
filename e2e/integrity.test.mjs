// Files named by their content and checked by their SRI hash (xtask/src/dist/hash.rs,
// public/files.js): a file changed on the server is refused, reported as a download failure and
// never run; with the file as built, "Try again" loads the widget.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { answerAll, chooseAnswers, distSnapshot, launchBrowser, logical, openPage, readResults, serveHost } from "./support/browser.mjs";

/** The files the first view fetches (the loader bundles their hashes) and the list of the others. */
const FIRST_VIEW = /\/(maturity_check_bg\.\w+\.wasm|maturity-check\.core\.[a-z-]+\.\w+\.txt|maturity-check\.files\.\w+\.json)$/;

/**
 * Serves every widget file but the loader with one byte changed while `changed()` holds for its
 * URL; records which files were changed. Wraps WebAssembly's instantiation to count the modules
 * that ran.
 */
async function tamper(page, changed) {
  const touched = [];
  await page.addInitScript(() => {
    window.__instantiated = 0;
    for (const name of ["instantiate", "instantiateStreaming"]) {
      const original = WebAssembly[name];
      WebAssembly[name] = (...args) =>
        original.apply(WebAssembly, args).then((r) => {
          window.__instantiated++;
          return r;
        });
    }
  });
  await page.route(/\/dist\/(?!maturity-check\.js$)[^/]+$/, async (route) => {
    const url = route.request().url();
    if (!changed(url)) return route.continue();
    const response = await route.fetch();
    const body = await response.body();
    body[body.length >> 1] ^= 0x20;
    touched.push(logical(new URL(url).pathname));
    await route.fulfill({ response, body });
  });
  return touched;
}

describe("integrity", () => {
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

  test("dist/ names every file but the loader by its content and lists every SRI hash", async () => {
    const dist = await distSnapshot();
    const integrity = JSON.parse(readFileSync(join(dist, "integrity.json"), "utf8"));
    const names = Object.keys(integrity);
    for (const name of ["maturity-check.js", "config.schema.json"]) assert.ok(names.includes(name), name);
    const hashed = names.filter((n) => n !== "maturity-check.js" && n !== "config.schema.json");
    assert.ok(hashed.length >= 20, `${hashed.length} hashed files`);
    const { createHash } = await import("node:crypto");
    for (const name of names) {
      const digest = createHash("sha256").update(readFileSync(join(dist, name))).digest("base64");
      assert.equal(integrity[name], `sha256-${digest}`, name);
      if (hashed.includes(name)) {
        assert.notEqual(logical(name), name, `${name} carries its hash`);
        assert.ok(name.includes(`.${digest.replace(/\W/g, "").slice(0, 10)}.`), `${name} is named by its own hash`);
      }
    }
  });

  test("with every file but the loader changed, the widget shows the download failure and runs none of them", async () => {
    const s = await openPage(browser);
    let changing = true;
    const touched = await tamper(s.page, () => changing);
    const errors = [];
    await s.page.exposeFunction("reportError", (detail) => errors.push(detail));
    await s.page.addInitScript(() => document.addEventListener("maturity-check:error", (e) => window.reportError(e.detail)));
    try {
      await s.page.goto(server.url);
      const alert = s.page.getByRole("alert");
      await alert.waitFor();
      assert.match(await alert.textContent(), /The check could not be loaded/);
      assert.ok(touched.includes("/dist/maturity_check_bg.wasm"), `the main module was changed: ${touched}`);
      assert.equal(await s.page.evaluate(() => window.__instantiated), 0, "no wasm module ran");
      assert.equal(await s.page.getByRole("button", { name: "Start the check" }).count(), 0);
      assert.ok(errors.some((d) => /could not load the widget/.test(d.message)), `maturity-check:error: ${JSON.stringify(errors)}`);
      // The files as built: the widget starts.
      changing = false;
      await s.page.getByRole("button", { name: "Try again" }).click();
      await s.page.getByRole("button", { name: "Start the check" }).waitFor();
      assert.deepEqual(s.errors, [], "no page errors");
    } finally {
      await s.context.close();
    }
  });

  for (const [what, pattern] of [
    ["the results code (a chunk)", /\.wasm$/],
    ["the advice", /\.advice\./],
  ]) {
    test(`with ${what} changed, the results say it could not be loaded, keep the answers and load on retry`, async () => {
      const s = await openPage(browser);
      let changing = true;
      const touched = await tamper(s.page, (url) => changing && !FIRST_VIEW.test(url) && pattern.test(url));
      try {
        await s.page.goto(server.url);
        await s.page.getByRole("button", { name: "Start the check" }).click();
        await answerAll(s.page, chooseAnswers({ shift: 1 }), "en", "mouse");
        const alert = s.page.getByRole("alert");
        await alert.waitFor();
        assert.match(await alert.textContent(), /could not be loaded\. Your answers are safe/);
        assert.ok(touched.length > 0 && touched.every((p) => pattern.test(p)), `changed: ${touched}`);
        const ran = await s.page.evaluate(() => window.__instantiated);
        if (what.includes("chunk")) assert.equal(ran, 1, "only the main module ran, no changed chunk");
        changing = false;
        await s.page.getByRole("button", { name: "Try again" }).click();
        const shown = await readResults(s.page, "en");
        assert.ok(shown.plan.now.length > 0, "the plan shows after the retry");
        assert.deepEqual(s.errors, [], "no page errors");
      } finally {
        await s.context.close();
      }
    });
  }
});
