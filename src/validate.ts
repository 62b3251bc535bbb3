// Input checks, run before anything is sent. Bounds come from the spec through generated/.
import * as spec from "../generated/spec.js";
import { DeskValidationError } from "./errors.js";
import type { AgentId, GroupId, ListGroupsParams, RequestOptions } from "./types.js";

const { limit, offset, group_id: groupIdRule } = spec.parameters;
const agent = spec.agentId;
const agentPattern = new RegExp(agent.string.pattern);

function fail(field: string, value: unknown, rule: string): never {
  throw new DeskValidationError(field, value, rule);
}

/** Throws unless `value` is a safe integer from `min` to `max`. */
export function checkInteger(field: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    fail(field, value, `must be an integer from ${min} to ${max}`);
  }
}

function checkObject(field: string, value: unknown): void {
  if (value !== undefined && (typeof value !== "object" || value === null)) fail(field, value, "must be an object");
}

/** Checks `limit` and `offset` for listing groups; any other key is refused (a typo would be dropped silently). */
export function checkListParams(params: ListGroupsParams | undefined): void {
  checkObject("params", params);
  if (!params) return;
  for (const key of Object.keys(params)) {
    if (key !== "limit" && key !== "offset") fail(key, (params as Record<string, unknown>)[key], "is not a parameter of list (limit, offset)");
  }
  if (params.limit !== undefined) checkInteger("limit", params.limit, limit.minimum, limit.maximum);
  if (params.offset !== undefined) checkInteger("offset", params.offset, offset.minimum);
}

/** Checks a group ID: a positive safe integer. */
export function checkGroupId(groupId: GroupId): void {
  checkInteger("groupId", groupId, groupIdRule.minimum, groupIdRule.maximum);
}

/** Checks an agent ID: a positive integer, or its decimal digits as a string. */
export function checkAgentId(agentId: AgentId): void {
  if (typeof agentId === "number") return checkInteger("agentId", agentId, agent.integer.minimum, agent.integer.maximum);
  const { minLength, maxLength, pattern } = agent.string;
  if (typeof agentId !== "string" || agentId.length < minLength || agentId.length > maxLength || !agentPattern.test(agentId)) {
    fail("agentId", agentId, `must be a positive integer, or a string of ${minLength} to ${maxLength} characters matching ${pattern}`);
  }
}

/** Checks `timeoutMs` and `maxRetries`, per call or per client. */
export function checkPatience(options: { timeoutMs?: unknown; maxRetries?: unknown }): void {
  const { timeoutMs, maxRetries } = options;
  if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && timeoutMs >= 1 && timeoutMs <= 2_147_483_647)) {
    fail("timeoutMs", timeoutMs, "must be a number of milliseconds from 1 to 2147483647");
  }
  if (maxRetries !== undefined) checkInteger("maxRetries", maxRetries, 0, 10);
}

/** Checks the per-call options. */
export function checkRequestOptions(options: RequestOptions | undefined): void {
  checkObject("options", options);
  if (!options) return;
  checkPatience(options);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) fail("signal", options.signal, "must be an AbortSignal");
}

/** openapi-fetch's path serializer, hardened: a missing, empty, `.` or `..` value would
 *  send a literal `{name}` or let the URL collapse to another path, so it is refused. */
export function serializePath(url: string, values: Record<string, unknown>): string {
  return url.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
    const value = values[name];
    const text = typeof value === "string" || typeof value === "number" ? String(value) : "";
    if (text === "" || text === "." || text === "..") fail(name, value, 'needs a value other than "", "." and ".."');
    return encodeURIComponent(text);
  });
}
