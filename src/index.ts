// The public surface. Not exported on purpose: the transport, the retry policy and the
// validators (internal, free to change), and the generated runtime table.
export { createDeskClient, type DeskClient } from "./client.js";
export * from "./errors.js"; // the error tree and its guards: that file holds nothing else
export type { Groups } from "./groups.js";
export type { DeskClientOptions } from "./options.js";
export { PagePromise } from "./paginate.js";
export type {
  Agent,
  AgentId,
  components,
  ErrorBody,
  Group,
  GroupId,
  GroupList,
  GroupWithMembers,
  ListGroupsParams,
  operations,
  paths,
  RequestOptions,
} from "./types.js";
