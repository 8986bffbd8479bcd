// Where the bytes of the widget's wasm module go, for whoever works them down.
//
//   cargo xtask dist && node bench/bytes.mjs        (needs `cargo install twiggy` for the top list)
//
// Prints Markdown:
// * the sections of dist/maturity_check_bg.wasm, raw and brotli (quality 11, as bench/run.mjs serves);
// * its code by crate: raw and brotli. dist/'s module has no names, so this script makes a named twin
//   from the pre-bindgen target/wasm32-unknown-unknown/release/maturity_check.wasm with the same
//   pipeline as `cargo xtask dist` (wasm-bindgen, `cargo xtask slim`, then wasm-opt -Oz) but keeping the names
//   (--keep-debug, -g), checks that its code section is dist/'s (up to the few bytes of call indices that dist/'s
//   function order changes), and
//   attributes each function body to the crate its (demangled) name starts with. After inlining a
//   function carries the code of everything inlined into it, so read this as "code reachable from";
//   the same table for the pre-bindgen module (less inlined) follows. `--no-inline` makes the twin
//   with wasm-opt's inlining off, so that each function's own code shows (the mount future, say,
//   without the config walk it calls); `--top N` lists N functions instead of 15;
// * twiggy's largest items of the pre-bindgen module;
// * the data section, and the built-in questionnaire's files beside the wasm (core and advice per
//   locale).

import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zc } from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({ options: { "no-inline": { type: "boolean" }, top: { type: "string", default: "15" } } });

// The main module as the split left it, before wasm-bindgen (see xtask/src/dist/mod.rs).
const PRE = join(ROOT, "target/wasm32-unknown-unknown/release/maturity_check_split.wasm");
const DIST = join(ROOT, "dist/maturity_check_bg.wasm");
const br = (b) =>
  brotliCompressSync(b, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_LGWIN]: 24, [zc.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
const n = (x) => x.toLocaleString("en-US");
const pct = (a, b) => `${((100 * a) / b).toFixed(1)} %`;

// ---------------------------------------------------------------------------------------------
// A small wasm reader: sections, imported function count, function bodies, function names

function readWasm(buf) {
  let p = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    let b;
    do {
      b = buf[p++];
      r += (b & 0x7f) * 2 ** s;
      s += 7;
    } while (b & 0x80);
    return r;
  };
  const str = () => {
    const len = leb();
    const s = buf.subarray(p, p + len).toString("utf8");
    p += len;
    return s;
  };
  const limits = () => {
    const flags = leb();
    leb();
    if (flags & 1) leb();
  };
  const NAMES = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount", "tag"];
  const sections = [];
  let importedFuncs = 0;
  const bodies = [];
  const names = new Map();
  while (p < buf.length) {
    const id = buf[p++];
    const len = leb();
    const start = p;
    const end = start + len;
    let name = NAMES[id] ?? `section ${id}`;
    if (id === 0) {
      const custom = str();
      name = `custom "${custom}"`;
      if (custom === "name") {
        while (p < end) {
          const sub = buf[p++];
          const subLen = leb();
          const subEnd = p + subLen;
          if (sub === 1) {
            const count = leb();
            for (let i = 0; i < count; i++) {
              const idx = leb();
              names.set(idx, str());
            }
          }
          p = subEnd;
        }
      }
    } else if (id === 2) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        str();
        str();
        const kind = buf[p++];
        if (kind === 0) {
          importedFuncs++;
          leb();
        } else if (kind === 1) {
          p++;
          limits();
        } else if (kind === 2) limits();
        else if (kind === 3) p += 2;
        else if (kind === 4) {
          p++;
          leb();
        }
      }
    } else if (id === 10) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const size = leb();
        bodies.push(buf.subarray(p, p + size));
        p += size;
      }
    }
    sections.push({ name, bytes: buf.subarray(start, end) });
    p = end;
  }
  return { sections, importedFuncs, bodies, names };
}

