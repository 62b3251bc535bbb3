// Every named 2xx response example in the spec, found by walking generated/openapi.json, is
// requested from Prism with `Prefer: example=<name>` and comes back through the client
// unchanged (deep-equal to the example).
import type { DeskClient } from "../../src/index.js";
import { deref, type Json, operations } from "../helpers/spec.js";
import type { OperationId } from "./mock.js";
import { observedClient, prefer, violationsOf } from "./observed.js";

/** How the client performs each operation (the spec's operations, by operationId). */
const perform: Record<OperationId, (desk: DeskClient) => Promise<unknown>> = {
  listGroups: async (desk) => await desk.groups.list(),
  getGroup: (desk) => desk.groups.get(77),
  addGroupMember: (desk) => desk.groups.addMember(77, 2),
  removeGroupMember: (desk) => desk.groups.removeMember(77, 2),
};

/** [operationId, status, example name, example value] for every named 2xx JSON example. */
const examples: [OperationId, string, string, Json][] = operations().flatMap(({ id, op }) =>
  Object.entries<Json>(op.responses)
    .filter(([status]) => /^2\d\d$/.test(status))
    .flatMap(([status, response]) =>
      Object.entries<Json>(deref(response).content?.["application/json"]?.examples ?? {}).map(
        ([name, example]): [OperationId, string, string, Json] => [
          id as OperationId,
          status,
          name,
          deref(example).value,
        ],
      ),
    ),
);

test("the spec has a named 2xx example for every operation", () => {
  expect(new Set(examples.map(([id]) => id))).toEqual(new Set(operations().map((o) => o.id)));
});

test.each(examples)(
  "%s %s example %s is parsed by the client without loss",
  async (id, status, name, value) => {
    const { desk, exchanges } = observedClient({}, prefer(`example=${name}`));
    const body = await perform[id](desk);
    expect(body).toStrictEqual(value);
    expect(exchanges.map((e) => e.status)).toEqual([Number(status)]);
    expect(violationsOf(exchanges)).toEqual([]);
  },
);
