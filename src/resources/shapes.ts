// What a 2xx answer must look like before the client hands it over. Deliberately loose
// where the vendor's pages disagree (the spec accepts every documented variant); strict
// where the client itself relies on a field: pagination reads `results[].id` and `next`.
import type { Group, GroupList, GroupWithMembers } from "../types.js";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A group as the client needs it: an object. */
export const isGroupWithMembers = (body: unknown): body is GroupWithMembers => isObject(body);

/** An item the walk can tell apart from the others: an object with an integer `id`. */
const isListedGroup = (item: unknown): item is Group => isObject(item) && Number.isSafeInteger(item.id);

/** A `next` the walk can read: null, or a URL (absolute or relative) it can parse. */
const isNextLink = (next: unknown) =>
  next === null || (typeof next === "string" && URL.canParse(next, "http://x"));

/** A page of groups: `results` of identifiable groups, a readable `next`, a numeric `count`. */
export const isGroupList = (body: unknown): body is GroupList =>
  isObject(body) &&
  Array.isArray(body.results) &&
  body.results.every(isListedGroup) &&
  isNextLink(body.next) &&
  (body.count === undefined || typeof body.count === "number");
