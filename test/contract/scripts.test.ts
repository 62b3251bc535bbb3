// npm run mock and npm start as users run them: real processes on free ports. They print how
// to call the mock and the rule a bad request broke, take --help and refuse unknown flags, serve
// the docs without letting a path out of build/docs (and without leaking a file descriptor per
// aborted download), refuse a busy port in one line, and stop whatever stops them: a signal to
// npm's own PID, or the death of npm or of the script (no server outlives them).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spec } from "../../generated/spec.js";
import { root } from "../helpers/spec.js";
import { mockUrl } from "./mock.js";

/** A HOST inherited from the machine must not move the servers under test off loopback. */
const loopback = { HOST: "" };

interface Running {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts a command in the repository and resolves once its output matches `ready`. */
async function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<Running> {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...loopback, ...env } });
  let text = "";
  const exit = new Promise<number | null>((done) => child.once("close", (code) => done(code)));
  await new Promise<void>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      text += chunk.toString();
      if (ready.test(text)) resolve();
    };
    child.stdout!.on("data", look);
    child.stderr!.on("data", look);
    exit.then((code) =>
      reject(new Error(`${command} ${args.join(" ")} exited ${code} before it was ready:\n${text}`)),
    );
  });
  return { child, output: () => text, exit };
}

const script = (name: string) => join(root, "scripts", name);

/** Runs a script to its end: exit code, stdout, stderr. */
function runToEnd(
  name: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [script(name), ...args], {
    cwd: root,
    env: { ...process.env, ...loopback },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => child.once("close", (code) => done({ code, stdout, stderr })));
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

/** Whether something accepts connections on the URL's port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/** Polls `check` every 100 ms until it holds (10 s at most); returns its last answer. */
async function eventually(check: () => boolean | Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** A raw GET, so that dot segments and encoded slashes reach the server as written. */
function rawGet(
  base: string,
  path: string,
  method = "GET",
): Promise<{ status: number; type?: string; body: string }> {
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

/** Starts a download and abandons it after its first chunk (the client goes away). */
function abortedDownload(base: string, path: string): Promise<void> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const req = request({ host: hostname, port, path, agent: false }, (res) => {
      res.once("data", () => {
        req.destroy();
        resolve();
      });
    });
    req.on("error", () => resolve());
    req.end();
  });
}

/** The number of file descriptors a process holds. */
const openFiles = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

const mockLine = /Prism mock of generated\/openapi\.json: (http:\/\/\S+)/;
const docsLine = /Docs \(Redoc, offline\): (http:\/\/\S+)\//;
const startPid = /this process: (\d+)/;

/** Prism loads in a few seconds; a test that starts it gets a minute. */
const startsPrism = 60_000;

describe("npm run mock", () => {
  test(
    "prints the URL, a curl and the client snippet; logs the broken rule; runs no child process; SIGINT frees the port",
    async () => {
      const mock = await run(process.execPath, [script("mock.mjs"), "--port", "0"], {}, /Ctrl-C/);
      try {
        const url = mockLine.exec(mock.output())![1]!;
        expect(mock.output()).toContain(
          `curl -i '${url}/groups' -H '${spec.auth.header}: any-token' -H 'Content-Type: ${spec.contentType}'`,
        );
        expect(mock.output()).toContain(`createDeskClient({ baseUrl: "${url}", apiToken: "any-token" })`);

        const bad = await fetch(
          `${url}/groups?limit=${spec.operations.listGroups.parameters.query.limit.minimum - 1}`,
          {
            headers: { [spec.auth.header]: "secret-token-1" },
          },
        );
        expect(bad.status).toBe(400);
        expect(((await bad.json()) as { message: string }).message).toMatch(
          /^request\.query\.limit: .*>= 1$/,
        );
        await eventually(() => /request\.query\.limit/.test(mock.output()));
        expect(mock.output()).toMatch(
          /GET \/groups\?limit=0\n\s+-> 400\n\s+✖ request\.query\.limit: .*limit must be >= 1/,
        );
        expect(mock.output()).not.toContain("secret-token-1");

        // Prism runs inside the script: there is no child process to orphan.
        expect(childrenOf(mock.child.pid!)).toEqual([]);
        mock.child.kill("SIGINT");
        expect(await mock.exit).toBe(0);
        expect(await listening(url)).toBe(false);
        expect(mock.output()).toContain("Stopped.");
      } finally {
        mock.child.kill("SIGKILL");
      }
    },
    startsPrism,
  );

  test(
    "HOST=0.0.0.0 binds every interface and says so loudly; the mock answers on loopback",
    async () => {
      const mock = await run(
        process.execPath,
        [script("mock.mjs"), "--port", "0"],
        { HOST: "0.0.0.0" },
        /Ctrl-C/,
      );
      try {
        expect(mock.output()).toMatch(/WARNING: The mock listens on 0\.0\.0\.0, not on loopback/);
        const port = new URL(mockLine.exec(mock.output())![1]!).port;
        const answer = await fetch(`http://127.0.0.1:${port}/groups/77`, {
          headers: { [spec.auth.header]: "t" },
        });
        expect(answer.status).toBe(200);
        await answer.text();
      } finally {
        mock.child.kill("SIGKILL");
        await mock.exit;
      }
    },
    startsPrism,
  );

  test(
    "a port in use is one line naming the port, exit code 1, no stack trace",
    async () => {
      const port = new URL(mockUrl()).port;
      const { code, stderr } = await runToEnd("mock.mjs", ["--port", port]);
      expect(code).toBe(1);
      expect(stderr.trim().split("\n")).toEqual([
        expect.stringContaining(`port ${port} on 127.0.0.1 is already in use`),
      ]);
    },
    startsPrism,
  );
});

