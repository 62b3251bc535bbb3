// The release process works here, offline: Changesets turns a pending note into a version bump
// and a CHANGELOG.md section, and the prepublishOnly gate refuses to publish while a note is
// pending or when CHANGELOG.md does not describe the version. Each test works on a scratch
// copy of the release files, never on the repository's own.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "../helpers/spec";

const changesetBin = join(root, "node_modules", "@changesets", "cli", "bin.js");
const note = "A fix users can notice.";

let scratch: string;
const read = (file: string) => readFileSync(join(scratch, file), "utf8");
const version = () => JSON.parse(read("package.json")).version as string;
const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: scratch, encoding: "utf8" });
const prepublish = () => node([join(scratch, "scripts", "prepublish.mjs"), "--checks-only"]);

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "desk-release-"));
  const scripts = ["scripts/prepublish.mjs", "scripts/lib/root.mjs", "scripts/lib/command-line.mjs"];
  for (const file of ["package.json", "CHANGELOG.md", ...scripts]) {
    mkdirSync(join(scratch, file, ".."), { recursive: true });
    cpSync(join(root, file), join(scratch, file));
  }
  mkdirSync(join(scratch, ".changeset"));
  for (const file of ["config.json", "README.md"])
    cpSync(join(root, ".changeset", file), join(scratch, ".changeset", file));
  symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"), "dir");
  // The only pending note is this test's own, so the expected bump does not depend on the repository's.
  writeFileSync(
    join(scratch, ".changeset", "test-note.md"),
    `---\n"sendbird-desk-platform": patch\n---\n\n${note}\n`,
  );
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const patchOf = (v: string) => v.replace(/\d+$/, (patch) => String(Number(patch) + 1));

it("the gate refuses to publish while a changeset is pending", () => {
  const run = prepublish();
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("1 changeset(s) pending in .changeset/ (test-note.md)");
  expect(run.stderr).toContain("npm run version-packages");
});

it("changeset version bumps the version and writes the note into CHANGELOG.md, offline", () => {
  const before = version();
  const run = node([changesetBin, "version"]);
  expect(run.status).toBe(0);
  expect(version()).toBe(patchOf(before));
  const changelog = read("CHANGELOG.md");
  const sections = [...changelog.matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
  expect(sections.slice(0, 2)).toEqual([patchOf(before), before]);
  expect(changelog.slice(0, changelog.indexOf(`## ${before}`))).toContain(note);
  expect(readdirSync(join(scratch, ".changeset")).sort()).toEqual(["README.md", "config.json"]);
});

it("the gate's checks pass once the version is written", () => {
  const run = prepublish();
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
});

it("the gate refuses a version CHANGELOG.md does not describe", () => {
  const manifest = JSON.parse(read("package.json"));
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ ...manifest, version: "9.9.9" }));
  const run = prepublish();
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('CHANGELOG.md has no "## 9.9.9" section');
});
