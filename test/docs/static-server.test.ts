// The docs server `npm start` runs (scripts/lib/static-server.mjs), in a child process on a
// free loopback port over a small folder shaped like build/docs: a folder asked for without
// its trailing slash is redirected to it, so its page's relative assets load.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { root } from "../helpers/spec";

let dir: string;
let child: ChildProcess;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "desk-static-"));
  mkdirSync(join(dir, "client", "assets"), { recursive: true });
  writeFileSync(join(dir, "index.html"), "<p>api</p>");
  writeFileSync(join(dir, "client", "index.html"), '<link rel="stylesheet" href="assets/style.css">');
  writeFileSync(join(dir, "client", "assets", "style.css"), "body {}");
  const server = join(root, "scripts", "lib", "static-server.mjs");
  const script = `import { createStaticServer, listen } from ${JSON.stringify(server)};
console.log(await listen(createStaticServer(${JSON.stringify(dir)}), "127.0.0.1", 0));`;
  child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  origin = line.toString().trim();
}, 30_000);

afterAll(async () => {
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${origin}${path}`, { redirect: "manual" });

it("redirects a folder without its slash to the folder, query kept", async () => {
  const moved = await get("/client");
  expect(moved.status).toBe(301);
  expect(moved.headers.get("location")).toBe("/client/");
  expect((await get("/client?x=1")).headers.get("location")).toBe("/client/?x=1");
});

it("serves the folder's page at its slash, and the asset its relative link names", async () => {
  const page = await get("/client/");
  expect(page.status).toBe(200);
  const href = /href="([^"]+)"/.exec(await page.text())![1]!;
  const asset = await get(new URL(href, `${origin}/client/`).pathname);
  expect(asset.status).toBe(200);
  expect(asset.headers.get("content-type")).toMatch(/^text\/css/);
});

it("sends text gzipped to a client that accepts it, whole to one that does not", async () => {
  const html = "<p>" + "the API reference ".repeat(2000) + "</p>";
  writeFileSync(join(dir, "big.html"), html);
  const raw = await get("/big.html"); // node's fetch asks for gzip and decodes it
  expect(raw.headers.get("content-encoding")).toBe("gzip");
  expect(await raw.text()).toBe(html);
  const whole = await fetch(`${origin}/big.html`, { headers: { "accept-encoding": "identity" } });
  expect(whole.headers.get("content-encoding")).toBeNull();
  expect(whole.headers.get("content-length")).toBe(String(Buffer.byteLength(html)));
  expect(await whole.text()).toBe(html);
});

it("keeps a redirect on this server, and files and missing paths as before", async () => {
  expect((await get("//evil.example/client")).headers.get("location")).toBe("/client/");
  expect((await get("/index.html")).status).toBe(200);
  expect((await get("/client/index.html")).status).toBe(200);
  expect((await get("/nothing")).status).toBe(404);
});
