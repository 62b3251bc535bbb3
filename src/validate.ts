// Input checks, run before anything is sent. Bounds come from the spec through generated/.
import * as spec from "../generated/spec.js";
import { DeskValidationError } from "./errors.js";
import type { AgentId, GroupId, ListGroupsParams, RequestOptions } from "./types.js";

const { limit, offset } = spec.operations.listGroups.parameters.query;
const groupIdRule = spec.operations.getGroup.parameters.path.group_id;
const [agentInteger, agentString] = spec.operations.addGroupMember.body.fields.agentId.oneOf;
const agent = { integer: agentInteger, string: agentString };
const agentPattern = new RegExp(agent.string.pattern);

/** Throws `DeskValidationError` (field, value, rule) unless `ok`; a secret value is not shown. */
export function check(ok: unknown, field: string, value: unknown, rule: string, secret?: boolean): void {
  if (!ok) throw new DeskValidationError(field, value, rule, { secret });
}

/** Throws unless `value` is a safe integer from `min` to `max`. */
function checkInteger(
  field: string,
  value: unknown,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
): void {
  if (!(Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max)) {
    check(0, field, value, `must be an integer from ${min} to ${max}`);
  }
}

const checkObject = (field: string, value: unknown) =>
  check(
    value === undefined || (typeof value === "object" && value !== null),
    field,
    value,
    "must be an object",
  );

/** Checks `limit` and `offset` for listing groups; any other key is refused (a typo would be dropped silently). */
export function checkListParams(params: ListGroupsParams | undefined): void {
  checkObject("params", params);
  const { limit: l, offset: o, ...rest } = params ?? {};
  for (const key in rest)
    check(0, key, (rest as Record<string, unknown>)[key], "list takes only limit and offset");
  if (l !== undefined) checkInteger("limit", l, limit.minimum, limit.maximum);
  if (o !== undefined) checkInteger("offset", o, offset.minimum);
}

/** Checks a group ID: a positive safe integer. */
export function checkGroupId(groupId: GroupId): void {
  checkInteger("groupId", groupId, groupIdRule.minimum, groupIdRule.maximum);
}

/** Checks an agent ID: a positive integer, or its decimal digits as a string. */
export function checkAgentId(agentId: AgentId): void {
  if (typeof agentId === "number")
    return checkInteger("agentId", agentId, agent.integer.minimum, agent.integer.maximum);
  const { minLength, maxLength, pattern } = agent.string;
  if (
    !(
      typeof agentId === "string" &&
      agentId.length >= minLength &&
      agentId.length <= maxLength &&
      agentPattern.test(agentId)
    )
  ) {
    check(
      0,
      "agentId",
      agentId,
      `must be a positive integer, or ${minLength} to ${maxLength} characters matching ${pattern}`,
    );
  }
}

/** Checks the per-call options, or the client's (which share `timeoutMs` and `maxRetries`). */
export function checkRequestOptions(options: RequestOptions | undefined): void {
  checkObject("options", options);
  const { timeoutMs, maxRetries, signal } = options ?? {};
  check(
    timeoutMs === undefined || (typeof timeoutMs === "number" && timeoutMs >= 1 && timeoutMs <= 2 ** 31 - 1),
    "timeoutMs",
    timeoutMs,
    "must be a number from 1 to 2147483647",
  );
  if (maxRetries !== undefined) checkInteger("maxRetries", maxRetries, 0, 10);
  check(signal === undefined || signal instanceof AbortSignal, "signal", signal, "must be an AbortSignal");
}

/** openapi-fetch's path serializer, hardened: a missing, empty, `.` or `..` value would
 *  send a literal `{name}` or let the URL collapse to another path, so it is refused. */
export function serializePath(url: string, values: Record<string, unknown>): string {
  return url.replace(/\{([^{}]+)\}/g, (_match, name: string) => {
    const value = values[name];
    const text = typeof value === "string" || typeof value === "number" ? String(value) : "";
    check(!/^\.{0,2}$/.test(text), name, value, 'must not be "", "." or ".."');
    return encodeURIComponent(text);
  });
}