/** Enough of Rust's symbol demangling (legacy `_ZN…E` and v0 `_R…`) to find the crate. */
function demangle(name) {
  if (name.startsWith("_ZN")) {
    const parts = [];
    let i = 3;
    while (i < name.length && name[i] !== "E") {
      const m = /^\d+/.exec(name.slice(i));
      if (!m) break;
      i += m[0].length;
      parts.push(name.slice(i, i + Number(m[0])));
      i += Number(m[0]);
    }
    const decoded = parts
      .map((p) => p.replace(/^_\$/, "$").replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ").replace(/\$RF\$/g, "&").replace(/\$LP\$/g, "(").replace(/\$RP\$/g, ")").replace(/\$C\$/g, ",").replace(/\$u7b\$/g, "{").replace(/\$u7d\$/g, "}").replace(/\$u5b\$/g, "[").replace(/\$u5d\$/g, "]").replace(/\.\./g, "::"))
      .join("::");
    return decoded;
  }
  if (name.startsWith("_R")) {
    const m = /C(?:s[0-9a-zA-Z]*_)?(\d+)/.exec(name);
    if (m) return `${name.slice(m.index + m[0].length, m.index + m[0].length + Number(m[1]))}::…`;
  }
  return name;
}

/** The crate a Rust symbol belongs to, by the first path segment of its demangled name. */
function crateOf(mangled) {
  if (!mangled) return "(unnamed)";
  if (/^__wbg|^__wbindgen|^__externref|^__wasm/.test(mangled)) return "wasm-bindgen (descriptors and shims; the descriptors are removed by wasm-bindgen)";
  let s = demangle(mangled).replace(/^(<|&|mut |dyn |\(|\[)+/, "");
  // `<T as some_crate::Trait>::f`, `<f64 as core::fmt::Display>::fmt`: a bare type before `as`
  // (a generic or a primitive) names no crate; take the trait's.
  const m = /^([^:<>\s]+)[>\]]* as (.*)$/.exec(s);
  if (m) s = m[2].replace(/^(<|&|mut |dyn )+/, "");
  const seg = s.split(/::|\[|<| /)[0];
  if (/^(char|str|bool|[iuf](8|16|32|64|128|size))>?$/.test(seg)) return "core"; // `<char>::is_whitespace`
  return seg || "(other)";
}

function byCrate({ bodies, importedFuncs, names }) {
  const groups = new Map();
  bodies.forEach((body, i) => {
    const crate = crateOf(names.get(importedFuncs + i));
    const g = groups.get(crate) ?? { crate, count: 0, raw: 0, parts: [] };
    g.count++;
    g.raw += body.length;
    g.parts.push(body);
    groups.set(crate, g);
  });
  return [...groups.values()].sort((a, b) => b.raw - a.raw);
}

// ---------------------------------------------------------------------------------------------

const out = [];
const dist = readFileSync(DIST);
const distWasm = readWasm(dist);
const distBr = br(dist);
out.push(`#### Sections of \`dist/maturity_check_bg.wasm\` (${n(dist.length)} B raw, ${n(distBr)} B brotli)`, "");
out.push("| section | raw | brotli (alone) |", "|---|---:|---:|");
for (const s of distWasm.sections.filter((s) => s.bytes.length > 64).sort((a, b) => b.bytes.length - a.bytes.length)) {
  out.push(`| ${s.name} | ${n(s.bytes.length)} | ${n(br(s.bytes))} |`);
}
out.push("");

// The named twin.
const tmp = mkdtempSync(join(tmpdir(), "mc-bytes-"));
try {
  execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--keep-lld-exports", "--keep-debug", "--out-name", "maturity_check", "--out-dir", tmp, PRE], { stdio: "inherit" });
  const bg = join(tmp, "maturity_check_bg.wasm");
  // What `cargo xtask dist` does between wasm-bindgen and wasm-opt (unused exports and their code
  // out, short names), so that the twin's code is the shipped module's.
  execFileSync("cargo", ["xtask", "slim", bg, join(tmp, "maturity_check.js")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const named = join(tmp, "named.wasm");
  execFileSync(join(ROOT, "node_modules/.bin/wasm-opt"), [...(args["no-inline"] ? ["--no-inline=*"] : []), "-Oz", "-g", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", bg, "-o", named], {
    stdio: "inherit",
  });
  const twin = readWasm(readFileSync(named));
  const code = (w) => w.sections.find((s) => s.name === "code").bytes;
  // dist/ orders its functions for compression (xtask/src/dist/order.rs), which changes the widths of
  // some call indices: the same code differs by a few bytes, another build by far more.
  const diff = code(twin).length - code(distWasm).length;
  const same = Math.abs(diff) < 100;
  const codeBr = br(code(distWasm));
  out.push(
    `#### Code by crate, shipped module (named twin; code section ${n(code(twin).length)} B raw, ${n(codeBr)} B brotli${same ? `, dist/'s code in another order (${diff >= 0 ? "+" : ""}${diff} B of call indices)` : args["no-inline"] ? `; without inlining, so not dist/'s ${n(code(distWasm).length)} B` : `; dist/'s is ${n(code(distWasm).length)} B, so dist/ is from another build`})`,
    "",
    "| crate | functions | raw | share of code | brotli (crate alone) |",
    "|---|---:|---:|---:|---:|",
  );
  for (const g of byCrate(twin).slice(0, 20)) {
    out.push(`| ${g.crate} | ${g.count} | ${n(g.raw)} | ${pct(g.raw, code(twin).length)} | ${n(br(Buffer.concat(g.parts)))} |`);
  }
  out.push("");
  const fns = twin.bodies
    .map((body, i) => ({ name: twin.names.get(twin.importedFuncs + i) ?? "(unnamed)", raw: body.length }))
    .sort((a, b) => b.raw - a.raw)
    .slice(0, Number(args.top) || 15);
  out.push(`Largest functions of the shipped module (${args["no-inline"] ? "twin made without inlining: each function's own code" : "after inlining"}):`, "", "| raw | function |", "|---:|---|");
  for (const f of fns) out.push(`| ${n(f.raw)} | \`${demangle(f.name).replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "").slice(0, 140)}\` |`);
  out.push("");
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const pre = readWasm(readFileSync(PRE));
const preCode = pre.sections.find((s) => s.name === "code").bytes.length;
out.push(`#### Code by crate, pre-bindgen module (\`${PRE.replace(ROOT + "/", "")}\`, code section ${n(preCode)} B raw, before wasm-bindgen and wasm-opt)`, "");
out.push("| crate | functions | raw | share of code |", "|---|---:|---:|---:|");
for (const g of byCrate(pre).slice(0, 20)) out.push(`| ${g.crate} | ${g.count} | ${n(g.raw)} | ${pct(g.raw, preCode)} |`);
out.push("");

try {
  const twiggy = execFileSync("twiggy", ["top", "-n", "25", PRE], { encoding: "utf8", maxBuffer: 64 << 20 });
  out.push("#### `twiggy top -n 25` of the pre-bindgen module", "", "```", twiggy.trimEnd(), "```", "");
} catch (e) {
  out.push(`(twiggy not available: ${e.message.split("\n")[0]}; \`cargo install twiggy\`)`, "");
}

// The data section, and the built-in questionnaire, which ships beside the wasm (not in it).
const data = distWasm.sections.find((s) => s.name === "data").bytes;
out.push("#### Data section, and the built-in questionnaire's files", "");
out.push("| what | raw | brotli (alone) |", "|---|---:|---:|");
out.push(`| data section of the main module (UI strings, CSS class names, config keys, error texts) | ${n(data.length)} | ${n(br(data))} |`);
for (const name of readdirSync(join(ROOT, "dist")).filter((f) => /^maturity-check\.(core|advice)\./.test(f)).sort()) {
  const b = readFileSync(join(ROOT, "dist", name));
  const when = name.includes(".core.") ? "first view, the visitor's locale" : "with the results";
  out.push(`| \`${name}\` (${when}) | ${n(b.length)} | ${n(br(b))} |`);
}
out.push("");
console.log(out.join("\n"));
