// npm run mock and npm start as users run them: real child processes on free ports. They
// print how to call the mock, show the rule a bad request broke, serve the docs without
// letting a path out of build/docs, refuse a busy port in one line, and stop with every
// child on SIGINT/SIGTERM (no orphan Prism).
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { request } from "node:http";
import { join } from "node:path";
import { spec } from "../../generated/spec.js";
import { root } from "../helpers/spec.js";
import { mockUrl } from "./mock.js";

interface Running {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts `node scripts/<name>` and resolves once its output matches `ready`. */
async function run(
  script: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<Running> {
  const child = spawn(process.execPath, [join(root, "scripts", script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  let text = "";
  const exit = new Promise<number | null>((done) => child.once("close", (code) => done(code)));
  await new Promise<void>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      text += chunk.toString();
      if (ready.test(text)) resolve();
    };
    child.stdout.on("data", look);
    child.stderr.on("data", look);
    exit.then((code) => reject(new Error(`${script} exited ${code} before it was ready:\n${text}`)));
  });
  return { child, output: () => text, exit };
}

/** The PIDs of a process's children (pgrep -P), empty when it has none. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map(Number);
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A raw GET, so that dot segments and encoded slashes reach the server as written. */
function rawGet(
  base: string,
  path: string,
  method = "GET",
): Promise<{ status: number; type: string | undefined; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, type: res.headers["content-type"], body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const mockLine = /Prism mock of generated\/openapi\.json: (http:\/\/\S+)/;

describe("npm run mock", () => {
  test("prints the URL, a curl with the token header and content type, and the client snippet; logs the broken rule; stops its Prism on SIGINT", async () => {
    const mock = await run("mock.mjs", ["--port", "0"], {}, /Ctrl-C/);
    try {
      const url = mockLine.exec(mock.output())![1]!;
      expect(mock.output()).toContain(
        `curl -i '${url}/groups?limit=2' -H '${spec.auth.header}: any-token' -H 'Content-Type: ${spec.contentType}'`,
      );
      expect(mock.output()).toContain(`createDeskClient({ baseUrl: "${url}", apiToken: "any-token" })`);

      const bad = await fetch(
        `${url}/groups?limit=${spec.operations.listGroups.parameters.query.limit.minimum - 1}`,
        {
          headers: { [spec.auth.header]: "t" },
        },
      );
      await bad.text();
      expect(bad.status).toBe(400);
      // Prism logs after it answers: give its line a moment to arrive.
      for (let i = 0; i < 50 && !/request\.query\.limit/.test(mock.output()); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(mock.output()).toMatch(
        /GET \/groups\n\s+-> 400\n\s+✖ request\.query\.limit: .*limit must be >= 1/,
      );

      const prisms = childrenOf(mock.child.pid!);
      expect(prisms).toHaveLength(1);
      mock.child.kill("SIGINT");
      expect(await mock.exit).toBe(0);
      expect(prisms.filter(alive)).toEqual([]);
      expect(mock.output()).toContain("Stopped.");
    } finally {
      mock.child.kill("SIGKILL");
    }
  });

  test("a port in use is one line naming the port, exit code 1, no stack trace", async () => {
    const port = new URL(mockUrl()).port;
    const child = spawn(process.execPath, [join(root, "scripts", "mock.mjs"), "--port", port], { cwd: root });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.stdout.resume();
    const code = await new Promise((done) => child.once("close", done));
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      expect.stringContaining(`port ${port} on 127.0.0.1 is already in use`),
    ]);
  });
});

describe("npm start", () => {
  test("serves the mock and build/docs, never a file outside it, and stops both on SIGTERM", async () => {
    const start = await run("start.mjs", [], { PORT: "0", DOCS_PORT: "0" }, /Ctrl-C/);
    try {
      const docs = /Docs \(Redoc, offline\): (http:\/\/\S+)\//.exec(start.output())![1]!;
      const mock = mockLine.exec(start.output())![1]!;

      const page = await rawGet(docs, "/");
      expect(page.status).toBe(200);
      expect(page.type).toBe("text/html; charset=utf-8");
      expect(page.body).toContain("<html");
      expect((await rawGet(docs, "/index.html", "HEAD")).status).toBe(200);
      expect((await rawGet(docs, "/index.html", "POST")).status).toBe(405);
      for (const escapePath of [
        "/../package.json",
        "/%2e%2e/package.json",
        "/..%2fpackage.json",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/..%5cpackage.json",
        "/%00",
        "/.git/config",
        "/%E0%A4%A",
      ]) {
        const answer = await rawGet(docs, escapePath);
        expect([escapePath, answer.status]).toEqual([escapePath, 404]);
      }

      const groups = await fetch(`${mock}/groups`, {
        headers: { [spec.auth.header]: "t", "Content-Type": spec.contentType },
      });
      expect(groups.status).toBe(200);
      expect(groups.headers.get("sl-violations")).toBeNull();
      await groups.text();

      const prisms = childrenOf(start.child.pid!);
      expect(prisms).toHaveLength(1);
      start.child.kill("SIGTERM");
      expect(await start.exit).toBe(0);
      expect(prisms.filter(alive)).toEqual([]);
      await expect(rawGet(docs, "/")).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      start.child.kill("SIGKILL");
    }
  }, 90_000);
});
