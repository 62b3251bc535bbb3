// The one hop between Prism's proxy and the real API. Prism forwards with a fetch that follows
// redirects (token header included), waits for ever and buffers any body; this hop, on
// loopback, is what Prism forwards to instead, and it forwards on to the upstream's origin only:
// a redirect is answered, never followed; an answer is cut off after a size cap and a deadline;
// and stopping it ends every request in flight, so nothing outlives the proxy.
import { createServer } from "node:http";

/** The header a refused answer carries: why the hop refused it (the upstream's status and a
 *  redirect's host at most; nothing of its body). */
export const REFUSED_HEADER = "x-desk-proxy-refused";

/** Headers that belong to one connection, not to the message (RFC 9110, 7.6.1), and those the
 *  hop sets itself. */
const NOT_FORWARDED = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
  "content-encoding",
  "accept-encoding",
  "expect",
]);

/** A refusal: the status the caller gets and the reason in its header. */
const refusal = (status, reason) => ({ status, reason });

/**
 * Starts the hop on 127.0.0.1 (a free port) in front of `upstream`. Resolves to { url, close }:
 * `url` is the hop with the upstream's path (what Prism is given as its upstream), `close()`
 * aborts every request in flight and closes every connection; a second `close()` resolves too.
 */
export async function startUpstreamGuard({ upstream, timeoutMs, maxResponseBytes }) {
  const target = new URL(upstream);
  const inFlight = new Set();

  const server = createServer(async (req, res) => {
    const controller = new AbortController();
    inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(new Error("timeout")), timeoutMs);
    try {
      const answer = await forward(req, controller.signal);
      if ("reason" in answer) {
        res.writeHead(answer.status, {
          [REFUSED_HEADER]: answer.reason,
          "content-type": "text/plain; charset=utf-8",
        });
        res.end(`The proxy refused the upstream's answer: ${answer.reason}\n`);
      } else {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      }
    } catch {
      // The hop is stopping, or the caller went away: nothing left to answer.
      res.destroy();
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
  });

  /** Forwards one request to the upstream's origin; resolves to the answer or a refusal. */
  async function forward(req, signal) {
    // Concatenated, never resolved against the origin: `//other.host/x` stays a path.
    const url = new URL(`${target.origin}${req.url.startsWith("/") ? req.url : `/${req.url}`}`);
    if (url.origin !== target.origin) return refusal(502, "a request for another origin");
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (!NOT_FORWARDED.has(name)) for (const one of [value].flat()) headers.append(name, one);
    const body = await readAll(req, maxResponseBytes, signal);
    if (body === undefined) return refusal(413, `a request body over ${maxResponseBytes} bytes`);
    let response;
    try {
      response = await fetch(url, {
        method: req.method,
        headers,
        body: ["GET", "HEAD"].includes(req.method) || body.length === 0 ? undefined : body,
        redirect: "manual",
        signal,
      });
    } catch {
      if (signal.reason?.message === "timeout") return refusal(504, `no answer within ${timeoutMs} ms`);
      if (signal.aborted) throw signal.reason;
      return refusal(502, "the upstream could not be reached");
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      return refusal(
        response.status,
        `a redirect (${response.status}) to ${hostOf(location, url)}, not followed`,
      );
    }
    const declared = Number(response.headers.get("content-length") ?? 0);
    const bytes =
      declared > maxResponseBytes ? undefined : await readAll(response.body, maxResponseBytes, signal);
    if (bytes === undefined && signal.reason?.message === "timeout")
      return refusal(504, `no whole answer within ${timeoutMs} ms`);
    if (signal.aborted) throw signal.reason;
    if (bytes === undefined) {
      await response.body?.cancel().catch(() => {});
      return refusal(502, `an answer (${response.status}) over ${maxResponseBytes} bytes`);
    }
    const out = {};
    response.headers.forEach((value, name) => {
      if (!NOT_FORWARDED.has(name)) out[name] = value;
    });
    out["content-length"] = String(bytes.length);
    return { status: response.status, headers: out, body: bytes };
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  let closing;
  return {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/+$/, "")}`,
    close: () =>
      (closing ??= new Promise((resolve) => {
        for (const controller of inFlight) controller.abort(new Error("stopped"));
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/** A redirect's host (host:port), as the URL parser reads it; never its path or query. */
function hostOf(location, base) {
  if (location === null) return "no Location";
  try {
    return new URL(location, base).host || "a Location without a host";
  } catch {
    return "an unreadable Location";
  }
}

/**
 * Reads a body (a Node stream or a web ReadableStream) into one Buffer, or resolves to
 * undefined once it passes `max` bytes or `signal` aborts; never holds more than `max` bytes.
 */
async function readAll(body, max, signal) {
  if (!body) return Buffer.alloc(0);
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      if (signal.aborted) return undefined;
      size += chunk.length;
      if (size > max) return undefined;
      chunks.push(chunk);
    }
  } catch {
    return undefined;
  }
  return Buffer.concat(chunks, size);
}
