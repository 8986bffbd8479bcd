// A lead receiver for the end-to-end specs: a real HTTP server on 127.0.0.1 that records every
// request it gets (CORS preflights included) and answers as a test tells it to.
//
//   const receiver = await startReceiver();
//   receiver.answer(503, 503);          // the next two POSTs get 503, later ones 200
//   await receiver.down();              // connection refused until up()
//   await receiver.up();                // back on the same port
//   await receiver.waitForPosts(1);     // resolves to the recorded POSTs
//
// It answers like the minimal receiver in docs/leads.md: preflights with 204 and the CORS headers
// the widget needs, POSTs with the scripted status (200 by default), always with
// Access-Control-Allow-Origin so the browser lets the widget see the status.
//   receiver.slow(800);                 // POSTs are answered after 800 ms

import { createServer } from "node:http";

export const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST",
  "access-control-allow-headers": "content-type, idempotency-key",
  "access-control-expose-headers": "retry-after",
  "access-control-max-age": "600",
};

/**
 * Starts a receiver. Resolves to { url, port, requests, posts(), answer(...statuses), down(), up(),
 * reset(), waitForPosts(n, timeout), close() }. `requests` holds every request in arrival order as
 * { method, path, headers, body, json, status } (`json` is the parsed body or null; `status` what
 * was answered).
 */
export async function startReceiver({ port = 0 } = {}) {
  const requests = [];
  const script = [];
  let delayMs = 0;
  let server = null;

  const handle = (req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const record = { method: req.method, path: req.url, headers: req.headers, body, json: null, status: 0 };
      try {
        record.json = body ? JSON.parse(body) : null;
      } catch {
        record.json = null;
      }
      requests.push(record);
      if (req.method === "OPTIONS") {
        record.status = 204;
        return res.writeHead(204, CORS).end();
      }
      const status = req.method === "POST" ? (script.shift() ?? 200) : 405;
      record.status = status;
      const ok = status >= 200 && status < 300;
      setTimeout(() => {
        res.writeHead(status, { ...CORS, "content-type": "application/json" });
        res.end(JSON.stringify(ok ? { ok: true } : { error: `scripted ${status}` }));
      }, req.method === "POST" ? delayMs : 0);
    });
  };

  const listen = (p) =>
    new Promise((ok, fail) => {
      server = createServer(handle);
      server.once("error", fail).listen(p, "127.0.0.1", () => ok(server.address().port));
    });

  const actual = await listen(port);
  const stop = () =>
    new Promise((ok) => {
      if (!server) return ok();
      server.closeAllConnections?.();
      server.close(() => ok());
      server = null;
    });

  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    requests,
    /** The recorded POSTs. */
    posts: () => requests.filter((r) => r.method === "POST"),
    /** The next POSTs get these statuses, in order; after them, 200. */
    answer: (...statuses) => script.push(...statuses),
    /** Stops listening: connections are refused until `up()`. */
    down: stop,
    /** Listens again on the same port. */
    up: async () => {
      if (!server) await listen(actual);
    },
    /** Answers every POST only after `ms` (a slow receiver: requests overlap). */
    slow(ms) {
      delayMs = ms;
    },
    /** Forgets what was recorded and scripted, and answers at once again. */
    reset() {
      requests.length = 0;
      script.length = 0;
      delayMs = 0;
    },
    /** Waits until at least `n` POSTs have arrived; resolves to all recorded POSTs. */
    async waitForPosts(n, timeout = 15_000) {
      const until = Date.now() + timeout;
      while (requests.filter((r) => r.method === "POST").length < n) {
        if (Date.now() > until) {
          throw new Error(`receiver: expected ${n} POST(s) within ${timeout} ms, got ${requests.filter((r) => r.method === "POST").length}`);
        }
        await new Promise((ok) => setTimeout(ok, 25));
      }
      return requests.filter((r) => r.method === "POST");
    },
    close: stop,
  };
}
