// The public surface. Not exported on purpose: the transport, the retry policy and the
// validators (internal, free to change), and the generated runtime table.
export { createDeskClient, type DeskClient } from "./client.js";
export type { DeskClientOptions } from "./options.js";
export type { Groups } from "./groups.js";
export { PagePromise } from "./paginate.js";
export * from "./errors.js"; // the error tree and its guards: that file holds nothing else
export type {
  Agent,
  AgentId,
  ErrorBody,
  Group,
  GroupId,
  GroupList,
  GroupWithMembers,
  ListGroupsParams,
  RequestOptions,
  components,
  operations,
  paths,
} from "./types.js";
