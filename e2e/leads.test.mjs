// Lead capture against a real HTTP receiver on localhost (e2e/support/receiver.mjs) that records
// every request: the documented body and headers, retries through 503s, the offline queue across a
// reload, a refused lead, the honeypot and the consent box, HubSpot's body, the gates, and the
// form's accessibility and looks at a phone and a desktop width.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, afterEach, before, test } from "node:test";

import {
  QUESTIONNAIRE,
  ROOT,
  SCREENSHOTS,
  STEPS,
  assertNoErrors,
  chooseAnswers,
  engineScore,
  hostPage,
  launchBrowser,
  openPage,
  shareCode,
} from "./support/browser.mjs";
import { startReceiver } from "./support/receiver.mjs";
import { DEMO_MOUNTS, startStatic } from "./support/serve.mjs";

const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const OUTBOX = "maturity-check:leads";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const FORM_GUID = "2d1f0c3b-7a6e-4f5d-8c9b-0a1b2c3d4e5f";

/** The built-in German texts the tests look for (src/i18n/de.rs). */
const T = {
  name: "Name (Pflichtfeld)",
  email: "E-Mail (Pflichtfeld)",
  company: "Unternehmen",
  phone: "Telefon",
  consent: /^Ich bin einverstanden, dass meine Angaben/,
  consentText:
    "Ich bin einverstanden, dass meine Angaben und mein Ergebnis an die Betreiber dieser Seite gesendet und dort gespeichert werden, damit sie mich dazu kontaktieren können. Diese Einwilligung kann ich jederzeit widerrufen.",
  submit: "Kontaktdaten senden",
  sent: "Gesendet. Danke, eure Angaben sind angekommen.",
  queued: /^Noch nicht gesendet: Die Verbindung klappt gerade nicht\./,
  refused: (status) => new RegExp(`^Konnte nicht gesendet werden: Der Empfänger hat die Angaben abgelehnt \\(Fehler ${status}\\)`),
  missing: "Bitte ausfüllen.",
  badEmail: "Das sieht nicht nach einer E-Mail-Adresse aus, etwa name@firma.de.",
  noConsent: "Ohne eure Einwilligung wird nichts gesendet. Setzt den Haken, wenn ihr einverstanden seid.",
  gateTitle: "Euer Ergebnis ist fertig",
};

const ANSWERS = chooseAnswers({ shift: 1, dontKnow: [QUESTIONNAIRE.questions.findIndex((q) => q.dont_know)], context: (k) => k + 1 });
const CODE = shareCode(ANSWERS);
const QUERY = "?utm_source=newsletter&utm_medium=email&utm_campaign=herbst%202026";
const MARIA = { name: "Maria Schmidt", email: "maria@firma.example", company: "Firma GmbH", phone: "+49 30 1234567" };

let browser;
let receiver;
const servers = [];

before(async () => {
  [browser, receiver] = await Promise.all([launchBrowser(), startReceiver()]);
});

afterEach(async () => {
  await receiver.up();
  receiver.reset();
});

after(async () => {
  await browser?.close();
  await receiver?.close();
  await Promise.all(servers.map((s) => s.close()));
});

/** A JSON-format lead config pointing at the receiver; `extra` is merged into `lead`. */
const jsonLead = (extra = {}) => ({
  locale: "de",
  privacy_url: "/datenschutz",
  lead: { endpoint: `${receiver.url}/leads`, retries: 2, timeout_ms: 3000, fields: { name: "required", phone: "optional" }, ...extra },
});

/** Serves a host page (title "Service-Check | Partner") with one widget under `config`. */
async function serve(config) {
  const server = await startStatic({ mounts: DEMO_MOUNTS, pages: { "/": { body: hostPage({ config, title: "Service-Check | Partner" }) } } });
  servers.push(server);
  return server;
}

/**
 * Opens the results from a share link on a host page with `config`. Records `maturity-check:lead`
 * events in `window.__leads` and sets a cookie that the receiver (same host, other port) would get
 * if credentials were sent.
 */
