// What the stateful mock starts from: the spec's story (read from its examples), or a tester's
// own groups and agents, checked against the spec's schemas before the mock starts.
import { readFileSync } from "node:fs";

/** Thrown for a seed that breaks the spec: its message names the entry, the field and the rule. */
export class MockSeedError extends Error {
  name = "MockSeedError";
}

const groupWithMembers = "#/components/schemas/GroupWithMembers";
const agentSchema = "#/components/schemas/Agent";

/**
 * The spec's story as a seed, `{ groups, agents }`: the groups of listGroups' default example
 * (the one Prism answers without `Prefer`), each with the members of getGroup's example for it
 * (none when no example shows it), and every agent that a 200 example of a story group names.
 * The vendor's own examples, about groups outside the story, are left out.
 */
export function storySeed(document) {
  const examples = (operationId) => {
    const operation = operationOf(document, operationId);
    const content = resolve(document, operation.responses["200"]).content["application/json"];
    return Object.values(content.examples ?? {}).map((example) => resolve(document, example).value);
  };
  const [list] = examples("listGroups");
  const inStory = (group) =>
    list.results.some((listed) => listed.id === group.id && listed.name === group.name);
  const views = examples("getGroup").filter(inStory);
  const agents = new Map();
  for (const id of ["getGroup", "addGroupMember", "removeGroupMember"]) {
    for (const group of examples(id).filter(inStory)) {
      for (const member of group.members) if (!agents.has(member.id)) agents.set(member.id, member);
    }
  }
  const groups = list.results.map((group) => ({
    ...group,
    members: views.find((view) => view.id === group.id)?.members ?? [],
  }));
  return { groups, agents: [...agents.values()] };
}

/**
 * Checks a tester's seed against the spec: `groups` are `GroupWithMembers`, `agents` are
 * `Agent`s, and no two groups (or agents) share an ID. Returns it, or throws a MockSeedError
 * naming the first entry, field and rule that break (`seed.groups[1].members[0].email: must be
 * string`).
 */
export function checkSeed(seed, schemas) {
  if (!isObject(seed))
    throw new MockSeedError(`seed: must be an object { groups, agents }, got ${typeOf(seed)}`);
  for (const key of Object.keys(seed)) {
    if (key !== "groups" && key !== "agents")
      throw new MockSeedError(`seed.${key}: is not a seed field (the fields are groups and agents)`);
  }
  const { groups = [], agents = [] } = seed;
  for (const [field, entries, schema] of [
    ["groups", groups, groupWithMembers],
    ["agents", agents, agentSchema],
  ]) {
    if (!Array.isArray(entries))
      throw new MockSeedError(`seed.${field}: must be an array, got ${typeOf(entries)}`);
    const seen = new Map();
    entries.forEach((entry, index) => {
      const [broken] = schemas.check(schema, entry);
      if (broken) throw new MockSeedError(`seed.${field}[${index}]${broken.slice(1)}`);
      if (seen.has(entry.id)) {
        throw new MockSeedError(
          `seed.${field}[${index}].id: ${entry.id} is already the id of seed.${field}[${seen.get(entry.id)}] (IDs are unique)`,
        );
      }
      seen.set(entry.id, index);
    });
  }
  return { groups, agents };
}

/** Reads a seed file (`--seed file.json`) as JSON; a MockSeedError in one line when it cannot. */
export function readSeedFile(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new MockSeedError(`--seed ${file}: cannot be read (${error.code ?? error.message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MockSeedError(`--seed ${file}: is not JSON (${error.message})`);
  }
}

/** The operation whose operationId is `id`, from the document's paths. */
export function operationOf(document, id) {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation?.operationId === id) return { ...operation, path, method };
    }
  }
  throw new Error(`the spec has no operation ${id}: the stateful mock serves the Desk Group endpoints`);
}

/** Follows a local `$ref` (`#/components/...`) in the document. */
export function resolve(document, node) {
  if (!node?.$ref) return node;
  const target = node.$ref
    .slice(2)
    .split("/")
    .reduce((at, segment) => at?.[segment.replaceAll("~1", "/").replaceAll("~0", "~")], document);
  return resolve(document, target);
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeOf(value) {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
