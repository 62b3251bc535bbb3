// The bundle a browser-style bundler ships for `import "sendbird-desk-platform"`: the
// built ESM entry with openapi-fetch, minified and gzipped. A byte count is deterministic
// for pinned tools, so it is asserted. The target is 6 kB; the client is about
// 7.5 kB (openapi-fetch alone is 2.9 kB, and most of the rest is the text of error
// messages that name field, value and rule), so this guards against growth while that
// target stays open (see BENCHMARKS.md).
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const BUDGET = 7_700;

it(`keeps the client with openapi-fetch at or under ${BUDGET} B min+gz`, () => {
  const root = join(__dirname, "..", "..");
  const out = execFileSync(process.execPath, [join(root, "scripts", "size.mjs"), "--json"], { encoding: "utf8" });
  const sizes = JSON.parse(out);
  expect(sizes.openapiFetch.gzipped).toBeGreaterThan(1000);
  expect(sizes.client.gzipped).toBeGreaterThan(sizes.openapiFetch.gzipped);
  expect(sizes.client.gzipped).toBeLessThanOrEqual(BUDGET);
});
