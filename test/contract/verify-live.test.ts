// The live check (bin/sendbird-desk-verify.mjs, `npm run verify:live`) cannot reach the real
// API here, so it is proven against loopback upstreams of this test's own: one that answers
// by the spec (exit 0, no violation), and one that answers the ways the vendor's pages
// disagree with each other (exit 1, each violation named where the spec is broken). The
// token never appears in its output, and --write restores the membership it changed.
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { root } from "../helpers/spec.js";

const token = "verify-secret-token-4711";
const prefix = "/platform/v1";

interface Upstream {
  url: string;
  server: Server;
  requests: string[];
  members: Map<number, Set<number>>;
}

type Quirks = { breakSpec: boolean };

/** A group as this upstream answers it; `breakSpec` answers the vendor's disagreeing forms. */
function group(id: number, { breakSpec }: Quirks) {
  return {
    id,
    name: `Team ${id}`,
    key: `team-${id}`,
    project: 1,
    createdAt: "2020-12-01T10:19:51.086740Z",
    // The vendor's table says string, its examples integer: the spec accepts both.
    createdBy: breakSpec ? "27" : 27,
    description: null,
    ...(breakSpec ? { archived: false } : {}),
  };
}

/** Starts a loopback Desk API of 7 groups under /platform/v1, with membership that changes. */
async function startUpstream(quirks: Quirks): Promise<Upstream> {
  const ids = [1, 2, 3, 4, 5, 6, 7];
  const members = new Map(ids.map((id) => [id, new Set([100 + id])]));
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const url = new URL(req.url!, "http://upstream");
      requests.push(`${req.method} ${url.pathname}${url.search}`);
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (req.headers.sendbirddeskapitoken !== token)
        return send(401, { message: "Invalid token", error: true });
      const path = url.pathname.slice(prefix.length);
      if (path === "/groups") {
        const limit = Number(url.searchParams.get("limit") ?? 50);
        const offset = Number(url.searchParams.get("offset") ?? 0);
        const next = offset + limit < ids.length ? `/groups?limit=${limit}&offset=${offset + limit}` : null;
        return send(200, {
          count: ids.length,
          previous:
            offset > 0
              ? `${upstreamUrl}${prefix}/groups?limit=${limit}&offset=${Math.max(0, offset - limit)}`
              : null,
          // The vendor's pages show absolute URLs; a relative one breaks the spec's `format: uri`.
          next: next && (quirks.breakSpec ? `${prefix}${next}` : `${upstreamUrl}${prefix}${next}`),
          results: ids.slice(offset, offset + limit).map((id) => group(id, quirks)),
        });
      }
      const match = /^\/groups\/(\d+)(\/membership)?$/.exec(path);
      const id = Number(match?.[1]);
      if (!match || !members.has(id)) return send(404, { message: "Not found", error: true });
      if (match[2]) {
        const agent = Number(JSON.parse(body).agentId);
        if (req.method === "POST") members.get(id)!.add(agent);
        else members.get(id)!.delete(agent);
      }
      const agents = [...members.get(id)!].map((agentId) => ({
        id: agentId,
        displayName: `agent ${agentId}`,
        email: `agent${agentId}@example.com`,
        photoThumbnailUrl: "",
      }));
      return send(200, quirks.breakSpec ? group(id, quirks) : { ...group(id, quirks), members: agents });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const upstreamUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${upstreamUrl}${prefix}`, server, requests, members };
}

/** Runs the live check; resolves to its exit code and output, whatever the code. */
async function verify(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(root, "bin", "sendbird-desk-verify.mjs"), ...args],
      { cwd: root, env: { ...process.env, SENDBIRD_DESK_API_TOKEN: token, ...env }, timeout: 60_000 },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

const upstreams: Upstream[] = [];
afterAll(async () => {
  for (const { server } of upstreams) await new Promise((done) => server.close(done));
});
async function upstream(quirks: Quirks) {
  const started = await startUpstream(quirks);
  upstreams.push(started);
  return started;
}

const aMinute = 60_000;

test(
  "an upstream that answers by the spec: exit 0, no violation, every read-only call made",
  async () => {
    const api = await upstream({ breakSpec: false });
    const { code, output } = await verify(["--upstream", api.url, "--page-size", "3", "--groups", "2"]);
    expect(output).toMatch(/✔ listGroups: \d+ answer\(s\) \(status 200\), 0 violation\(s\)/);
    expect(output).toMatch(/✔ getGroup: 2 answer\(s\) \(status 200\), 0 violation\(s\)/);
    expect(output).toContain("list, walk: 7 groups over 3 page(s)");
    expect(output).toMatch(/Summary: \d+ answer\(s\) checked, 0 broke the spec\./);
    expect(code).toBe(0);
    // Read-only: the first page, a walk of three pages, two views; nothing else.
    expect(api.requests.every((r) => r.startsWith("GET "))).toBe(true);
    expect(api.requests.filter((r) => r.startsWith(`GET ${prefix}/groups/`))).toHaveLength(2);
    expect(output).not.toContain(token);
  },
  aMinute,
);

test(
  "an upstream that breaks the spec the vendor's ways: exit 1, each violation named, createdBy as a string accepted",
  async () => {
    const api = await upstream({ breakSpec: true });
    const { code, output } = await verify(["--upstream", api.url, "--page-size", "3", "--groups", "2"]);
    expect(code).toBe(1);
    expect(output).toMatch(/✖ listGroups: .* violation/);
    expect(output).toMatch(/response\.body\.next \[string\] format: .*uri/);
    expect(output).toMatch(/response\.body\.results\[\]\s?\[object\] additionalProperties: .*archived/);
    expect(output).toMatch(/✖ getGroup: 2 answer\(s\) \(status 200\), \d+ violation/);
    expect(output).toMatch(/response\.body \[object\] required: .*'members'/);
    expect(output).not.toMatch(/createdBy/);
    expect(output).toMatch(/Summary: \d+ answer\(s\) checked, [1-9]\d* broke the spec/);
    expect(output).not.toContain(token);
  },
  aMinute,
);

test(
  "--write adds the agent and removes it again, restoring the group; refused when the agent is a member",
  async () => {
    const api = await upstream({ breakSpec: false });
    const { code, output } = await verify(["--upstream", api.url, "--write", "--group", "3", "--agent", "9"]);
    expect(output).toContain("added agent 9 to group 3, removed it; restored");
    expect(code).toBe(0);
    expect(api.requests.filter((r) => !r.startsWith("GET "))).toEqual([
      `POST ${prefix}/groups/3/membership`,
      `DELETE ${prefix}/groups/3/membership`,
    ]);
    expect([...api.members.get(3)!]).toEqual([103]);

    const before = api.requests.length;
    const refused = await verify(["--upstream", api.url, "--write", "--group", "3", "--agent", "103"]);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain("agent 103 is already a member of group 3: --write refuses to touch it");
    expect(api.requests.slice(before).every((r) => r.startsWith("GET "))).toBe(true);
  },
  aMinute,
);

test(
  "a wrong token, bad flags or no token: exit 2 with one line, never the token",
  async () => {
    const api = await upstream({ breakSpec: false });
    const wrong = await verify(["--upstream", api.url], { SENDBIRD_DESK_API_TOKEN: "wrong-token-0815" });
    expect(wrong.code).toBe(2);
    expect(wrong.output).toMatch(/sendbird-desk-verify: .*401/);
    expect(wrong.output).not.toContain("wrong-token-0815");

    const unknown = await verify(["--upstrem", api.url]);
    expect(unknown.code).toBe(2);
    expect(unknown.output.trim()).toMatch(/^sendbird-desk-verify: Unknown option '--upstrem'/);

    const noToken = await verify(["--upstream", api.url], { SENDBIRD_DESK_API_TOKEN: "" });
    expect(noToken.code).toBe(2);
    expect(noToken.output).toContain("SENDBIRD_DESK_API_TOKEN is not set");

    const help = await verify(["--help"]);
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/^Usage: npx sendbird-desk-verify/);
  },
  aMinute,
);

// Upstreams that misbehave: what they send must not reach the output (it lands in CI logs),
// the token must not reach another host, and the check must end.
const EMAIL = "jane.doe@example.com";
const CARD = "4111-1111-1111-1111";

/** A loopback upstream answering every request with `handler`; records what it was asked. */
async function scripted(handler: (req: IncomingMessage, res: ServerResponse) => void, host = "127.0.0.1") {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  upstreams.push({ url: "", server, requests, members: new Map() });
  return { url: `http://${host}:${(server.address() as AddressInfo).port}${prefix}`, requests, server };
}

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
};

