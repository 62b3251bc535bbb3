// The API's types under the names users see: interfaces over the generated ones, so an
// editor shows `Group` or `GroupList` rather than an expanded object literal. Shapes are
// never written here by hand; they come from the spec through generated/openapi.ts.
import type { components, operations, paths } from "../generated/openapi.js";

export type { components, operations, paths };

type GroupSchema = components["schemas"]["Group"];
type GroupWithMembersSchema = components["schemas"]["GroupWithMembers"];
type AgentSchema = components["schemas"]["Agent"];
type GroupListSchema = components["schemas"]["GroupList"];
type ErrorSchema = components["schemas"]["Error"];
type ListGroupsQuery = NonNullable<operations["listGroups"]["parameters"]["query"]>;

/** A group (a "Team" on the Dashboard), as listed. */
export interface Group extends GroupSchema {}
/** A group with the agents that are its members. */
export interface GroupWithMembers extends GroupWithMembersSchema {
  members: Agent[];
}
/** An agent as listed among a group's members. */
export interface Agent extends AgentSchema {}
/** One page of groups: `count`, `previous`, `next`, `results`. */
export interface GroupList extends GroupListSchema {
  results: Group[];
}
/** The body of an error answer (permissive: `message`, `detail`, `code`, `error`, more). */
export interface ErrorBody extends ErrorSchema {}
/** An agent ID: a positive integer, or its decimal digits as a string. */
export type AgentId = components["schemas"]["MembershipRequest"]["agentId"];
/** A group ID. */
export type GroupId = operations["getGroup"]["parameters"]["path"]["group_id"];
/** `limit` and `offset` for listing groups. */
export interface ListGroupsParams extends ListGroupsQuery {}
