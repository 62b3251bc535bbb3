// What the client itself reads from a 2xx answer, checked in every `validateResponses` mode
// ("off" included): a resource is an object, and a page is one the walk can follow safely, its
// items told apart by integer IDs and its `next` null or a readable link. The spec's full
// schema is checked apart (answer-check.ts), by mode. Messages quote no value of the answer.
import type { Violation } from "./answer-check.js";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Empty when the body is a JSON object; else why not. */
export function objectViolations(body: unknown): Violation[] {
  return isObject(body) ? [] : [{ path: "", message: "must be object" }];
}

/** Empty when the walk can follow the page: `results` of objects with integer `id`s, a `next`
 *  that is null or a URL (absolute or relative) it can parse, a numeric `count` if any. */
export function pageViolations(body: unknown): Violation[] {
  if (!isObject(body)) return objectViolations(body);
  const violations: Violation[] = [];
  const { results, next, count } = body;
  if (!Array.isArray(results)) violations.push({ path: "results", message: "must be array" });
  else {
    results.forEach((item: unknown, i) => {
      if (!isObject(item)) violations.push({ path: `results/${i}`, message: "must be object" });
      else if (!Object.hasOwn(item, "id"))
        violations.push({ path: `results/${i}/id`, message: "is required" });
      else if (!Number.isSafeInteger(item.id))
        violations.push({ path: `results/${i}/id`, message: "must be integer" });
    });
  }
  if (next !== null && !(typeof next === "string" && URL.canParse(next, "http://x"))) {
    violations.push({ path: "next", message: "must be null or a URL" });
  }
  if (count !== undefined && typeof count !== "number")
    violations.push({ path: "count", message: "must be number" });
  return violations;
}
