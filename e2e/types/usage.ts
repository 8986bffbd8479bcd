// Type-checked against the packed npm package by `cargo xtask test pack` (tsc, strict): what a
// site writes with the package's types, and what they refuse.

import type { MaturityCheckConfig } from "maturity-check";

const config: MaturityCheckConfig = {
  locale: "en",
  formality: "formal",
  theme: { primary: "#1f4fd1", radius: 8 },
  cta: { label: { de: "Sprechen wir", en: "Let's talk" }, url: "/contact" },
  lead: { hubspot: { portal_id: 123, form_guid: "8b0c3a5e-1f2d-4c3b-9a8e-7d6c5b4a3f21" } },
  texts: { en: { "intro.start": "Begin" } },
};

const element = document.createElement("maturity-check");
element.setAttribute("config", JSON.stringify(config));
document.body.append(element);

document.addEventListener("maturity-check:complete", (e) => {
  const score: number | null = e.detail.overall.score;
  const level: string | null = e.detail.dimensions[0]?.level ?? null;
  console.log(score, level, e.detail.questionnaire.version);
});
element.addEventListener("maturity-check:lead", (e) => {
  if (e.detail.status === "failed") console.log(e.detail.http_status);
});

async function mountOne(target: HTMLElement): Promise<void> {
  const handle = await window.MaturityCheck.mount(target, { locale: "de", persistence: false });
  handle.destroy();
}
void mountOne;

// What the types refuse: each line below must be an error, or tsc fails.
// @ts-expect-error: a key the widget does not know
const unknownKey: MaturityCheckConfig = { colour: "red" };
// @ts-expect-error: formality is "informal" or "formal"
const wrongChoice: MaturityCheckConfig = { formality: "casual" };
// @ts-expect-error: a UI string that does not exist
const wrongText: MaturityCheckConfig = { texts: { en: { "intro.nope": "x" } } };
// @ts-expect-error: the HubSpot form needs its GUID
const noGuid: MaturityCheckConfig = { lead: { hubspot: { portal_id: 1 } } };
document.addEventListener("maturity-check:complete", (e) => {
  // @ts-expect-error: the complete event has no `total`
  console.log(e.detail.total);
});
void [unknownKey, wrongChoice, wrongText, noGuid];
