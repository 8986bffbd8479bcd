// Privacy: with lead capture configured, the check is taken by keyboard while every request is
// recorded. Until the person submits with consent, nothing leaves but the widget's own files; no
// cookie is set; localStorage is touched only when persistence is on.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { assertNoErrors, hostPage, launchBrowser, openPage } from "./support/browser.mjs";
import { startReceiver } from "./support/receiver.mjs";
import { DEMO_MOUNTS, startStatic } from "./support/serve.mjs";

const CONSENT = /^Ich bin einverstanden, dass meine Angaben/;

describe("privacy", () => {
  let browser;
  let receiver;
  before(async () => {
    [browser, receiver] = await Promise.all([launchBrowser(), startReceiver()]);
  });
  after(async () => {
    await browser?.close();
    await receiver?.close();
  });

  for (const persistence of [false, true]) {
    test(`nothing leaves the browser before consent (persistence ${persistence ? "on" : "off"})`, async () => {
      receiver.reset?.();
      const config = {
        locale: "de",
        persistence,
        privacy_url: "/datenschutz",
        lead: { format: "json", endpoint: `${receiver.url}/leads` },
      };
      const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: hostPage({ config, title: "Privacy host" }) } } });
      const s = await openPage(browser);
      const requests = [];
      s.page.on("request", (r) => requests.push(r.url()));
      try {
        await s.page.goto(server.url);
        const start = s.page.getByRole("button", { name: "Check starten" });
        await start.focus();
        await s.page.keyboard.press("Enter");
        for (let i = 0; i < 24; i++) {
          await s.page.waitForFunction((i) => document.querySelector("maturity-check").shadowRoot.querySelector("#mc-step-counter")?.textContent === `Frage ${i + 1} von 24`, i);
          await s.page.keyboard.press(String((i % 3) + 1));
        }
        await s.page.locator("maturity-check").getByRole("heading", { name: /^Stufe \d von 3/ }).waitFor();

        // Filled in, but no consent: still nothing goes out.
        await s.page.getByRole("textbox", { name: /^E-Mail/ }).fill("maria@firma.example");
        await s.page.getByRole("textbox", { name: /^Name/ }).fill("Maria Schmidt");
        await s.page.getByRole("button", { name: "Kontaktdaten senden", exact: true }).click();
        await s.page.waitForTimeout(300);

        const own = (url) => url.startsWith(`${server.url}/`) && (url === `${server.url}/` || new URL(url).pathname.startsWith("/dist/"));
        assert.deepEqual(requests.filter((u) => !own(u)), [], "only the host page and the widget's own files were requested");
        assert.equal(receiver.requests.length, 0, "the receiver heard nothing");
        assert.deepEqual(await s.context.cookies(), [], "no cookies");
        const stored = await s.page.evaluate(() => Object.keys(localStorage));
        if (persistence) {
          assert.deepEqual(stored, ["maturity-check:cs-maturity:progress"], "only the progress key");
        } else {
          assert.deepEqual(stored, [], "nothing in localStorage with persistence off");
        }

        // With consent the lead, and only the lead, is sent.
        await s.page.getByRole("checkbox", { name: CONSENT }).check();
        await s.page.getByRole("button", { name: "Kontaktdaten senden", exact: true }).click();
        await receiver.waitForPosts(1, 10_000);
        const posts = receiver.requests.filter((r) => r.method === "POST");
        assert.equal(posts.length, 1);
        assert.equal(posts[0].json.contact.email, "maria@firma.example");
        assert.deepEqual(await s.context.cookies(), [], "still no cookies");

        // Restart forgets everything the widget kept about this visitor.
        await s.page.locator("maturity-check").getByText(/^Gesendet/).waitFor();
        await s.page.getByRole("button", { name: "Check neu starten" }).click();
        await s.page.locator("maturity-check").getByText("Frage 1 von 24").waitFor();
        assert.deepEqual(await s.page.evaluate(() => Object.keys(localStorage)), [], "restart leaves nothing stored");
        assertNoErrors(s);
      } finally {
        await s.context.close();
        await server.close();
      }
    });
  }
});
