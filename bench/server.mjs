#!/usr/bin/env node
// The benchmarks' API stand-in, run as a child process so that serving does not compete with
// the measured client inside one event loop. A keep-alive node:http server on 127.0.0.1 that
// answers GET /groups/{id} with a group of that id and its members (about 1.2 kB, like a real
// team) and GET /groups?limit&offset with pages over TOTAL groups (argv[2], default 100000).
// Prints {"url": ...} as its first stdout line.
import { createServer } from "node:http";
import { group, members } from "./payloads.mjs";

const total = Number(process.argv[2] ?? 100_000);

const pages = new Map();
function page(origin, limit, offset) {
  const key = `${limit}:${offset}`;
  let text = pages.get(key);
  if (text === undefined) {
    const end = Math.min(offset + limit, total);
    const results = [];
    for (let id = offset + 1; id <= end; id++) results.push(group(id));
    const link = (at) => `${origin}/groups?limit=${limit}&offset=${at}`;
    text = JSON.stringify({
      count: total,
      previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
      next: end < total ? link(end) : null,
      results,
    });
    pages.set(key, text);
  }
  return text;
}

const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (req, res) => {
  const url = new URL(req.url ?? "/", origin);
  const one = /^\/groups\/(\d+)$/.exec(url.pathname);
  let text;
  if (one) {
    text = JSON.stringify({ ...group(Number(one[1])), members });
  } else if (url.pathname === "/groups") {
    const limit = Number(url.searchParams.get("limit") ?? 50);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    text = page(origin, limit, offset);
  } else {
    res.writeHead(404, { "content-type": "application/json" });
    res.end('{"message":"not found"}');
    return;
  }
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
});
server.keepAliveTimeout = 60_000;

let origin = "";
server.listen({ port: 0, host: "127.0.0.1", backlog: 1024 }, () => {
  origin = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`${JSON.stringify({ url: origin, groupBytes: groupBytes() })}\n`);
});

/** The size of one GET /groups/{id} answer, for the report. */
function groupBytes() {
  return Buffer.byteLength(JSON.stringify({ ...group(100_000), members }));
}

process.on("disconnect", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
