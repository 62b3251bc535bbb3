// The stateful mock's memory: a store of sessions, each a state of groups, their members and
// the known agents, created from the seed on first use. Every change is one synchronous step,
// so concurrent requests never interleave inside it.

/**
 * A store of sessions over `seed` ({ groups, agents }, already checked). `session(name)` is the
 * state of that name (created from the seed on first use); `session()` is the default state,
 * shared by requests without a name and apart from every named one. `reset(name)` restores one
 * session's seed; `reset()` restores every session's.
 */
export function createMockStore(seed) {
  const frozen = structuredClone(seed);
  let unnamed = createState(frozen);
  const named = new Map();
  return {
    session(name) {
      if (name === undefined) return unnamed;
      let state = named.get(name);
      if (!state) named.set(name, (state = createState(frozen)));
      return state;
    },
    reset(name) {
      if (name !== undefined) {
        named.delete(name);
        return;
      }
      named.clear();
      unnamed = createState(frozen);
    },
  };
}

/** One session's state: groups in the seed's order, each with its members' agent IDs. */
function createState(seed) {
  const agents = new Map();
  for (const agent of seed.agents) agents.set(agent.id, structuredClone(agent));
  const groups = new Map();
  for (const { members, ...group } of seed.groups) {
    for (const member of members) if (!agents.has(member.id)) agents.set(member.id, structuredClone(member));
    groups.set(group.id, { group: structuredClone(group), members: members.map((m) => m.id) });
  }
  const withMembers = ({ group, members }) => ({ ...group, members: members.map((id) => agents.get(id)) });
  return {
    /** How many groups there are. */
    count: () => groups.size,
    /** The groups from `offset`, at most `limit` of them, without their members. */
    page: (offset, limit) => [...groups.values()].slice(offset, offset + limit).map(({ group }) => group),
    /** The group with its members, or undefined when there is no such group. */
    view: (id) => (groups.has(id) ? withMembers(groups.get(id)) : undefined),
    /** Whether the agent is known (may be added). */
    knows: (agentId) => agents.has(agentId),
    /** The IDs of the known agents. */
    agentIds: () => [...agents.keys()],
    /** Adds the agent to the group (a member already stays where it is); the group after. */
    add(id, agentId) {
      const entry = groups.get(id);
      if (!entry.members.includes(agentId)) entry.members.push(agentId);
      return withMembers(entry);
    },
    /** Removes the agent from the group (a non-member changes nothing); the group after. */
    remove(id, agentId) {
      const entry = groups.get(id);
      entry.members = entry.members.filter((member) => member !== agentId);
      return withMembers(entry);
    },
    /** The whole state, as `{ groups, agents }` in the seed's own shape. */
    snapshot: () =>
      structuredClone({ groups: [...groups.values()].map(withMembers), agents: [...agents.values()] }),
  };
}
