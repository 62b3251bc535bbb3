#!/usr/bin/env node
// The rate-limit benchmark's server, run as a child process (forked, with an IPC channel) so
// that serving does not compete with the measured clients inside one event loop: a keep-alive
// node:http server on 127.0.0.1 with a token bucket (rate R per second, burst B). A request that
// finds a token gets a group (200) after a set latency; one that finds none gets 429 with
// `Retry-After` in whole seconds (at least 1, as real servers send) after the same latency.
// Messages: {reset: {rate, burst, latencyMs}} refills the bucket and zeroes the counts, answering
// {ready: true}; {stats: true} answers {requests, rejected, maxInFlight}.
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import { group } from "./payloads.mjs";

let latencyMs = 0;
let rate = 100;
let burst = 10;
let tokens = burst;
let refilled = performance.now();
let counts = { requests: 0, rejected: 0, maxInFlight: 0 };
let inFlight = 0;

/** Takes a token if there is one; otherwise the whole seconds until there will be. */
function take() {
  const now = performance.now();
  tokens = Math.min(burst, tokens + ((now - refilled) / 1000) * rate);
  refilled = now;
  if (tokens >= 1) {
    tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - tokens) / rate));
}

const server = createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (req, res) => {
  counts.requests++;
  inFlight++;
  counts.maxInFlight = Math.max(counts.maxInFlight, inFlight);
  const waitSeconds = take();
  if (waitSeconds > 0) counts.rejected++;
  const id = Number(/\/groups\/(\d+)$/.exec(req.url ?? "")?.[1] ?? 0);
  const text = waitSeconds
    ? JSON.stringify({ message: "Too many requests." })
    : JSON.stringify({ ...group(id), members: [] });
  const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(text) };
  req.resume();
  setTimeout(() => {
    inFlight--;
    res.writeHead(
      waitSeconds ? 429 : 200,
      waitSeconds ? { ...headers, "retry-after": `${waitSeconds}` } : headers,
    );
    res.end(text);
  }, latencyMs);
});
server.keepAliveTimeout = 60_000;

process.on("message", (message) => {
  if (message.reset) {
    ({ rate, burst, latencyMs } = message.reset);
    tokens = burst;
    refilled = performance.now();
    counts = { requests: 0, rejected: 0, maxInFlight: 0 };
    process.send({ ready: true });
  } else if (message.stats) process.send({ ...counts });
});
server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
  process.send({ url: `http://127.0.0.1:${server.address().port}` });
});
process.on("disconnect", () => process.exit(0));
