// The four Group operations acting on a session's state, as the API documents them, and the
// check that every answer they make still matches the spec before it is sent.
import { operationOf, resolve } from "./mock-seed.mjs";
import { pointerTo } from "./spec-schemas.mjs";

const json = { "Content-type": "application/json" };

/**
 * The stateful answers to the spec's Group operations. `answer(operationId, request, state)`
 * (request: { path, query, body, origin }, already validated by Prism) returns
 * `{ statusCode, headers, body }`, undefined for an operation it does not serve. An answer
 * that breaks the operation's response schema becomes a 500 whose message names the
 * violation: the mock never drifts from the spec unnoticed.
 */
export function createStateRoutes(document, schemas) {
  const list = operationOf(document, "listGroups");
  const pageDefaults = Object.fromEntries(
    (list.parameters ?? [])
      .map((parameter) => resolve(document, parameter))
      .map((parameter) => [parameter.name, parameter.schema?.default]),
  );
  const groupId = (request) => Number(decodeURIComponent(/\/groups\/([^/]+)/.exec(request.path)[1]));
  const agentId = (request) => Number(request.body.agentId);

  const routes = {
    listGroups(request, state) {
      const limit = Number(request.query.limit ?? pageDefaults.limit);
      const offset = Number(request.query.offset ?? pageDefaults.offset);
      const count = state.count();
      const at = (start) => `${request.origin}${list.path}?limit=${limit}&offset=${start}`;
      return ok({
        count,
        previous: offset > 0 ? at(Math.max(0, offset - limit)) : null,
        next: offset + limit < count ? at(offset + limit) : null,
        results: state.page(offset, limit),
      });
    },
    getGroup(request, state) {
      return groupOr404(request, state, (id) => ok(state.view(id)));
    },
    addGroupMember(request, state) {
      return groupOr404(request, state, (id) =>
        agentOr404(request, state, (agent) => ok(state.add(id, agent))),
      );
    },
    removeGroupMember(request, state) {
      return groupOr404(request, state, (id) =>
        agentOr404(request, state, (agent) => ok(state.remove(id, agent))),
      );
    },
  };

  function groupOr404(request, state, then) {
    const id = groupId(request);
    return state.view(id) ? then(id) : notFound(`Group ${id} does not exist.`);
  }

  function agentOr404(request, state, then) {
    const id = agentId(request);
    if (state.knows(id)) return then(id);
    const known = state.agentIds().join(", ") || "none";
    return notFound(`Agent ${id} does not exist (the agents this mock knows: ${known}).`);
  }

  /** The schema an operation's answer with this status must match, as a pointer into the spec. */
  function responseSchema(operation, status) {
    const response = operation.responses[String(status)];
    const at = response.$ref
      ? `${response.$ref}`
      : pointerTo("paths", operation.path, operation.method, "responses", String(status));
    return `${at}/content/application~1json/schema`;
  }

  const operations = Object.fromEntries(Object.keys(routes).map((id) => [id, operationOf(document, id)]));

  return {
    answer(operationId, request, state) {
      const route = routes[operationId];
      if (!route) return undefined;
      const answer = route(request, state);
      const broken = schemas.check(responseSchema(operations[operationId], answer.statusCode), answer.body);
      if (broken.length === 0) return answer;
      return {
        statusCode: 500,
        headers: json,
        body: {
          message: `The mock's answer (${answer.statusCode}) breaks the spec: ${broken.map((rule) => `response.body${rule.slice(1)}`).join("; ")}`,
          error: true,
        },
      };
    },
  };
}

function ok(body) {
  return { statusCode: 200, headers: json, body };
}

function notFound(message) {
  return { statusCode: 404, headers: json, body: { message, error: true } };
}
