// openapi-fetch's path serializer, hardened: a missing, empty, `.` or `..` value would send
// a literal `{name}` or let the URL collapse to another path (`/groups/..` is the
// collection), so it is refused before anything is sent. The resource methods check their
// values against the spec first; this is what holds for `desk.raw`.
import { fail } from "./validate.js";

/** A path value that would not name a path segment of its own. */
const DOT_SEGMENT_OR_EMPTY = /^\.{0,2}$/;

/** Fills `{name}` placeholders of `path` with percent-encoded `values`. */
export function serializePath(path: string, values: Record<string, unknown>): string {
  return path.replace(/\{([^{}]+)\}/g, (_placeholder, name: string) => {
    const value = values[name];
    if (value === undefined || value === null)
      fail(name, value, "is required: every path parameter needs a value");
    if (typeof value !== "string" && typeof value !== "number")
      fail(name, value, "must be a string or a number");
    const text = String(value);
    if (DOT_SEGMENT_OR_EMPTY.test(text)) fail(name, value, 'must not be "", "." or ".."');
    return encodeURIComponent(text);
  });
}