async function openResults(config, { width = 1280, wait = "#mc-results-title" } = {}) {
  const server = await serve(config);
  const session = await openPage(browser, { width });
  await session.context.addInitScript(() => {
    window.__leads = [];
    document.addEventListener("maturity-check:lead", (e) => window.__leads.push(e.detail));
    document.cookie = "partner_session=secret; path=/";
  });
  const url = `${server.url}/${QUERY}#mc=${CODE}`;
  await session.page.goto(url, { referer: "https://www.google.com/" });
  await session.page.locator(wait).waitFor();
  return { ...session, url, server };
}

/** Types `contact` into the form (by accessible name) and ticks the consent box if `consent`. */
async function fill(page, contact, { consent = true } = {}) {
  for (const [field, value] of Object.entries(contact)) {
    await page.getByRole("textbox", { name: T[field], exact: true }).fill(value);
  }
  if (consent) await page.getByRole("checkbox", { name: T.consent }).check();
}

const submit = (page) => page.getByRole("button", { name: T.submit, exact: true }).click();
const status = (page) => page.locator(".mc-leadform__status");

/** Waits until the lead status line reads `text` (a string or a RegExp). */
async function waitForStatus(page, text, timeout = 15_000) {
  await status(page).filter({ hasText: text }).waitFor({ timeout });
}

const events = (page) => page.evaluate(() => window.__leads);
const outbox = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), OUTBOX);
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** The answers as the body must list them: in the order asked, with option ids. */
function expectedAnswers() {
  return STEPS.map((step) => {
    const a = step.kind === "scored" ? ANSWERS.scored[step.index] : ANSWERS.context[step.index];
    const option = a === "x" ? "dont_know" : step.question.options[a].id;
    return { question_id: step.question.id, option_id: option };
  });
}

test("a lead arrives with the documented body and headers", { timeout: 60_000 }, async () => {
  const s = await openResults(jsonLead());
  const { page } = s;
  try {
    const before = Date.now();
    await fill(page, MARIA);
    await submit(page);
    await waitForStatus(page, T.sent);
    const [post] = await receiver.waitForPosts(1);
    assert.equal(receiver.posts().length, 1);

    // The preflight asked for exactly what the POST then carried.
    const preflight = receiver.requests.find((r) => r.method === "OPTIONS");
    assert.ok(preflight, "a CORS preflight came first");
    assert.equal(preflight.path, "/leads");
    assert.equal(preflight.headers["access-control-request-method"], "POST");
    assert.deepEqual(preflight.headers["access-control-request-headers"].split(",").sort(), ["content-type", "idempotency-key"]);

    assert.equal(post.path, "/leads");
    assert.equal(post.headers["content-type"], "application/json");
    assert.equal(post.headers["idempotency-key"], post.json.submission_id);
    assert.equal(post.headers.cookie, undefined, 'credentials: "omit" sends no cookies');
    assert.equal(post.headers.origin, s.server.url);

    const body = post.json;
    const keys = (o) => Object.keys(o).sort();
    assert.deepEqual(keys(body), ["answers", "consent", "contact", "context", "format", "locale", "questionnaire", "result", "submission_id", "submitted_at"]);
    assert.deepEqual(keys(body.consent), ["given_at", "privacy_url", "text"]);
    assert.equal(body.format, 1);
    assert.match(body.submission_id, UUID_V4);
    assert.match(body.submitted_at, ISO);
    const at = Date.parse(body.submitted_at);
    assert.ok(at >= before - 1000 && at <= Date.now() + 1000, `submitted_at is now: ${body.submitted_at}`);
    assert.deepEqual(body.questionnaire, { id: QUESTIONNAIRE.id, version: QUESTIONNAIRE.version });
    assert.equal(body.locale, "de");
    assert.deepEqual(body.contact, { ...MARIA, message: null });
    assert.equal(body.consent.text, T.consentText);
    assert.equal(body.consent.privacy_url, `${s.server.url}/datenschutz`);
    assert.match(body.consent.given_at, ISO);
    assert.ok(body.consent.given_at <= body.submitted_at, "consent was given before sending");
    assert.deepEqual(body.answers, expectedAnswers());
    const engine = engineScore(CODE);
    const dimensions = engine.dimensions.map(({ id, score, level }) => ({ id, score, level }));
    assert.deepEqual(body.result, { overall: engine.overall, dimensions });
    assert.deepEqual(body.context, {
      page_url: `${s.server.url}/${QUERY}`,
      referrer: "https://www.google.com/",
      utm: { source: "newsletter", medium: "email", campaign: "herbst 2026", term: null, content: null },
    });

    assert.deepEqual(await events(page), [{ status: "sent", submission_id: body.submission_id, format: "json", http_status: null }]);
    assert.equal(await outbox(page), null, "the outbox is empty again");
    assert.equal(await page.getByRole("button", { name: T.submit }).count(), 0, "the form is gone once sent");
    assertNoErrors(s);
  } finally {
    await s.context.close();
  }
});

