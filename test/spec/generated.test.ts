// generated/ is what scripts/generate.mjs makes of spec/ today: a fresh run into a scratch
// folder must give the committed bytes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "../helpers/spec";

let fresh: string;
beforeAll(() => {
  fresh = mkdtempSync(join(tmpdir(), "desk-drift-"));
  execFileSync(process.execPath, [join(root, "scripts", "generate.mjs"), "--out", fresh], {
    cwd: root,
    stdio: "pipe",
  });
}, 60_000);
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

it("writes the same files as are committed", () => {
  expect(readdirSync(fresh).sort()).toEqual(readdirSync(join(root, "generated")).sort());
});

it.each(["openapi.json", "openapi.ts", "spec.ts", "answers.ts"])(
  "%s is up to date with spec/ (run `npm run generate`)",
  (file) => {
    const committed = readFileSync(join(root, "generated", file), "utf8");
    expect(readFileSync(join(fresh, file), "utf8") === committed).toBe(true);
  },
);

it.each(["openapi.ts", "spec.ts", "answers.ts"])("%s says it must not be edited", (file) => {
  expect(readFileSync(join(root, "generated", file), "utf8").slice(0, 300)).toMatch(
    /[Dd]o not (make direct changes|edit)/,
  );
});
