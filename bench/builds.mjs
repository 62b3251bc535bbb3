// The builds of the client a run measures: this checkout's dist/, a second copy of it loaded
// from a scratch folder (the A/A control: same code, separately loaded, so any difference
// between the two is the benchmark's own noise), and optionally the client of another git
// ref, built in a scratch folder with this checkout's node_modules, to compare side by side.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The built entry, relative to a checkout. */
const ENTRY = join("dist", "index.mjs");

/** Runs a command to success in `cwd`, returning its stdout; throws with its output otherwise. */
function run(cmd, args, cwd, options = {}) {
  const result = spawnSync(cmd, args, { cwd, encoding: "utf8", ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${result.stdout ?? ""}${result.stderr ?? ""}`);
  }
  return result.stdout;
}

/** A checkout's client, imported from its built entry; `describe` says which build it is. */
async function load(label, dir, describe) {
  const entry = join(dir, ENTRY);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const { createDeskClient } = await import(pathToFileURL(entry).href);
  return { label, describe, entry, createDeskClient };
}

/** `git archive` of `ref` into `dir`, built there with `npm run build`. */
function buildRef(root, ref, dir, log) {
  const found = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], {
    cwd: root,
    encoding: "utf8",
  });
  if (found.status !== 0)
    throw new Error(`--baseline: ${JSON.stringify(ref)} names no commit of this repository`);
  const commit = found.stdout.trim();
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync("git", ["archive", "--format=tar", commit], { cwd: root, maxBuffer: 2 ** 30 });
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr}`);
  run("tar", ["-x", "-C", dir], root, { input: archive.stdout, encoding: "buffer" });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  log(`   building the client of ${ref} (${commit.slice(0, 12)}) in a scratch folder`);
  run("npm", ["run", "-s", "build"], dir);
  return commit;
}

/** Loads the builds; `baseline` is a git ref or undefined. `cleanup()` removes the scratch folder. */
export async function loadBuilds({ root, baseline, log }) {
  const scratch = mkdtempSync(join(tmpdir(), "desk-bench-"));
  const cleanup = () => rmSync(scratch, { recursive: true, force: true });
  try {
    const copy = join(scratch, "copy");
    cpSync(join(root, "dist"), join(copy, "dist"), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(copy, "node_modules"), "dir");
    const builds = {
      current: await load("desk", root, "this checkout's `dist/`"),
      copy: await load(
        "desk (A/A copy)",
        copy,
        "a copy of that `dist/` in a scratch folder (the A/A control)",
      ),
    };
    if (baseline !== undefined) {
      const dir = join(scratch, "baseline");
      const commit = buildRef(root, baseline, dir, log);
      const built = await load(`desk @ ${baseline}`, dir, `\`${baseline}\`, built in a scratch folder`);
      builds.baseline = { ...built, ref: baseline, commit };
    }
    return { builds, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