describe("npm run mock -- --seed FILE / --static", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "desk-seed-"));
    const group = {
      id: 5,
      name: "Five",
      key: "five",
      project: 1,
      createdAt: "2024-01-01T00:00:00Z",
      createdBy: 1,
      description: null,
      members: [{ id: 7, displayName: "Ann", email: "ann@example.com", photoThumbnailUrl: "" }],
    };
    writeFileSync(join(dir, "good.json"), JSON.stringify({ groups: [group] }));
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({ groups: [{ ...group, members: [{ ...group.members[0], id: "7" }] }] }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test(
    "--seed serves the tester's groups; --static answers the examples whatever the IDs",
    async () => {
      const answers: Record<string, number> = {};
      for (const [flag, args] of [
        ["seed", ["--seed", join(dir, "good.json")]],
        ["static", ["--static"]],
      ] as const) {
        const mock = await run(process.execPath, [script("mock.mjs"), "--port", "0", ...args], {}, /Ctrl-C/);
        try {
          const url = mockLine.exec(mock.output())![1]!;
          const viewed = await fetch(`${url}/groups/5`, { headers: { [spec.auth.header]: "t" } });
          const body = (await viewed.json()) as { id: number };
          answers[flag] = body.id;
          expect(mock.output()).toContain(flag === "static" ? "(static)" : "(stateful)");
        } finally {
          mock.child.kill("SIGKILL");
          await mock.exit;
        }
      }
      expect(answers).toEqual({ seed: 5, static: 77 });
    },
    startsPrism,
  );

  test.each([
    [
      "a seed that breaks the spec",
      ["--seed", "bad.json"],
      "mock: seed.groups[0].members[0].id: must be integer",
    ],
    [
      "a seed file that is not there",
      ["--seed", "none.json"],
      "mock: --seed none.json: cannot be read (ENOENT)",
    ],
    [
      "--seed with --static",
      ["--seed", "good.json", "--static"],
      "mock: --seed gives the state a start; --static has no state: choose one",
    ],
  ])(
    "%s is refused in one line, exit code 1",
    async (_why, args, line) => {
      const child = spawn(process.execPath, [script("mock.mjs"), "--port", "0", ...args], { cwd: dir });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise((done) => child.once("close", done));
      expect(code).toBe(1);
      expect(stderr.trim().split("\n")).toEqual([line]);
    },
    startsPrism,
  );
});

describe.each(["mock.mjs", "start.mjs", "example.mjs"])("node scripts/%s", (name) => {
  test("--help prints the usage and exits 0 without starting anything", async () => {
    const { code, stdout } = await runToEnd(name, ["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm /);
    expect(stdout).not.toContain("Starting Prism");
  });

  test("an unknown flag (--prot 5000) is refused in one line, exit code 1", async () => {
    const { code, stdout, stderr } = await runToEnd(name, ["--prot", "5000"]);
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/: unknown option --prot \(--help/)]);
    expect(stdout).not.toContain("Starting Prism");
  });
});

