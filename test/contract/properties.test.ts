// Properties, checked against Prism with fast-check (fixed seed; fast-check prints the seed
// and the counterexample on failure; DESK_FC_SEED replays another seed):
// - any input the spec allows is accepted by Prism and answered with a schema-valid body (a
//   200, or the 404 the stateful mock gives for a group or agent it does not have);
// - any input it forbids raises DeskValidationError and sends nothing.
// Valid and invalid ranges come from generated/spec.ts.
import fc from "fast-check";
import { spec } from "../../generated/spec.js";
import { type DeskClient, DeskNotFoundError, DeskValidationError } from "../../src/index.js";
import { type OperationId, validateResponse } from "./mock.js";
import { observedClient, violationsOf } from "./observed.js";

const seed = Number(process.env.DESK_FC_SEED ?? 20_240_611);
const settings = { seed, numRuns: 200 };
const { limit, offset } = spec.operations.listGroups.parameters.query;
const groupId = spec.operations.getGroup.parameters.path.group_id;
const [agentInteger, agentString] = spec.operations.addGroupMember.body.fields.agentId.oneOf;

const valid = {
  limit: fc.integer({ min: limit.minimum, max: limit.maximum }),
  offset: fc.integer({ min: offset.minimum, max: Number.MAX_SAFE_INTEGER }),
  groupId: fc.integer({ min: groupId.minimum, max: groupId.maximum }),
  agentId: fc.oneof(
    fc.integer({ min: agentInteger.minimum, max: agentInteger.maximum }),
    fc
      .stringMatching(new RegExp(agentString.pattern))
      .filter((s) => s.length >= agentString.minLength && s.length <= agentString.maxLength),
  ),
};

/** Values no numeric parameter accepts, whatever its bounds. */
const notAnInteger = fc.oneof(
  fc.double().filter((x) => !Number.isInteger(x)),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
  ),
  fc.string({ unit: "binary" }),
  fc.constantFrom(".", "..", "", "5", null, true, [], {}),
  fc.bigInt(),
);

const invalid = {
  limit: fc.oneof(
    fc.integer({ max: limit.minimum - 1 }),
    fc.integer({ min: limit.maximum + 1 }),
    notAnInteger,
  ),
  offset: fc.oneof(fc.integer({ max: offset.minimum - 1 }), notAnInteger),
  groupId: fc.oneof(fc.integer({ max: groupId.minimum - 1 }), notAnInteger),
  agentId: fc.oneof(
    fc.integer({ max: agentInteger.minimum - 1 }),
    notAnInteger.filter((v) => typeof v !== "string"),
    // Strings: empty, too long, unicode, dot segments, or digits that break the pattern.
    fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !new RegExp(agentString.pattern).test(s)),
    fc.stringMatching(/^[1-9][0-9]*$/).map((s) => s.padEnd(agentString.maxLength + 1, "7")),
    fc.constantFrom("", ".", "..", "0", "01", "-1", "1e3", " 28", "28 ", "٢٨", "２８", "28/../1"),
  ),
};

/** A client with one reused observer; `fresh()` empties what it saw before each run. */
function observer() {
  const observed = observedClient({ maxRetries: 0 });
  return { ...observed, fresh: () => observed.exchanges.splice(0) };
}

type Call = (desk: DeskClient) => Promise<unknown>;

/**
 * Asserts one valid call: one request, no violation, and a schema-valid answer: a 200, or the
 * 404 (DeskNotFoundError) the stateful mock gives for a group or an agent it does not have.
 */
async function acceptedBy(id: OperationId, o: ReturnType<typeof observer>, call: Call): Promise<void> {
  o.fresh();
  const body = await call(o.desk).catch((error: unknown) => {
    if (error instanceof DeskNotFoundError) return error.body;
    throw error;
  });
  expect(violationsOf(o.exchanges)).toEqual([]);
  const [status] = o.exchanges.map((e) => e.status);
  expect(o.exchanges).toHaveLength(1);
  expect([200, 404]).toContain(status);
  expect(validateResponse(id, status!, body)).toEqual([]);
}

/** Asserts one invalid call: DeskValidationError naming `field`, and nothing sent. */
async function refused(field: string, o: ReturnType<typeof observer>, call: Call): Promise<void> {
  o.fresh();
  let error: unknown;
  try {
    await call(o.desk); // list() may throw before it returns its promise: both count
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DeskValidationError);
  expect((error as DeskValidationError).field).toBe(field);
  expect(o.exchanges).toHaveLength(0);
}

describe("valid input is accepted by Prism and answered with a schema-valid body", () => {
  test("listGroups: any limit and offset in range, either or both left out", async () => {
    const o = observer();
    const params = fc.record({ limit: valid.limit, offset: valid.offset }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(params, (p) => acceptedBy("listGroups", o, async (desk) => await desk.groups.list(p))),
      settings,
    );
  });

  test("getGroup: any group ID in range", async () => {
    const o = observer();
    await fc.assert(
      fc.asyncProperty(valid.groupId, (g) => acceptedBy("getGroup", o, (desk) => desk.groups.get(g))),
      settings,
    );
  });

  test.each([
    ["addGroupMember", "addMember"],
    ["removeGroupMember", "removeMember"],
  ] as const)("%s: any group ID, any agent ID (integer or its digits)", async (operation, method) => {
    const o = observer();
    await fc.assert(
      fc.asyncProperty(valid.groupId, valid.agentId, (g, a) =>
        acceptedBy(operation, o, (desk) => desk.groups[method](g, a)),
      ),
      settings,
    );
  });
});

describe("invalid input raises DeskValidationError and sends nothing", () => {
  test("listGroups: limit out of range or not an integer", async () => {
    const o = observer();
    await fc.assert(
      fc.asyncProperty(invalid.limit, (l) =>
        refused("limit", o, async (desk) => await desk.groups.list({ limit: l as number })),
      ),
      settings,
    );
  });

  test("listGroups: offset below the minimum or not an integer", async () => {
    const o = observer();
    await fc.assert(
      fc.asyncProperty(invalid.offset, valid.limit, (off, l) =>
        refused("offset", o, async (desk) => await desk.groups.list({ limit: l, offset: off as number })),
      ),
      settings,
    );
  });

  test("getGroup: group IDs out of range, not integers, dot segments, strings", async () => {
    const o = observer();
    await fc.assert(
      fc.asyncProperty(invalid.groupId, (g) => refused("groupId", o, (desk) => desk.groups.get(g as number))),
      settings,
    );
  });

  test.each([
    ["addGroupMember", "addMember"],
    ["removeGroupMember", "removeMember"],
  ] as const)(
    "%s: bad group ID with a good agent, or good group with a bad agent ID",
    async (_operation, method) => {
      const o = observer();
      await fc.assert(
        fc.asyncProperty(invalid.groupId, valid.agentId, (g, a) =>
          refused("groupId", o, (desk) => desk.groups[method](g as number, a)),
        ),
        settings,
      );
      await fc.assert(
        fc.asyncProperty(valid.groupId, invalid.agentId, (g, a) =>
          refused("agentId", o, (desk) => desk.groups[method](g, a as number)),
        ),
        settings,
      );
    },
  );
});
