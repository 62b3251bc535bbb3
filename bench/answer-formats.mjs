// What checking a page's formats would cost: JSON.parse of a 500-group page (twice, the A/A
// control), and JSON.parse followed by the page's validator as the client ships it (no format
// checks), then with ajv-formats' `date-time` and `uri` checks in its "fast" (regular
// expressions) and "full" (dates checked as dates) modes. Validators compiled in process with
// the options scripts/generate.mjs writes the shipped ones with; timed in paired rounds.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import addFormats from "ajv-formats";
import { compileAnswers } from "../scripts/lib/answer-validators.mjs";
import { root } from "../scripts/lib/root.mjs";
import { pairedRounds } from "./pairing.mjs";
import { group } from "./payloads.mjs";

export const PARSE = "JSON.parse";
export const PARSE_AGAIN = "JSON.parse, again (A/A)";
export const SHIPPED = "parse + check as shipped (no formats)";
export const FAST = 'parse + check + formats "fast"';
export const FULL = 'parse + check + formats "full"';

/** A page of `limit` groups shaped like the stand-in server's, as text. */
function pageText(limit) {
  const origin = "http://127.0.0.1:4010";
  return JSON.stringify({
    count: 100_000,
    previous: `${origin}/groups?limit=${limit}&offset=0`,
    next: `${origin}/groups?limit=${limit}&offset=${2 * limit}`,
    results: Array.from({ length: limit }, (_, i) => group(limit + i + 1)),
  });
}

/** The listGroups validator, with the format checks `mode` adds (none when undefined). */
function pageValidator(spec, mode) {
  const formats = mode && ((ajv) => addFormats(ajv, { mode, formats: ["date-time", "uri"] }));
  const { ajv, ids, byOperation } = compileAnswers(spec, { formats });
  return ajv.getSchema(ids[byOperation.listGroups]);
}

/** Per contender, µs per page of each paired round; and the page's size. */
export async function benchFormats({ limit, rounds, parsesPerBlock }) {
  const spec = JSON.parse(readFileSync(join(root, "generated", "openapi.json"), "utf8"));
  const text = pageText(limit);
  const check = {
    shipped: pageValidator(spec),
    fast: pageValidator(spec, "fast"),
    full: pageValidator(spec, "full"),
  };
  for (const [name, validate] of Object.entries(check)) {
    if (!validate(JSON.parse(text)))
      throw new Error(`${name}: the page fails: ${JSON.stringify(validate.errors)}`);
  }
  const repeat = (fn) => async () => {
    for (let i = 0; i < parsesPerBlock; i++) fn();
  };
  const blocks = {
    [PARSE]: repeat(() => JSON.parse(text)),
    [PARSE_AGAIN]: repeat(() => JSON.parse(text)),
    [SHIPPED]: repeat(() => check.shipped(JSON.parse(text))),
    [FAST]: repeat(() => check.fast(JSON.parse(text))),
    [FULL]: repeat(() => check.full(JSON.parse(text))),
  };
  await pairedRounds(blocks, { rounds: Math.ceil(rounds / 10), divisor: parsesPerBlock }); // warm-up
  const samples = await pairedRounds(blocks, { rounds, divisor: parsesPerBlock, seed: 7 });
  return { samples, pageBytes: Buffer.byteLength(text), limit };
}