test("two 503s, then accepted: retried with the same submission and the person sees sent", { timeout: 60_000 }, async () => {
  receiver.answer(503, 503);
  const s = await openResults(jsonLead());
  const { page } = s;
  try {
    await fill(page, MARIA);
    await submit(page);
    await waitForStatus(page, T.sent);
    const posts = receiver.posts();
    assert.deepEqual(posts.map((p) => p.status), [503, 503, 200]);
    assert.equal(new Set(posts.map((p) => p.body)).size, 1, "every attempt carries the same body");
    assert.equal(new Set(posts.map((p) => p.headers["idempotency-key"])).size, 1);
    assert.deepEqual((await events(page)).map((e) => e.status), ["sent"]);
    assert.equal(await outbox(page), null);
    // 503s are announced in the console by the browser itself; nothing else may be.
    assertNoErrors({ ...s, console: s.console.filter((m) => !/503/.test(m.text)) });
  } finally {
    await s.context.close();
  }
});

test("receiver down: queued; receiver up and page reloaded: delivered exactly once", { timeout: 60_000 }, async () => {
  await receiver.down();
  const s = await openResults(jsonLead());
  const { page } = s;
  try {
    await fill(page, MARIA);
    await submit(page);
    await waitForStatus(page, T.queued);
    const [queued] = await events(page);
    assert.equal(queued.status, "queued");
    const box = await outbox(page);
    assert.equal(box.leads.length, 1, "the lead waits in the outbox");
    assert.equal(box.leads[0].submission_id, queued.submission_id);
    assert.equal(await page.getByRole("button", { name: T.submit }).count(), 0, "queued counts as handed over");

    await receiver.up();
    await page.reload();
    await page.locator("#mc-results-title").waitFor();
    await waitForStatus(page, T.sent);
    await receiver.waitForPosts(1);
    // Give a duplicate every chance to show up: a second load of the page must not send again.
    await page.reload();
    await page.locator("#mc-results-title").waitFor();
    await waitForStatus(page, T.sent);
    await sleep(1000);
    const posts = receiver.posts();
    assert.deepEqual([...new Set(posts.map((p) => p.json.submission_id))], [queued.submission_id], "exactly one distinct submission_id");
    assert.equal(posts.length, 1, "and it arrived once");
    assert.equal(posts[0].headers["idempotency-key"], queued.submission_id);
    assert.equal(await outbox(page), null);
    assertNoErrors({ ...s, console: s.console.filter((m) => !/ERR_CONNECTION_REFUSED/.test(m.text)) });
  } finally {
    await s.context.close();
  }
});

