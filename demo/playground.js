// The demo playground: edit a config, see the widget change, copy the embed snippet.
import { PRESETS } from "./presets.js";

const editor = document.getElementById("config-editor");
const status = document.getElementById("config-status");
const widget = document.getElementById("demo-widget");
const snippet = document.getElementById("embed-snippet");
const presets = document.getElementById("presets");
const events = document.getElementById("event-log");

const loader = new URL("dist/maturity-check.js", document.baseURI).href;

function showSnippet(config) {
  const json = JSON.stringify(config);
  const attr = json === "{}" ? "" : ` config='${json.replaceAll("'", "&#39;")}'`;
  snippet.textContent = `<script type="module" src="${loader}"></script>\n<maturity-check${attr}></maturity-check>`;
}

function apply() {
  let config;
  try {
    config = JSON.parse(editor.value || "{}");
  } catch (e) {
    status.textContent = `Not valid JSON: ${e.message}`;
    return;
  }
  status.textContent = "Applied. Problems, if any, show inside the widget and in the console.";
  widget.setAttribute("config", JSON.stringify(config));
  showSnippet(config);
}

function load(name) {
  editor.value = JSON.stringify(PRESETS[name].config, null, 2);
  apply();
}

for (const [name, preset] of Object.entries(PRESETS)) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = preset.label;
  button.addEventListener("click", () => load(name));
  presets.append(button);
}

document.getElementById("apply").addEventListener("click", apply);
document.getElementById("copy-snippet").addEventListener("click", async () => {
  await navigator.clipboard.writeText(snippet.textContent);
  status.textContent = "Snippet copied.";
});

for (const name of ["ready", "start", "answer", "complete", "lead", "error"]) {
  widget.addEventListener(`maturity-check:${name}`, (e) => {
    const li = document.createElement("li");
    li.textContent = `${name} ${JSON.stringify(e.detail)}`;
    events.prepend(li);
    while (events.children.length > 8) events.lastChild.remove();
  });
}

editor.value = "{}";
showSnippet({});
