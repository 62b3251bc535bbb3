// Input checks, run before anything is sent. Bounds come from the spec through generated/.
import * as spec from "../generated/spec.js";
import { DeskValidationError } from "./errors.js";
import type { AgentId, GroupId, ListGroupsParams, RequestOptions } from "./types.js";

const { limit, offset, group_id } = spec.parameters;
const agentRules = spec.agentId;
const agentPattern = new RegExp(agentRules.string.pattern);

function integerIn(field: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    const rule = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new DeskValidationError(field, value, `must be ${rule}`);
  }
}

/** Checks `limit` and `offset` for listing groups. */
export function checkListParams(params: ListGroupsParams | undefined): void {
  if (params === undefined) return;
  if (typeof params !== "object" || params === null) {
    throw new DeskValidationError("params", params, "must be an object such as { limit, offset }");
  }
  for (const key of Object.keys(params)) {
    if (key !== "limit" && key !== "offset") throw new DeskValidationError(key, params[key as keyof ListGroupsParams], "is not a parameter of listGroups (limit, offset)");
  }
  if (params.limit !== undefined) integerIn("limit", params.limit, limit.minimum, limit.maximum);
  if (params.offset !== undefined) integerIn("offset", params.offset, offset.minimum);
}

/** Checks a group ID: a positive safe integer. */
export function checkGroupId(groupId: GroupId): void {
  integerIn("groupId", groupId, group_id.minimum, group_id.maximum);
}

/** Checks an agent ID: a positive integer, or its decimal digits as a string. */
export function checkAgentId(agentId: AgentId): void {
  if (typeof agentId === "number") return integerIn("agentId", agentId, agentRules.integer.minimum, agentRules.integer.maximum);
  const { minLength, maxLength, pattern } = agentRules.string;
  if (typeof agentId !== "string" || agentId.length < minLength || agentId.length > maxLength || !agentPattern.test(agentId)) {
    throw new DeskValidationError(
      "agentId",
      agentId,
      `must be a positive integer, or a string of ${minLength} to ${maxLength} characters matching ${pattern}`,
    );
  }
}

/** Checks the per-call options. */
export function checkRequestOptions(options: RequestOptions | undefined): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null) {
    throw new DeskValidationError("options", options, "must be an object such as { signal, timeoutMs, maxRetries }");
  }
  checkTimeout(options.timeoutMs);
  checkMaxRetries(options.maxRetries);
  if (options.signal !== undefined && !(typeof options.signal === "object" && options.signal !== null && "aborted" in options.signal)) {
    throw new DeskValidationError("signal", options.signal, "must be an AbortSignal");
  }
}

/** Checks `timeoutMs`: a positive number of milliseconds that a timer can hold. */
export function checkTimeout(value: unknown): void {
  if (value !== undefined && (typeof value !== "number" || !(value > 0) || value > 2_147_483_647)) {
    throw new DeskValidationError("timeoutMs", value, "must be a number of milliseconds from 1 to 2147483647");
  }
}

/** Checks `maxRetries`: an integer from 0 to 10. */
export function checkMaxRetries(value: unknown): void {
  if (value !== undefined) integerIn("maxRetries", value, 0, 10);
}

/** openapi-fetch's path serializer, hardened: a missing, empty, `.` or `..` value would
 *  send a literal `{name}` or let the URL collapse to another path, so it is refused. */
export function serializePath(url: string, values: Record<string, unknown>): string {
  return url.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (typeof value !== "string" && typeof value !== "number") {
      throw new DeskValidationError(name, value, "a path value is required (a string or a number)");
    }
    const text = String(value);
    if (text === "" || text === "." || text === "..") {
      throw new DeskValidationError(name, value, 'must not be "", "." or "..", which would change the path');
    }
    return encodeURIComponent(text);
  });
}