test("offline: queued at once; back online: delivered without a reload", { timeout: 60_000 }, async () => {
  const s = await openResults(jsonLead());
  const { page, context } = s;
  try {
    await fill(page, MARIA);
    await context.setOffline(true);
    const t0 = Date.now();
    await submit(page);
    await waitForStatus(page, T.queued);
    assert.ok(Date.now() - t0 < 2500, "offline, no retries are spent before queueing");
    assert.equal(receiver.requests.length, 0);
    await context.setOffline(false);
    await waitForStatus(page, T.sent);
    const posts = await receiver.waitForPosts(1);
    assert.equal(posts.length, 1);
    const [queued, sent] = await events(page);
    assert.deepEqual([queued.status, sent.status], ["queued", "sent"]);
    assert.equal(sent.submission_id, queued.submission_id);
    assert.equal(posts[0].json.submission_id, queued.submission_id);
    assert.equal(await outbox(page), null);
    assertNoErrors({ ...s, console: s.console.filter((m) => !/ERR_INTERNET_DISCONNECTED/.test(m.text)) });
  } finally {
    await s.context.close();
  }
});

test("a 400 is not retried, shows the error and keeps the form filled", { timeout: 60_000 }, async () => {
  receiver.answer(400);
  const s = await openResults(jsonLead({ fields: { name: "required", phone: "optional", message: "optional" } }));
  const { page } = s;
  try {
    const typed = { ...MARIA };
    await fill(page, typed);
    await page.getByRole("textbox", { name: "Nachricht", exact: true }).fill("Bitte ruft mich an.\nAm besten vormittags.");
    await submit(page);
    await waitForStatus(page, T.refused(400));
    await sleep(1500);
    assert.equal(receiver.posts().length, 1, "a 400 is not retried");
    for (const [field, value] of Object.entries(typed)) {
      assert.equal(await page.getByRole("textbox", { name: T[field], exact: true }).inputValue(), value, `${field} kept`);
    }
    assert.equal(await page.getByRole("textbox", { name: "Nachricht", exact: true }).inputValue(), "Bitte ruft mich an.\nAm besten vormittags.");
    assert.equal(await page.getByRole("checkbox", { name: T.consent }).isChecked(), true, "consent kept");
    const [failed] = await events(page);
    assert.deepEqual({ ...failed, submission_id: undefined }, { status: "failed", submission_id: undefined, format: "json", http_status: 400 });
    assert.equal(await outbox(page), null, "a refused lead does not wait in the outbox");

    // Sending again is a new submission, and this time the receiver takes it.
    await submit(page);
    await waitForStatus(page, T.sent);
    const posts = receiver.posts();
    assert.equal(posts.length, 2);
    assert.notEqual(posts[1].json.submission_id, posts[0].json.submission_id);
    assert.equal(posts[1].json.contact.message, "Bitte ruft mich an.\nAm besten vormittags.");
    assertNoErrors({ ...s, console: s.console.filter((m) => !/400/.test(m.text)) });
  } finally {
    await s.context.close();
  }
});

test("a filled honeypot sends nothing (and tells the bot it worked)", { timeout: 60_000 }, async () => {
  const s = await openResults(jsonLead());
  const { page } = s;
  try {
    const trap = page.locator("#mc-lead-website");
    assert.equal(await trap.getAttribute("tabindex"), "-1");
    assert.equal(await trap.getAttribute("autocomplete"), "off");
    assert.equal(await page.locator(".mc-leadform__hp").getAttribute("aria-hidden"), "true");
    assert.equal(await page.getByRole("textbox", { name: "Dieses Feld bitte leer lassen" }).count(), 0, "hidden from the accessibility tree");
    await fill(page, MARIA);
    await trap.fill("https://spam.example", { force: true });
    await submit(page);
    await waitForStatus(page, T.sent);
    await sleep(1500);
    assert.deepEqual(receiver.requests, [], "not even a preflight");
    assert.deepEqual(await events(page), []);
    assert.equal(await outbox(page), null);
    assertNoErrors(s);
  } finally {
    await s.context.close();
  }
});

