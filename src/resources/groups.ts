// The Group resource: the vendor's four actions, named list, get, addMember, removeMember.
// Each method checks its arguments against the spec's rules and makes one call.
import type { Client } from "openapi-fetch";
import * as spec from "../../generated/spec.js";
import { type CallContext, call } from "../core/call.js";
import { DeskPromise } from "../core/desk-promise.js";
import { objectViolations, pageViolations } from "../core/readable-answer.js";
import { PagePromise } from "../core/page-promise.js";
import type { PageQuery } from "../core/pagination.js";
import { checkNamed, checkValue } from "../core/validate.js";
import type { RequestOptions } from "../options.js";
import type {
  AgentId,
  Group,
  GroupId,
  GroupList,
  GroupWithMembers,
  ListGroupsParams,
  paths,
} from "../types.js";

const { listGroups, getGroup, addGroupMember, removeGroupMember } = spec.operations;

/** How each answer is checked: what the client reads, and the operation's schema. */
const PAGE = { readable: pageViolations, operation: "listGroups" } as const;
const GROUP = { readable: objectViolations, operation: "getGroup" } as const;
const ADDED = { readable: objectViolations, operation: "addGroupMember" } as const;
const REMOVED = { readable: objectViolations, operation: "removeGroupMember" } as const;

/** Groups of agents ("Teams" on the Dashboard). */
export class Groups {
  readonly #raw: Client<paths>;
  readonly #context: CallContext;

  constructor(raw: Client<paths>, context: CallContext) {
    this.#raw = raw;
    this.#context = context;
  }

  /** Lists groups: `await` it for one page, `for await` it for every group across pages,
   *  or `.pages()` for every page. */
  list(params?: ListGroupsParams, options?: RequestOptions): PagePromise<GroupList, Group> {
    const page = (query: PageQuery | undefined) => () =>
      call<GroupList>(this.#context, options, PAGE, (init) => {
        checkNamed("params", query, listGroups.parameters.query);
        return this.#raw.GET(listGroups.path, { params: { query }, ...init });
      });
    const fetchPage = (query: PageQuery) => new DeskPromise(page(query));
    return new PagePromise(page(params), fetchPage, { ...params }, this.#context.log.warn);
  }

  /** Views a group with its members. */
  get(groupId: GroupId, options?: RequestOptions): DeskPromise<GroupWithMembers> {
    return new DeskPromise(() =>
      call<GroupWithMembers>(this.#context, options, GROUP, (init) => {
        checkValue("groupId", groupId, getGroup.parameters.path.group_id);
        return this.#raw.GET(getGroup.path, { params: { path: { group_id: groupId } }, ...init });
      }),
    );
  }

  /** Adds an agent to a group; returns the group with its members. */
  addMember(groupId: GroupId, agentId: AgentId, options?: RequestOptions): DeskPromise<GroupWithMembers> {
    return new DeskPromise(() =>
      call<GroupWithMembers>(this.#context, options, ADDED, (init) => {
        checkMembership(addGroupMember, groupId, agentId);
        const params = { path: { group_id: groupId } };
        return this.#raw.POST(addGroupMember.path, { params, body: { agentId }, ...init });
      }),
    );
  }

  /** Removes an agent from a group; returns the group with its remaining members. The agent
   *  travels in a JSON body, on DELETE too: unusual, but what the API documents. */
  removeMember(groupId: GroupId, agentId: AgentId, options?: RequestOptions): DeskPromise<GroupWithMembers> {
    return new DeskPromise(() =>
      call<GroupWithMembers>(this.#context, options, REMOVED, (init) => {
        checkMembership(removeGroupMember, groupId, agentId);
        const params = { path: { group_id: groupId } };
        return this.#raw.DELETE(removeGroupMember.path, { params, body: { agentId }, ...init });
      }),
    );
  }
}

/** Checks the group and the agent of a membership change against the operation's rules. */
function checkMembership(
  operation: typeof addGroupMember | typeof removeGroupMember,
  groupId: GroupId,
  agentId: AgentId,
): void {
  checkValue("groupId", groupId, operation.parameters.path.group_id);
  checkValue("agentId", agentId, operation.body.fields.agentId);
}
