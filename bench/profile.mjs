// Sums up a CPU profile written by `node bench/run.mjs --profile DIR`: the time spent in each
// function (self and with its callees) from navigation start until a bench mark.
//
//   node bench/profile.mjs DIR/ours-4x-1.cpuprofile [--until first|start|results] [--top 40] [--tree [--min 2]]
//
// --tree adds the call tree, heaviest branch first, down to branches of at least --min ms.
// Sampling has its own cost and 4x throttling stretches it too: read the shares, not the ms.
//
// The wasm's functions are named only in a build that keeps their names
// (`MC_KEEP_NAMES=1 cargo xtask dist`); a normal build shows them by index.

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    until: { type: "string", default: "first" },
    top: { type: "string", default: "40" },
    tree: { type: "boolean", default: false },
    min: { type: "string", default: "2" },
  },
});
if (positionals.length !== 1) {
  console.error("usage: node bench/profile.mjs FILE.cpuprofile [--until first|start|results] [--top N] [--tree [--min MS]]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0], "utf8"));
const until = args.until;
const top = Number(args.top);
const nav = profile.navigationStart * 1e6; // µs, the profile's clock
const end = nav + (profile.marks?.[until] ?? Infinity) * 1000;

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => {
  const f = n.callFrame;
  const where = f.url ? ` ${f.url.split("/").pop()}` : "";
  return `${short(f.functionName || "(anonymous)")}${where}`;
};

/** Rust names without crate hashes, and generic arguments past the first level as `<…>`. */
function short(name) {
  name = name.replace(/\[[0-9a-f]{8,}\]/g, "");
  let out = "";
  let depth = 0;
  for (const ch of name) {
    if (ch === "<") depth++;
    if (depth <= 1 || (ch === ">" && depth === 2)) out += depth === 2 && ch === ">" ? "…>" : ch;
    if (ch === ">") depth--;
  }
  return out.length > 160 ? `${out.slice(0, 157)}...` : out;
}

// The samples between navigation start and the mark: the sampled node and the time it stands for.
const window = [];
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  if (t >= nav && t < end) window.push({ leaf: profile.samples[i], dt: profile.timeDeltas[i + 1] ?? 0 });
}

const self = new Map();
const total = new Map();
let counted = 0;
for (const { leaf, dt } of window) {
  const name = label(nodes.get(leaf));
  if (name.startsWith("(idle)")) continue;
  counted += dt;
  self.set(name, (self.get(name) ?? 0) + dt);
  const seen = new Set();
  for (let id = leaf; id !== undefined; id = parent.get(id)) {
    const l = label(nodes.get(id));
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + dt);
  }
}

const ms = (us) => (us / 1000).toFixed(1).padStart(7);
console.log(`busy until ${until} (${profile.marks?.[until]} ms): ${ms(counted)} ms sampled\n`);
console.log("self time (ms):");
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)}  ${name}`);
console.log("\nwith callees (ms):");
for (const [name, us] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(us)}  ${name}`);

// The call tree, heaviest first, down to branches of at least --min ms.
if (args.tree) {
  const min = Number(args.min) * 1000;
  const inclusive = new Map();
  for (const { leaf, dt } of window) {
    for (let id = leaf; id !== undefined; id = parent.get(id)) inclusive.set(id, (inclusive.get(id) ?? 0) + dt);
  }
  console.log("\ncall tree (ms with callees):");
  const walk = (id, depth) => {
    const n = nodes.get(id);
    const kids = (n.children ?? []).filter((c) => (inclusive.get(c) ?? 0) >= min).sort((a, b) => inclusive.get(b) - inclusive.get(a));
    console.log(`${ms(inclusive.get(id) ?? 0)}  ${"  ".repeat(depth)}${label(n)}`);
    for (const c of kids) walk(c, depth + 1);
  };
  walk(profile.nodes[0].id, 0);
}
