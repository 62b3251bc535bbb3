// The promise every resource method returns: a real Promise of the value, settled with it (so
// the platform's own `Promise.prototype.then` sees the value too), which can also hand over
// the final Response. The call runs once, however many ways it is consumed.
import { requestIdOf } from "../errors.js";
import type { Outcome } from "./call.js";

/** The value with the answer it came from. */
export interface WithResponse<T> {
  data: T;
  /** The final Response: status and headers (token masked); its body has been read. */
  response: Response;
  /** The server's `x-request-id` (or `request-id`), when it sent one. */
  requestId: string | undefined;
}

const ignore = () => {};

/** A `Promise<T>` with `.withResponse()` and `.asResponse()`. */
export class DeskPromise<T> extends Promise<T> {
  /** Starts the call on first use, and settles this promise with its value. */
  readonly #begin: () => Promise<Outcome<T>>;

  /** Wraps a call; a `lazy` one starts when first consumed, the others at once. */
  constructor(start: () => Promise<Outcome<T>>, lazy = false) {
    let settle!: (outcome: Promise<Outcome<T>>) => void;
    super((resolve, reject) => {
      settle = (outcome) => outcome.then((answer) => answer.parse()).then(resolve, reject);
    });
    let outcome: Promise<Outcome<T>> | undefined;
    this.#begin = () => {
      if (outcome === undefined) {
        outcome = start();
        settle(outcome);
      }
      return outcome;
    };
    if (!lazy) this.#begin();
  }

  // then(), catch() and finally() give plain Promises.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The call's answer, requested once; the promise itself settles with its value. */
  protected outcome(): Promise<Outcome<T>> {
    return this.#begin();
  }

  /** Says that the caller consumes the call some other way (a walk, the Response): a failure
   *  reaches them there, so the promise's own rejection is not reported as unhandled. */
  protected consumedElsewhere(): void {
    super.then(undefined, ignore);
  }

  /** The value, the final Response and the server's request ID. */
  async withResponse(): Promise<WithResponse<T>> {
    const outcome = await this.outcome();
    const data = await this;
    return { data, response: outcome.response, requestId: requestIdOf(outcome.response.headers) };
  }

  /** The final Response of a 2xx answer, body readable and not parsed; an error answer
   *  rejects with its typed error, as awaiting would. */
  async asResponse(): Promise<Response> {
    this.consumedElsewhere();
    const { text, response } = await this.outcome();
    return new Response(text === "" ? null : text, response);
  }
}
