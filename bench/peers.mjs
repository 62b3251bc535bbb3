// The peers the client is measured against live in the benchmark's own folder (bench/package.json
// and its lockfile, every version pinned), so the package's devDependencies stay lean. They are
// installed with `npm ci --prefix bench` when one is missing or not at its pinned version.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/** The pinned peers whose installed copy is missing or at another version. */
function stale(benchDir) {
  const { dependencies } = readJson(join(benchDir, "package.json"));
  return Object.entries(dependencies).filter(([name, pin]) => {
    const installed = join(benchDir, "node_modules", name, "package.json");
    return !existsSync(installed) || readJson(installed).version !== pin;
  });
}

/** Installs the benchmark's peers from its lockfile unless they are already in place. */
export function ensurePeers(benchDir, log) {
  const missing = stale(benchDir);
  if (missing.length === 0) return;
  log(`   installing the peers (npm ci --prefix bench): ${missing.map(([name]) => name).join(", ")}`);
  const npm = spawnSync("npm", ["ci", "--prefix", benchDir, "--no-audit", "--no-fund"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (npm.status !== 0) throw new Error("npm ci --prefix bench failed (see above)");
  const still = stale(benchDir);
  if (still.length > 0)
    throw new Error(`peers still missing after npm ci: ${still.map(([n]) => n).join(", ")}`);
}
