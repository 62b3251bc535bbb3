// The Group resource: the vendor's four actions, named list, get, addMember, removeMember.
import type { Client } from "openapi-fetch";
import { PagePromise } from "./paginate.js";
import type { CallSettings } from "./transport.js";
import type {
  AgentId,
  Group,
  GroupId,
  GroupList,
  GroupWithMembers,
  ListGroupsParams,
  paths,
  RequestOptions,
} from "./types.js";
import { checkAgentId, checkGroupId, checkListParams, checkRequestOptions } from "./validate.js";

/** What the resource needs from the client. */
export interface GroupsContext {
  raw: Client<paths>;
  fetchFor(settings: CallSettings): (request: Request) => Promise<Response>;
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

/** What every resource call adds to openapi-fetch's options. */
type CallInit = {
  fetch: (request: Request) => Promise<Response>;
  signal: AbortSignal | undefined;
  parseAs: "stream";
};

const isObject = (body: unknown) => typeof body === "object" && body !== null && !Array.isArray(body);
const isPage = (body: unknown) => isObject(body) && Array.isArray((body as GroupList).results);

export function createGroups({ raw, fetchFor }: GroupsContext): Groups {
  /** Sends one call; the transport checks the answer and leaves its body in `settings.data`. */
  async function send<T>(
    options: RequestOptions | undefined,
    expect: (body: unknown) => boolean,
    request: (init: CallInit) => Promise<unknown>,
  ) {
    checkRequestOptions(options);
    const settings: CallSettings = { ...options, expect };
    await request({ fetch: fetchFor(settings), signal: options?.signal, parseAs: "stream" });
    return settings.data as T;
  }

  /** Adds or removes a member: both name the agent in a JSON body (on DELETE too, unusual but documented). */
  type Change = (
    init: CallInit & { params: { path: { group_id: GroupId } }; body: { agentId: AgentId } },
  ) => Promise<unknown>;
  const membership =
    (change: Change) => async (group_id: GroupId, agentId: AgentId, options?: RequestOptions) => {
      checkGroupId(group_id);
      checkAgentId(agentId);
      return send<GroupWithMembers>(options, isObject, (init) =>
        change({ params: { path: { group_id } }, body: { agentId }, ...init }),
      );
    };
  const MEMBERSHIP = "/groups/{group_id}/membership";

  return {
    // Like the other methods, a bad input rejects (await or iteration) and sends nothing.
    list: (params, options) =>
      new PagePromise(
        async (query) => {
          checkListParams(params);
          return send<GroupList>(options, isPage, (init) =>
            raw.GET("/groups", { params: { query }, ...init }),
          );
        },
        { ...params },
      ),
    async get(group_id, options) {
      checkGroupId(group_id);
      return send<GroupWithMembers>(options, isObject, (init) =>
        raw.GET("/groups/{group_id}", { params: { path: { group_id } }, ...init }),
      );
    },
    addMember: membership((init) => raw.POST(MEMBERSHIP, init)),
    removeMember: membership((init) => raw.DELETE(MEMBERSHIP, init)),
  };
}
