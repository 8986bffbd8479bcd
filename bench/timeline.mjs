// The renderer's main thread in a trace from `node bench/run.mjs --trace DIR`: what ran when.
//
//   node bench/timeline.mjs DIR/ours-4x-1.json [--until bench:first] [--min 1]
//
// Prints, in ms since navigation start, every main-thread task of at least --min ms (default 1)
// until the mark named by --until (default bench:first, the first question interactive; any
// `bench:` mark of bench/run.mjs or `none`), with the work inside it that took at least a fifth of
// --min: script, wasm compilation, style, layout, paint. Then the requests (sent, response,
// finished), the bench's marks, and totals per kind of work, so that two runs (ours and the peer,
// or two builds) can be laid side by side.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { until: { type: "string", default: "bench:first" }, min: { type: "string", default: "1" } },
});
if (positionals.length !== 1) {
  console.error("usage: node bench/timeline.mjs TRACE.json [--until bench:first|none] [--min MS]");
  process.exit(2);
}
const events = JSON.parse(readFileSync(positionals[0], "utf8"));
const minUs = Number(args.min) * 1000;

// The page's renderer main thread: the one that saw the page's navigationStart with a document URL.
const navigation = events
  .filter((e) => e.name === "navigationStart" && /^https?:/.test(e.args?.data?.documentLoaderURL ?? ""))
  .at(-1);
if (!navigation) {
  console.error("no navigationStart of an http(s) document in this trace");
  process.exit(1);
}
const t0 = navigation.ts;
const onMain = (e) => e.pid === navigation.pid && e.tid === navigation.tid;
const ms = (ts) => ((ts - t0) / 1000).toFixed(1).padStart(7);
const marks = events
  .filter((e) => onMain(e) && e.name.startsWith("bench:") && e.ts >= t0)
  .sort((a, b) => a.ts - b.ts);
const end =
  args.until === "none" ? Infinity : (marks.find((m) => m.name === args.until)?.ts ?? Infinity);

const complete = events
  .filter((e) => onMain(e) && e.ph === "X" && e.ts >= t0 && e.ts <= end)
  .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const what = (e) => {
  const d = e.args?.data ?? {};
  const url = d.url ? d.url.split("/").pop() : "";
  return `${e.name}${d.type ? ` ${d.type}` : ""}${url ? ` (${url})` : ""}`;
};
const WORK = /^(v8\.|wasm\.|FunctionCall|EvaluateScript|ParseHTML|UpdateLayoutTree|Layout|Paint|PrePaint|Commit|Layerize|EventDispatch|FireAnimationFrame|TimerFire|RunMicrotasks|v8\.compile|MinorGC|MajorGC)/;

console.log(`main-thread tasks of ≥ ${args.min} ms until ${args.until} (ms since navigation start, then duration):`);
const totals = new Map();
for (const task of complete.filter((e) => e.name === "RunTask" && e.dur >= minUs)) {
  const inner = complete.filter(
    (e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && WORK.test(e.name),
  );
  // Only the outermost of nested work counts, so that a FunctionCall's compile is not counted twice.
  const outer = inner.filter((e) => !inner.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur));
  for (const e of outer) totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur);
  const shown = inner.filter((e) => e.dur >= minUs / 5).slice(0, 10);
  console.log(`${ms(task.ts)} +${(task.dur / 1000).toFixed(1).padStart(6)}  ${shown.map((e) => `${what(e)} ${(e.dur / 1000).toFixed(1)}`).join(", ")}`);
}
const lazy = complete.filter((e) => e.name === "wasm.CompileLazy");
console.log(`\nwasm functions compiled on first call: ${lazy.length}, ${(lazy.reduce((a, e) => a + e.dur, 0) / 1000).toFixed(1)} ms`);
console.log("\nrequests (sent → response → finished):");
const requests = new Map();
for (const e of events.filter((e) => /^Resource(SendRequest|ReceiveResponse|Finish)$/.test(e.name) && e.ts >= t0)) {
  const id = e.args.data.requestId;
  const r = requests.get(id) ?? {};
  if (e.name === "ResourceSendRequest") r.url = e.args.data.url;
  r[e.name] = e.ts;
  requests.set(id, r);
}
for (const r of [...requests.values()].filter((r) => r.url && r.ResourceSendRequest <= end)) {
  const at = (k) => (r[k] ? ms(r[k]).trim() : "–");
  console.log(`  ${r.url.split("/").pop().padEnd(36)} ${at("ResourceSendRequest")} → ${at("ResourceReceiveResponse")} → ${at("ResourceFinish")}`);
}
console.log(`\nmarks: ${marks.map((m) => `${m.name.slice(6)} ${ms(m.ts).trim()}`).join(", ") || "none"}`);
console.log("\nmain-thread work by kind until the end mark (outermost events only, ms):");
for (const [name, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
  console.log(`  ${(us / 1000).toFixed(1).padStart(7)}  ${name}`);
}
