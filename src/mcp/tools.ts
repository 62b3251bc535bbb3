// The Desk tools: one per operation of the spec, each a thin call of the client's public API.
// Schemas come from the spec (schema.ts); the words are written for an assistant that has to
// pick the right tool and fill in its arguments.
import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import { schemas } from "../../generated/spec.js";
import {
  type AgentId,
  type DeskClient,
  DeskValidationError,
  type Group,
  type GroupId,
  type GroupList,
} from "sendbird-desk-platform";
import { type ArgumentsSchema, argumentsSchema, bodyOf, type JsonSchema, outputSchema } from "./schema.js";

/** What a tool call returns: the structured result, and any notes worth a line of text. */
export interface ToolOutput {
  data: object;
  notes?: string[];
}

/** A tool: what `tools/list` shows of it, and the call behind it. */
export interface DeskTool {
  name: string;
  title: string;
  description: string;
  inputSchema: ArgumentsSchema;
  outputSchema: JsonSchema & { type: "object" };
  annotations: ToolAnnotations;
  /** Runs the tool with arguments its input schema accepts; throws the client's errors. */
  call(args: Record<string, unknown>, signal: AbortSignal): Promise<ToolOutput>;
}

/** `list_groups` with `all: true` reads at most this many pages, so one call stays bounded. */
export const MAX_PAGES = 10;

const limitSchema = schemas.listGroups.parameters.limit.schema;
const group = schemas.listGroups.response.properties.results.items.description;

/** Reads the client's own walk over the pages from `offset` (`desk.groups.list().pages()`),
 *  stopping after `MAX_PAGES`, as one page: `previous` of the first, `next` of the last (null
 *  unless groups remain). A group seen on an earlier page (offset paging shifts under writes)
 *  is kept once. */
async function listAll(desk: DeskClient, args: { limit?: number; offset?: number }, signal: AbortSignal) {
  const query = { ...args, limit: args.limit ?? limitSchema.maximum };
  const results = new Map<number, Group>();
  let first: GroupList | undefined;
  let last: GroupList | undefined;
  let pages = 0;
  let read = 0;
  for await (const page of desk.groups.list(query, { signal }).pages()) {
    first ??= page;
    last = page;
    read += page.results.length;
    for (const item of page.results) if (!results.has(item.id)) results.set(item.id, item);
    if (++pages === MAX_PAGES) break;
  }
  const more = pages === MAX_PAGES && last!.next !== null && last!.results.length > 0;
  const data = {
    count: last!.count,
    previous: first!.previous,
    next: more ? last!.next : null,
    results: [...results.values()],
  };
  const notes = more
    ? [
        `Stopped after ${MAX_PAGES} pages (${results.size} of ${last!.count} groups): more remain.` +
          ` Call list_groups again with all: true and offset: ${(args.offset ?? 0) + read} to read on.`,
      ]
    : [];
  return { data, notes };
}

/** The catalogue of Desk tools over `desk`, read-only ones first. `createDeskMcpServer` decides
 *  which it offers. */
export function createDeskTools(desk: DeskClient): DeskTool[] {
  const groupId = (args: Record<string, unknown>) => args.group_id as GroupId;
  const agentId = (id: "addGroupMember" | "removeGroupMember", args: Record<string, unknown>) =>
    bodyOf(id, args).agentId as AgentId;
  const listInput = argumentsSchema("listGroups");
  listInput.properties.all = {
    type: "boolean",
    description:
      `Read every page from \`offset\` on, up to ${MAX_PAGES} pages of \`limit\` groups (default ` +
      `${limitSchema.maximum}), and return them as one list.`,
  };
  return [
    {
      name: "list_groups",
      title: schemas.listGroups.summary,
      description:
        `List the groups of the Sendbird Desk application. ${group} Each group has a numeric \`id\` ` +
        "(what get_group takes), a `name` and a `key`. Returns one page: `count` (all groups), " +
        "`previous` and `next` (page URLs, or null at either end) and `results`. Pass `offset` " +
        `for the next page, or \`all: true\` to read every page (up to ${MAX_PAGES}; \`next\` is ` +
        "not null when groups remain).",
      inputSchema: listInput,
      outputSchema: outputSchema("listGroups"),
      annotations: { readOnlyHint: true, openWorldHint: false },
      call: async ({ all, ...page }, signal) => {
        if (all !== undefined && typeof all !== "boolean")
          throw new DeskValidationError("all", all, "must be true or false");
        return all === true
          ? listAll(desk, page, signal)
          : { data: { ...(await desk.groups.list(page, { signal })) } };
      },
    },
    {
      name: "get_group",
      title: schemas.getGroup.summary,
      description:
        `Show one group (a team) with its members: ${schemas.getGroup.description} Each member is ` +
        "an agent with a numeric `id` (what add_group_member and remove_group_member take), a " +
        "`displayName` and an `email`. Takes the group's numeric `group_id` from list_groups.",
      inputSchema: argumentsSchema("getGroup"),
      outputSchema: outputSchema("getGroup"),
      annotations: { readOnlyHint: true, openWorldHint: false },
      call: async (args, signal) => ({ data: await desk.groups.get(groupId(args), { signal }) }),
    },
    {
      name: "add_group_member",
      title: schemas.addGroupMember.summary,
      description:
        "Add an agent to a group (a team). `group_id` is the group's numeric ID (from list_groups); " +
        "`agent_id` is the agent's numeric ID, not a name or an e-mail (get_group lists members " +
        "with their IDs). Adding an agent who is already a member changes nothing. Returns the " +
        "group with its members.",
      inputSchema: argumentsSchema("addGroupMember"),
      outputSchema: outputSchema("addGroupMember"),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
      call: async (args, signal) => ({
        data: await desk.groups.addMember(groupId(args), agentId("addGroupMember", args), { signal }),
      }),
    },
    {
      name: "remove_group_member",
      title: schemas.removeGroupMember.summary,
      description:
        "Remove an agent from a group (a team). `group_id` is the group's numeric ID (from " +
        "list_groups); `agent_id` is the agent's numeric ID, as get_group lists it among the " +
        "members. Removing an agent who is not a member changes nothing. Returns the group with " +
        "its remaining members.",
      inputSchema: argumentsSchema("removeGroupMember"),
      outputSchema: outputSchema("removeGroupMember"),
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
      call: async (args, signal) => ({
        data: await desk.groups.removeMember(groupId(args), agentId("removeGroupMember", args), { signal }),
      }),
    },
  ];
}