describe("npm start", () => {
  test("serves the mock and build/docs, never a file outside it; 300 aborted downloads under ulimit -n 256 leak nothing", async () => {
    // The limit is set in the shell that then becomes the script (exec), as a user would.
    const start = await run(
      "sh",
      ["-c", `ulimit -n 256 && exec "${process.execPath}" scripts/start.mjs`],
      { PORT: "0", DOCS_PORT: "0" },
      /Ctrl-C/,
    );
    try {
      const docs = docsLine.exec(start.output())![1]!;
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

      const pid = start.child.pid!;
      const before = openFiles(pid);
      for (let batch = 0; batch < 15; batch++) {
        await Promise.all(Array.from({ length: 20 }, () => abortedDownload(docs, "/index.html")));
      }
      // Every aborted download's file is closed once the server has seen the client go.
      expect(await eventually(() => openFiles(pid) <= before + 2)).toBe(true);
      expect(alive(pid)).toBe(true);
      expect((await rawGet(docs, "/index.html", "HEAD")).status).toBe(200);
      const groups = await fetch(`${mock}/groups`, {
        headers: { [spec.auth.header]: "t", "Content-Type": spec.contentType },
      });
      expect(groups.status).toBe(200);
      expect(groups.headers.get("sl-violations")).toBeNull();
      await groups.text();

      start.child.kill("SIGTERM");
      expect(await start.exit).toBe(0);
      expect(await listening(docs)).toBe(false);
      expect(await listening(mock)).toBe(false);
    } finally {
      start.child.kill("SIGKILL");
    }
  }, 180_000);

  /** `npm start` on free ports: npm's process, the script's PID and the two URLs. */
  async function npmStart() {
    const npm = await run("npm", ["start"], { PORT: "0", DOCS_PORT: "0" }, /Ctrl-C/);
    const urls = [docsLine.exec(npm.output())![1]!, mockLine.exec(npm.output())![1]!];
    return { npm, pid: Number(startPid.exec(npm.output())![1]), urls };
  }

  /** Nothing is left: the script's process is gone and neither port accepts a connection. */
  async function expectAllGone(pid: number, urls: string[]) {
    expect(await eventually(() => !alive(pid))).toBe(true);
    for (const url of urls) expect(await listening(url)).toBe(false);
  }

  test.each(["SIGTERM", "SIGINT"] as const)(
    "%s to npm's own PID stops the script and frees both ports",
    async (signal) => {
      const { npm, pid, urls } = await npmStart();
      try {
        expect(await listening(urls[0]!)).toBe(true);
        npm.child.kill(signal);
        await npm.exit;
        await expectAllGone(pid, urls);
      } finally {
        npm.child.kill("SIGKILL");
        if (alive(pid)) process.kill(pid, "SIGKILL");
      }
    },
    120_000,
  );

  test.each([
    ["SIGKILL of the start script", "script"],
    ["SIGKILL of npm (the script sees its parent go)", "npm"],
  ] as const)(
    "%s leaves no server behind",
    async (_, victim) => {
      const { npm, pid, urls } = await npmStart();
      try {
        if (victim === "script") process.kill(pid, "SIGKILL");
        else npm.child.kill("SIGKILL");
        await expectAllGone(pid, urls);
      } finally {
        npm.child.kill("SIGKILL");
        if (alive(pid)) process.kill(pid, "SIGKILL");
      }
    },
    120_000,
  );
});

// The bin as a CI script runs it: `npx sendbird-desk-mock & ...; kill $!` signals npx, which
// runs the bin through a shell and passes no signal on; a launcher may also be killed outright.
// Either way the mock must stop, or the next run finds its port taken.
describe("npx sendbird-desk-mock", () => {
  let app: string;

  beforeAll(() => {
    // A project with the package's bin linked where npm puts it (npx finds it offline).
    app = mkdtempSync(join(tmpdir(), "desk-npx-"));
    mkdirSync(join(app, "node_modules", ".bin"), { recursive: true });
    symlinkSync(
      join(root, "bin", "sendbird-desk-mock.mjs"),
      join(app, "node_modules", ".bin", "sendbird-desk-mock"),
    );
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "npx-app", private: true }));
  });

  afterAll(() => rmSync(app, { recursive: true, force: true }));

  test.each(["SIGTERM", "SIGKILL"] as const)(
    "%s to npx's own PID stops the mock and frees its port",
    async (signal) => {
      const child = spawn("npx", ["--offline", "sendbird-desk-mock", "--port", "0"], {
        cwd: app,
        env: { ...process.env, ...loopback },
      });
      let output = "";
      // "exit", not "close": a mock left behind would hold npx's output open.
      const exit = new Promise((done) => child.once("exit", done));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout.on("data", (chunk: Buffer) => {
            output += chunk.toString();
            const found = /sendbird-desk-mock: (http:\/\/\S+)/.exec(output);
            if (found) resolve(found[1]!);
          });
          exit.then(() => reject(new Error(`npx exited before the mock was up:\n${output}`)));
        });
        const stateful = await fetch(`${url}/groups/999999`, { headers: { [spec.auth.header]: "t" } });
        expect(stateful.status).toBe(404);
        await stateful.text();
        child.kill(signal);
        await exit;
        expect(await eventually(async () => !(await listening(url)))).toBe(true);
      } finally {
        child.kill("SIGKILL");
      }
    },
    startsPrism,
  );
});
