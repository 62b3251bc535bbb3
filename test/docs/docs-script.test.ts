// scripts/docs.mjs --if-stale, the way `npm test`, `npm start` and the docs suites ask for the
// site: it builds nothing when the pages are as new as their sources, and a lock left by a
// build that was killed is taken over at once instead of waited for.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../helpers/spec";
import { builtDocs, docsDir } from "./built-docs";

const lock = `${docsDir}.lock`;

beforeAll(() => {
  builtDocs();
}, 120_000);

it("builds nothing when the site is as new as what it is built from", () => {
  expect(builtDocs()).toBe("docs: build/docs/index.html and build/docs/client/index.html are up to date\n");
});

it("takes over a lock whose build was killed, at once, and leaves no lock behind", async () => {
  // Another docs suite may hold the lock for a moment (its own --if-stale): wait for it first.
  await until(() => !existsSync(lock));
  const gone = spawnSync(process.execPath, ["-e", ""]).pid!; // a process that has ended
  mkdirSync(lock);
  try {
    writeFileSync(join(lock, "pid"), String(gone));
    // Were the dead holder taken for a live one, this would wait for ever: 30 s fails it.
    const printed = execFileSync(process.execPath, [join(root, "scripts", "docs.mjs"), "--if-stale"], {
      cwd: root,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(printed).toMatch(/are up to date\n$/);
    expect(await until(() => !existsSync(lock))).toBe(true);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}, 60_000);

/** Polls `check` every 50 ms until it holds, for 10 s at most; returns its last answer. */
async function until(check: () => boolean): Promise<boolean> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}
