// The built client compiles no code at run time, answer validators included: under Node's
// --disallow-code-generation-from-strings (what a CSP without 'unsafe-eval' does to eval and
// new Function), dist/ still checks a 2xx answer against the spec and lists its violations.
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { withMembers } from "../helpers/groups";

const root = join(__dirname, "..", "..");
let server: Server;
let url: string;
beforeAll(async () => {
  const { name: _name, ...nameless } = withMembers(7);
  const body = JSON.stringify({ ...nameless, members: "none" });
  server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

it("checks answers with code generation from strings disallowed", async () => {
  const entry = pathToFileURL(join(root, "dist", "index.mjs")).href;
  const script = `
    const { createDeskClient } = await import(${JSON.stringify(entry)});
    let evalRefused = false;
    try { new Function("return 1"); } catch { evalRefused = true; }
    const desk = createDeskClient({ baseUrl: ${JSON.stringify(url)}, apiToken: "t", validateResponses: "throw" });
    const error = await desk.groups.get(7).catch((e) => e);
    console.log(JSON.stringify({ evalRefused, name: error.name, violations: error.violations }));
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--disallow-code-generation-from-strings", "--input-type=module", "-e", script],
    { cwd: root },
  );
  expect(JSON.parse(stdout)).toEqual({
    evalRefused: true,
    name: "DeskInvalidResponseError",
    violations: [
      { path: "name", message: "is required" },
      { path: "members", message: "must be array" },
    ],
  });
});
