// The loopback server the runtime smoke test (smoke.mjs) talks to: it answers the four Group
// operations, a documented 404, a 503 that succeeds on the second attempt, and a request it
// never answers. It records every request, so the caller can check what reached the wire.
import { createServer } from "node:http";

/** The path the server answers with 503 once, then 200: the retry. */
export const flakyGroup = 503;
/** The path the server never answers: the timeout. */
export const silentGroup = 999;
/** The path the server answers with 404. */
export const missingGroup = 404;

/** Groups on the server, across two pages of the list. */
const groupIds = [1, 2, 3];

const group = (id, members = []) => ({
  id,
  name: `Group ${id}`,
  key: `group-${id}`,
  project: 1,
  createdAt: "2020-08-11T09:19:45.055635Z",
  createdBy: 1,
  description: null,
  ...(members && { members }),
});

const agent = (id) => ({
  id,
  displayName: `Agent ${id}`,
  email: `a${id}@example.com`,
  photoThumbnailUrl: "",
});

/** Starts the server on a free loopback port; resolves to { url, requests, close }. */
export async function startSmokeServer() {
  const requests = [];
  const attempts = new Map();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      requests.push({ method: req.method, url: req.url, token: req.headers.sendbirddeskapitoken, body });
      answer(req, body, res, attempts);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    });
  return { url, requests, close };
}

function answer(req, body, res, attempts) {
  const { pathname, searchParams } = new URL(req.url, "http://x");
  const send = (status, payload, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(payload));
  };
  if (pathname === "/groups") {
    const limit = Number(searchParams.get("limit") ?? 50);
    const offset = Number(searchParams.get("offset") ?? 0);
    const page = groupIds.slice(offset, offset + limit);
    const next =
      offset + limit < groupIds.length
        ? `http://127.0.0.1/groups?limit=${limit}&offset=${offset + limit}`
        : null;
    return send(200, {
      count: groupIds.length,
      previous: null,
      next,
      results: page.map((id) => group(id, null)),
    });
  }
  const [, , id, membership] = pathname.split("/").map((part) => Number(part) || part);
  if (id === silentGroup) return; // never answered: the client's timeout ends the call
  if (id === missingGroup) return send(404, { message: "Not found." });
  if (id === flakyGroup) {
    const seen = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, seen);
    if (seen === 1) return send(503, { message: "Try again." }, { "retry-after-ms": "10" });
  }
  if (membership === "membership") {
    const { agentId } = JSON.parse(body);
    return send(200, group(id, req.method === "POST" ? [agent(agentId)] : []));
  }
  return send(200, group(id, [agent(7)]));
}
