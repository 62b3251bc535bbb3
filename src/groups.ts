// The Group resource: the vendor's four actions, named list, get, addMember, removeMember.
import type { Client } from "openapi-fetch";
import { readBody } from "./api-error.js";
import { PagePromise, type PageQuery } from "./paginate.js";
import { requestInfoOf, type CallSettings } from "./transport.js";
import type { AgentId, Group, GroupId, GroupList, GroupWithMembers, ListGroupsParams, paths, RequestOptions } from "./types.js";
import { checkAgentId, checkGroupId, checkListParams, checkRequestOptions } from "./validate.js";

/** What the resource needs from the client. */
export interface GroupsContext {
  raw: Client<paths>;
  fetchFor(settings: CallSettings): (request: Request) => Promise<Response>;
  secret: string;
}

/** Groups of agents ("Teams" on the Dashboard). */
export interface Groups {
  /** Lists groups: `await` it for one page, or `for await` it for every group across pages. */
  list(params?: ListGroupsParams, options?: RequestOptions): PagePromise<GroupList, Group>;
  /** Views a group with its members. */
  get(groupId: GroupId, options?: RequestOptions): Promise<GroupWithMembers>;
  /** Adds an agent to a group; returns the group with its members. */
  addMember(groupId: GroupId, agentId: AgentId, options?: RequestOptions): Promise<GroupWithMembers>;
  /** Removes an agent from a group; returns the group with its remaining members. */
  removeMember(groupId: GroupId, agentId: AgentId, options?: RequestOptions): Promise<GroupWithMembers>;
}

type Outcome = { response: Response };

export function createGroups(ctx: GroupsContext): Groups {
  const call = (options: RequestOptions = {}) => ({
    fetch: ctx.fetchFor({ timeoutMs: options.timeoutMs, maxRetries: options.maxRetries, keepText: true }),
    signal: options.signal,
    parseAs: "stream" as const, // the transport has read the body already
  });

  /** The parsed body of a 2xx answer, or the typed error for any other. */
  function settle<T>({ response }: Outcome, isValid: (body: unknown) => boolean): T {
    const { text = "", ...info } = requestInfoOf(response);
    return readBody(response, text, info, ctx.secret, isValid) as T;
  }
  const isObject = (body: unknown) => typeof body === "object" && body !== null && !Array.isArray(body);
  const isPage = (body: unknown) => isObject(body) && Array.isArray((body as GroupList).results);

  const fetchPage = (options?: RequestOptions) => async (query: PageQuery) =>
    settle<GroupList>(await ctx.raw.GET("/groups", { params: { query }, ...call(options) }), isPage);

  async function membership(method: "POST" | "DELETE", groupId: GroupId, agentId: AgentId, options?: RequestOptions) {
    checkGroupId(groupId);
    checkAgentId(agentId);
    checkRequestOptions(options);
    const init = { params: { path: { group_id: groupId } }, body: { agentId }, ...call(options) };
    const path = "/groups/{group_id}/membership";
    return settle<GroupWithMembers>(await (method === "POST" ? ctx.raw.POST(path, init) : ctx.raw.DELETE(path, init)), isObject);
  }

  return {
    list(params, options) {
      try {
        checkListParams(params);
        checkRequestOptions(options);
      } catch (error) {
        // Like the other methods, a bad input rejects (await or iteration) and sends nothing.
        return new PagePromise(() => Promise.reject(error), {});
      }
      return new PagePromise(fetchPage(options), { ...params });
    },
    async get(groupId, options) {
      checkGroupId(groupId);
      checkRequestOptions(options);
      const path = { group_id: groupId };
      return settle(await ctx.raw.GET("/groups/{group_id}", { params: { path }, ...call(options) }), isObject);
    },
    addMember: (groupId, agentId, options) => membership("POST", groupId, agentId, options),
    // Unusual but documented: removing names the agent in a JSON body on DELETE.
    removeMember: (groupId, agentId, options) => membership("DELETE", groupId, agentId, options),
  };
}