/** A page of one group, with `change` applied to the group. */
const pageWith = (change: Record<string, unknown>) => ({
  count: 1,
  previous: null,
  next: null,
  results: [{ ...group(1, { breakSpec: false }), ...change }],
});

test(
  "a redirect to another loopback host: not followed, the other host gets no request, exit 2",
  async () => {
    const other = await scripted((_req, res) => json(res, 200, pageWith({})), "127.0.0.2");
    const api = await scripted((_req, res) => {
      res.writeHead(302, { location: `${other.url}/groups?stolen=1` });
      res.end();
    });
    const { code, output } = await verify(["--upstream", api.url]);
    expect(other.requests).toEqual([]);
    const host = new URL(other.url).host;
    expect(output).toContain(
      `! the first page: the proxy refused the answer (status 302): a redirect (302) to ${host}, not followed`,
    );
    expect(output).not.toContain("stolen");
    expect(output).not.toContain(token);
    expect(code).toBe(2);
  },
  aMinute,
);

test.each([
  ["an e-mail where the spec wants an integer id", () => pageWith({ id: EMAIL, name: CARD }), 200],
  ["an e-mail as a property name", () => pageWith({ [EMAIL]: CARD }), 200],
  [
    "an error message with an e-mail and a card number",
    () => `Database error for customer ${EMAIL} (card ${CARD})`,
    500,
  ],
  ["an error body in JSON with both", () => ({ message: `customer ${EMAIL}`, card: CARD, [EMAIL]: 1 }), 500],
])(
  "%s: the output names the rule, never the values",
  async (_what, body, status) => {
    const api = await scripted((_req, res) => {
      const value = body();
      if (typeof value === "string") {
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(value);
      } else json(res, status, value);
    });
    const { code, output } = await verify(["--upstream", api.url, "--groups", "1"]);
    expect(output).toMatch(/Summary: /);
    for (const secret of [EMAIL, "jane.doe", CARD, "4111", "example.com", "Database"])
      expect(output).not.toContain(secret);
    expect(code).not.toBe(0);
  },
  aMinute,
);

