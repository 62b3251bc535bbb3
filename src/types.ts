// Public names for the generated types: aliases only, never hand-written shapes.
import type { components, operations, paths } from "../generated/openapi.js";

export type { components, operations, paths };

/** A group (a "Team" on the Dashboard), as listed. */
export type Group = components["schemas"]["Group"];
/** A group with the agents that are its members. */
export type GroupWithMembers = components["schemas"]["GroupWithMembers"];
/** An agent as listed among a group's members. */
export type Agent = components["schemas"]["Agent"];
/** One page of groups: `count`, `previous`, `next`, `results`. */
export type GroupList = components["schemas"]["GroupList"];
/** The body of an error answer (permissive: `message`, `detail`, `code`, `error`, more). */
export type ErrorBody = components["schemas"]["Error"];
/** An agent ID: a positive integer, or its decimal digits as a string. */
export type AgentId = components["schemas"]["MembershipRequest"]["agentId"];
/** A group ID. */
export type GroupId = operations["getGroup"]["parameters"]["path"]["group_id"];
/** `limit` and `offset` for listing groups. */
export type ListGroupsParams = NonNullable<operations["listGroups"]["parameters"]["query"]>;

/** Per-call options, accepted last by every method. */
export interface RequestOptions {
  /** Aborts the call at once; an aborted call is never retried. */
  signal?: AbortSignal;
  /** Time allowed for each attempt, in milliseconds (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /** How many times a failed attempt may be retried (default: the client's `maxRetries`). */
  maxRetries?: number;
}