test("without consent (or with wrong input) nothing is sent and the problems are shown", { timeout: 60_000 }, async () => {
  const s = await openResults(jsonLead());
  const { page } = s;
  try {
    await submit(page);
    const name = page.getByRole("textbox", { name: T.name, exact: true });
    const email = page.getByRole("textbox", { name: T.email, exact: true });
    const consent = page.getByRole("checkbox", { name: T.consent });
    await page.getByText(T.noConsent).waitFor();
    assert.equal(await name.evaluate((el) => el.matches(":focus")), true, "focus on the first problem");
    for (const [input, message] of [
      [name, T.missing],
      [email, T.missing],
      [consent, T.noConsent],
    ]) {
      assert.equal(await input.getAttribute("aria-invalid"), "true");
      const id = await input.getAttribute("aria-describedby");
      assert.equal(await page.locator(`#${id}`).textContent(), message, "the message is tied to its field");
    }

    await fill(page, { ...MARIA, email: "maria@firma" }, { consent: false });
    await page.getByText(T.badEmail).waitFor();
    assert.equal(await name.getAttribute("aria-invalid"), null, "corrected fields clear as they are typed");
    await email.fill(MARIA.email);
    await submit(page);
    await sleep(1500);
    assert.equal(await consent.evaluate((el) => el.matches(":focus")), true, "focus on the unticked box");
    assert.equal(await page.getByText(T.noConsent).count(), 1);
    assert.deepEqual(receiver.requests, [], "nothing sent without consent");
    assert.deepEqual(await events(page), []);
    assert.equal(await outbox(page), null);

    await consent.check();
    assert.equal(await page.getByText(T.noConsent).count(), 0);
    await submit(page);
    await waitForStatus(page, T.sent);
    assertNoErrors(s);
  } finally {
    await s.context.close();
  }
});

test("the HubSpot body matches the documented structure", { timeout: 60_000 }, async () => {
  const config = {
    locale: "de",
    privacy_url: "/datenschutz",
    lead: {
      format: "hubspot",
      hubspot: { portal_id: "1234567", form_guid: FORM_GUID, api_base: receiver.url, fields: { score: "maturity_score", stage: "maturity_stage" } },
      fields: { name: "required", phone: "optional" },
    },
  };
  const s = await openResults(config);
  const { page } = s;
  try {
    const before = Date.now();
    await fill(page, MARIA);
    await submit(page);
    await waitForStatus(page, T.sent);
    const [post] = await receiver.waitForPosts(1);
    assert.equal(post.path, `/submissions/v3/integration/submit/1234567/${FORM_GUID}`);
    assert.equal(post.headers["content-type"], "application/json");
    assert.equal(post.headers["idempotency-key"], undefined, "HubSpot gets no extra header");
    assert.equal(post.headers.cookie, undefined);
    const body = post.json;
    assert.deepEqual(Object.keys(body).sort(), ["context", "fields", "legalConsentOptions", "submittedAt"]);
    assert.match(body.submittedAt, /^\d{13}$/);
    assert.ok(Number(body.submittedAt) >= before - 1000 && Number(body.submittedAt) <= Date.now() + 1000);
    const engine = engineScore(CODE);
    assert.deepEqual(body.fields, [
      { objectTypeId: "0-1", name: "firstname", value: MARIA.name },
      { objectTypeId: "0-1", name: "email", value: MARIA.email },
      { objectTypeId: "0-1", name: "company", value: MARIA.company },
      { objectTypeId: "0-1", name: "phone", value: MARIA.phone },
      { objectTypeId: "0-1", name: "maturity_score", value: String(engine.overall.score) },
      { objectTypeId: "0-1", name: "maturity_stage", value: engine.overall.level },
    ]);
    assert.deepEqual(body.context, { pageUri: `${s.server.url}/${QUERY}`, pageName: "Service-Check | Partner" });
    assert.deepEqual(body.legalConsentOptions, { consent: { consentToProcess: true, text: T.consentText } });
    const [sent] = await events(page);
    assert.deepEqual([sent.status, sent.format], ["sent", "hubspot"]);
    assertNoErrors(s);
  } finally {
    await s.context.close();
  }
});