test(
  "a property name that is data is hidden; one that is an identifier is named",
  async () => {
    const api = await scripted((_req, res) => json(res, 200, pageWith({ [EMAIL]: 1, archived: false })));
    const { code, output } = await verify(["--upstream", api.url, "--groups", "0"]);
    expect(output).toMatch(/additionalProperties: .*'archived'/);
    expect(output).toMatch(/additionalProperties: .*'<hidden>'/);
    expect(output).not.toContain(EMAIL);
    expect(code).toBe(1);
  },
  aMinute,
);

test(
  "an upstream that never answers: the check stops after one call's attempts and exits 2",
  async () => {
    const api = await scripted(() => {}); // never answers
    const timeoutMs = 1_000;
    const started = Date.now();
    const { code, output } = await verify(["--upstream", api.url, "--timeout-ms", String(timeoutMs)]);
    // Three attempts of the first call, backoff (at most 1.5 s), and Prism's start-up and stop.
    expect(Date.now() - started).toBeLessThan(3 * timeoutMs + 1_500 + 10_000);
    expect(api.requests).toHaveLength(3);
    expect(output).toContain(`no answer within ${timeoutMs} ms`);
    expect(output).toContain("the check stops here");
    expect(code).toBe(2);
  },
  aMinute,
);

test(
  "an answer that never ends is cut off at the proxy's cap: exit 2, the check ends",
  async () => {
    const api = await scripted((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(256 * 1024, " ");
      const more = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", more);
      };
      res.write("[");
      more();
    });
    const { code, output } = await verify(["--upstream", api.url]);
    expect(output).toContain("an answer (200) over 16777216 bytes");
    expect(output).toContain("✖ listGroups: 0 answer(s), 0 violation(s), 3 refused by the proxy (status 502)");
    expect(api.requests).toHaveLength(3); // the first call's attempts; then the check stops
    expect(code).toBe(2);
  },
  aMinute,
);
