// The Group resource: the vendor's four actions, named list, get, addMember, removeMember.
// Each method names its operation and hands over its values; the core checks them against
// the operation's rules in the spec and makes the call.
import type { Caller } from "../core/caller.js";
import type { DeskPromise } from "../core/desk-promise.js";
import type { PagePromise } from "../core/page-promise.js";
import type { RequestOptions } from "../options.js";
import type { AgentId, Group, GroupId, GroupList, GroupWithMembers, ListGroupsParams } from "../types.js";

/** Groups of agents ("Teams" on the Dashboard). */
export class Groups {
  readonly #caller: Caller;

  constructor(caller: Caller) {
    this.#caller = caller;
  }

  /** Lists groups: `await` it for one page, `for await` it for every group across pages,
   *  or `.pages()` for every page. */
  list(params?: ListGroupsParams, options?: RequestOptions): PagePromise<GroupList, Group> {
    return this.#caller.list("listGroups", params, options);
  }

  /** Views a group with its members. */
  get(groupId: GroupId, options?: RequestOptions): DeskPromise<GroupWithMembers> {
    return this.#caller.call("getGroup", { path: { group_id: groupId } }, options);
  }

  /** Adds an agent to a group; returns the group with its members. */
  addMember(groupId: GroupId, agentId: AgentId, options?: RequestOptions): DeskPromise<GroupWithMembers> {
    return this.#caller.call("addGroupMember", { path: { group_id: groupId }, body: { agentId } }, options);
  }

  /** Removes an agent from a group; returns the group with its remaining members. The agent
   *  travels in a JSON body, on DELETE too: unusual, but what the API documents. */
  removeMember(groupId: GroupId, agentId: AgentId, options?: RequestOptions): DeskPromise<GroupWithMembers> {
    return this.#caller.call(
      "removeGroupMember",
      { path: { group_id: groupId }, body: { agentId } },
      options,
    );
  }
}
