// A small static server for the demo page and the end-to-end tests.
//
//   node e2e/support/serve.mjs [--port 8080]
//
// Serves index.html at /, the built widget under /dist/, and /questionnaire/. As a module it
// exports `startStatic` so tests can start servers on free ports, with CORS or extra routes.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Starts a static server. `mounts` maps URL prefixes to folders (relative to the repo root);
 * `pages` maps exact paths to { body, headers } served from memory, or to { file } read on each request; `cors` adds
 * Access-Control-Allow-Origin: *. Resolves to { url, port, close() }.
 */
export async function startStatic({ port = 0, mounts = { "/": "." }, pages = {}, cors = false, headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const extra = { ...headers, ...(cors ? { "access-control-allow-origin": "*" } : {}) };
    const page = pages[path];
    if (page) {
      res.writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-store", ...extra, ...(page.headers ?? {}) });
      return res.end(page.file ? await readFile(join(ROOT, page.file)) : page.body);
    }
    const prefix = Object.keys(mounts)
      .sort((a, b) => b.length - a.length)
      .find((p) => path.startsWith(p));
    if (prefix === undefined) return notFound(res);
    const base = resolve(ROOT, mounts[prefix]);
    let file = normalize(join(base, path.slice(prefix.length)));
    if (file !== base && !file.startsWith(base + sep)) return notFound(res);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
        ...extra,
      });
      res.end(body);
    } catch {
      notFound(res);
    }
  });
  await new Promise((ok, fail) => server.once("error", fail).listen(port, "127.0.0.1", ok));
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}

function notFound(res) {
  res.writeHead(404, { "content-type": "text/plain" });
  res.end("not found");
}

/** The demo site: the demo page, the built widget, and the questionnaire files. */
export const DEMO_MOUNTS = { "/dist/": "dist", "/questionnaire/": "questionnaire", "/demo/": "demo" };
/** The demo page at / and /index.html, read on each request so edits show on reload. */
export const DEMO_PAGES = { "/": { file: "index.html" }, "/index.html": { file: "index.html" } };

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--port");
  const port = i > 0 ? Number(process.argv[i + 1]) : 8080;
  const server = await startStatic({ port, mounts: DEMO_MOUNTS, pages: DEMO_PAGES });
  console.log(`Serving the demo at ${server.url}/`);
}
