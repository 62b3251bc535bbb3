// The testers' story as the ecosystem's own workflow runner sees it: Redocly Respect runs the
// Arazzo description the package ships (testing/desk-story.arazzo.yaml) against the suite's
// stateful mock, checking each step's criteria (the state: add, view, remove, view again) and
// each answer's status, content type and schema against the spec. The static mock fails it.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { root } from "../helpers/spec.js";
import { mockUrl } from "./mock.js";

const story = join(root, "testing", "desk-story.arazzo.yaml");
const redocly = join(root, "node_modules", "@redocly", "cli", "bin", "cli.js");

test("redocly respect runs the shipped story against the stateful mock: every step and check passes", async () => {
  const run = await promisify(execFile)(
    process.execPath,
    [redocly, "respect", story, "--server", `desk=${mockUrl()}`, "--input", `session=arazzo-${randomUUID()}`],
    { cwd: root, timeout: 90_000, env: { ...process.env, NO_COLOR: "1", REDOCLY_TELEMETRY: "off" } },
  ).catch((error: { stdout: string; stderr: string; code: number }) => error);
  const output = `${run.stdout}\n${run.stderr}`;
  const steps = [...output.matchAll(/✓ \w+ \S+ - step (\w+)/g)].map((m) => m[1]);
  expect(steps).toEqual([
    "firstPage",
    "secondPage",
    "addAgent",
    "viewGroup",
    "removeAgent",
    "viewAgain",
    "errorThroughPrefer",
    "unknownGroup",
  ]);
  expect(output).toMatch(/Workflows: 1 passed, 1 total/);
  expect(output).not.toContain("✗");
}, 120_000);

test("the package ships the story for testers to extend", () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  expect(manifest.files).toContain("testing/desk-story.arazzo.yaml");
  // It names the spec the package ships, by its path in the package.
  expect(readFileSync(story, "utf8")).toContain("url: ../generated/openapi.json");
});
