// Several runs of bench/run.mjs taken together: the medians and the time ratios over all their
// runs, with the same bootstrap interval as each run's report.
//
//   node bench/pool.mjs test-results/bench/results-2026-11-30T05-29-00.json [more results files]
//
// Only runs of the same build belong together: the script stops if the files name different
// wasm modules (their `wasmSha256`), widget files of different sizes or different peers.

import { readFileSync } from "node:fs";

import { BOOTSTRAP, median, timeRatio } from "./stats.mjs";

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: node bench/pool.mjs RESULTS.json [RESULTS.json ...]");
  process.exit(2);
}
const reads = files.map((f) => ({ file: f, ...JSON.parse(readFileSync(f, "utf8")) }));
// The widget's files by their sizes (the loader and the styles as well as the wasm module).
const distSizes = (env) =>
  JSON.stringify(Object.entries(env.assets ?? {}).filter(([path]) => path.startsWith("/dist/")).map(([path, a]) => [path, a.raw]));
for (const [key, of] of [["wasmSha256"], ["file sizes of dist/", distSizes], ["surveyCore"], ["surveyJsUi"]]) {
  const seen = new Set(reads.map((r) => (of ? of(r.env) : r.env?.[key])));
  if (seen.size !== 1) {
    console.error(`pool: the files differ in ${key}${of ? "" : ` (${[...seen].join(", ")})`}; pool runs of one build only`);
    process.exit(1);
  }
}
const runs = reads.flatMap((r) => r.runs);
console.log(`${files.length} runs of the build with wasm ${reads[0].env.wasmSha256}…, commits ${[...new Set(reads.map((r) => r.env.commit))].join(", ")}`);
for (const rate of [...new Set(runs.map((r) => r.rate))].sort((a, b) => a - b)) {
  for (const [key, what] of [["tFirst", "first question"], ["tResults", "results"]]) {
    const { ours, peer, ratio, lo, hi } = timeRatio(runs, rate, key);
    console.log(
      `${rate}x, time to the ${what}: ours ${median(ours).toFixed(0)} ms, peer ${median(peer).toFixed(0)} ms (${ours.length} and ${peer.length} runs), ` +
        `ratio ${ratio.toFixed(3)}, 95 % bootstrap interval (${BOOTSTRAP} resamples) ${lo.toFixed(3)}–${hi.toFixed(3)}`,
    );
  }
}
