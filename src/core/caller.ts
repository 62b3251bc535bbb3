// What a resource method calls: an operation by its name, as a DeskPromise of its value, or
// a list operation as a PagePromise that walks its pages. Everything below reads the
// operation's rules from generated/spec.ts; nothing names an operation but the resources.
import * as spec from "../../generated/spec.js";
import type { Violation } from "../errors.js";
import type { RequestOptions } from "../options.js";
import { call, type CallContext, type OperationId } from "./call.js";
import { DeskPromise } from "./desk-promise.js";
import { PagePromise } from "./page-promise.js";
import { type PageOf, type PageQuery, type PageRules, pageViolations } from "./pagination.js";
import type { Values } from "./validate.js";

/** The shape every single-object answer has, whatever the operation. */
const objectViolations = (body: unknown): Violation[] =>
  typeof body === "object" && body !== null && !Array.isArray(body)
    ? []
    : [{ path: "", message: "must be object" }];

/** Calls the operations of one client. */
export class Caller {
  readonly #context: CallContext;

  constructor(context: CallContext) {
    this.#context = context;
  }

  /** One call of `operationId`: the promise of its value. */
  call<T>(operationId: OperationId, values: Values, options: RequestOptions | undefined): DeskPromise<T> {
    return new DeskPromise(() => call<T>(this.#context, operationId, values, options, objectViolations));
  }

  /** A list operation from the caller's `query` on: the first page when awaited, every item
   *  when iterated. Each page is a call with the same options. */
  list<Page extends PageOf<Item>, Item extends { id: number }>(
    operationId: OperationId,
    query: PageQuery | undefined,
    options: RequestOptions | undefined,
  ): PagePromise<Page, Item> {
    const rules = (spec.operations[operationId].parameters as { query?: PageRules }).query;
    if (!rules?.offset || !rules.limit)
      throw new TypeError(`${operationId} has no offset and limit to page by`);
    const fetchPage = (at: PageQuery) =>
      call<Page>(this.#context, operationId, { query: at }, options, pageViolations);
    const { warn } = this.#context.log;
    return new PagePromise<Page, Item>({ fetchPage, start: query ?? {}, rules, warn });
  }
}
