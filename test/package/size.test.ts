// A guard against accidental bloat (a dependency bundled by mistake), not a target: the
// built ESM entry bundled with openapi-fetch, minified and gzipped. BENCHMARKS.md reports
// the figure each run.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

/** Well above today's bundle (16.8 kB, with the answer validators generated from the spec, the
 *  rate limiter and the masking of every encoding); a dependency pulled in by mistake (Ajv's
 *  runtime alone is larger than the whole client) would cross it. */
const BLOAT_GUARD_BYTES = 20_000;

it(`keeps the client with openapi-fetch under ${BLOAT_GUARD_BYTES} B min+gz`, () => {
  const root = join(__dirname, "..", "..");
  const out = execFileSync(process.execPath, [join(root, "scripts", "size.mjs"), "--json"], {
    encoding: "utf8",
  });
  const sizes = JSON.parse(out);
  expect(sizes.openapiFetch.gzipped).toBeGreaterThan(1000);
  expect(sizes.client.gzipped).toBeGreaterThan(sizes.openapiFetch.gzipped);
  expect(sizes.client.gzipped).toBeLessThanOrEqual(BLOAT_GUARD_BYTES);
});