test("gates: before_results opens the results once sent; after_results shows the summary first", { timeout: 60_000 }, async () => {
  const gate = await openResults(jsonLead({ gate: "before_results" }), { wait: "#mc-lead-title" });
  try {
    const { page } = gate;
    assert.equal(await page.getByRole("heading", { level: 2, name: T.gateTitle }).count(), 1);
    assert.equal(await page.locator("#mc-results-title").count(), 0, "no results before the lead");
    await fill(page, MARIA);
    await submit(page);
    await page.locator("#mc-results-title").waitFor();
    await waitForStatus(page, T.sent);
    assert.equal(await page.locator("#mc-results-title").evaluate((el) => el.matches(":focus")), true, "focus moves to the results");
    // A reload remembers that this result's lead is in.
    await page.reload();
    await page.locator("#mc-results-title").waitFor();
    await waitForStatus(page, T.sent);
    assert.equal(receiver.posts().length, 1);
    assertNoErrors(gate);
  } finally {
    await gate.context.close();
  }
  receiver.reset();

  const teaser = await openResults(jsonLead({ gate: "after_results" }));
  try {
    const { page } = teaser;
    // The summary (stage, radar and table, focus areas) shows; the plan and the details wait.
    const plan = page.locator(".mc-plan");
    assert.equal(await page.locator(".mc-summary").isVisible(), true);
    assert.equal(await page.getByRole("table").count(), 1, "the summary's table shows");
    assert.equal(await plan.isVisible(), false, "the rest waits for the lead");
    assert.equal(await page.getByRole("heading", { name: /^(Euer Plan|Your plan)$/ }).count(), 0, "and is out of the accessibility tree");
    await fill(page, MARIA);
    await submit(page);
    await waitForStatus(page, T.sent);
    assert.equal(await plan.isVisible(), true, "the rest opens once sent");
    assert.equal(await status(page).evaluate((el) => el.matches(":focus")), true, "focus lands on the news, not on nothing");
    assertNoErrors(teaser);
  } finally {
    await teaser.context.close();
  }
});

test("the form has no WCAG 2 A/AA violations, fits 375 px, and is photographed", { timeout: 90_000 }, async () => {
  for (const width of [375, 1280]) {
    receiver.answer(400);
    const s = await openResults(jsonLead({ fields: { name: "required", phone: "optional", message: "optional" } }), { width });
    const { page } = s;
    try {
      const section = page.locator(".mc-leadform");
      await section.scrollIntoViewIfNeeded();
      const scan = async (what) => {
        if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] }, resultTypes: ["violations"] });
          return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target) }));
        });
        assert.deepEqual(violations, [], `${what} at ${width} px`);
      };
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await scan("empty form");
      await section.screenshot({ path: join(SCREENSHOTS, `lead-form-${width}.png`), animations: "disabled" });
      await submit(page);
      await page.getByText(T.noConsent).waitFor();
      await scan("form with problems");
      await section.screenshot({ path: join(SCREENSHOTS, `lead-form-errors-${width}.png`), animations: "disabled" });
      await fill(page, MARIA);
      await submit(page);
      await waitForStatus(page, T.refused(400));
      await scan("refused");
      await section.screenshot({ path: join(SCREENSHOTS, `lead-form-refused-${width}.png`), animations: "disabled" });
      await submit(page);
      await waitForStatus(page, T.sent);
      await scan("sent");
      await section.screenshot({ path: join(SCREENSHOTS, `lead-form-sent-${width}.png`), animations: "disabled" });
      assert.equal(await overflow(), 0, `nothing scrolls sideways at ${width} px`);
    } finally {
      await s.context.close();
      receiver.reset();
    }
  }
});
