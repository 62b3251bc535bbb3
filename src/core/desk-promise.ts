// The promise every resource method returns: a real Promise of the value, which can also
// hand over the final Response. The call runs once, however many ways it is consumed.
import { requestIdOf } from "./request-id.js";

/** A call's answer: the final Response (body read), its text, and the checked value. */
export interface Outcome<T> {
  response: Response;
  text: string;
  /** Parses and checks the body; throws `DeskInvalidResponseError` when it is not the documented shape. */
  read(): T;
}

/** The value with the answer it came from. */
export interface WithResponse<T> {
  data: T;
  /** The final Response: status and headers (token masked); its body has been read. */
  response: Response;
  /** The server's `x-request-id` (or `request-id`), when it sent one. */
  requestId: string | undefined;
}

/** The base Promise's executor: its own value is never read, as then() is overridden. */
const settleUnread = (resolve: (value: never) => void) => resolve(undefined as never);

/** A `Promise<T>` with `.withResponse()` and `.asResponse()`. */
export class DeskPromise<T> extends Promise<T> {
  readonly #run: () => Promise<Outcome<T>>;
  #outcome: Promise<Outcome<T>> | undefined;
  #value: Promise<T> | undefined;

  /** Wraps a call; `lazy` ones start when first consumed, the others at once. */
  constructor(run: () => Promise<Outcome<T>>, lazy = false) {
    super(settleUnread); // never read: every consumer goes through then()
    this.#run = run;
    if (!lazy) this.outcome();
  }

  // then(), catch() and finally() give plain Promises.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The call's answer, requested once. */
  protected outcome(): Promise<Outcome<T>> {
    this.#outcome ??= this.#run();
    return this.#outcome;
  }

  /** The checked value, parsed once. */
  protected value(): Promise<T> {
    this.#value ??= this.outcome().then((outcome) => outcome.read());
    return this.#value;
  }

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Promise.then types it
    onRejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.value().then(onFulfilled, onRejected);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Promise.catch types it
  override catch<B = never>(onRejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.value().catch(onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<T> {
    return this.value().finally(onFinally);
  }

  /** The value, the final Response and the server's request ID. */
  async withResponse(): Promise<WithResponse<T>> {
    const outcome = await this.outcome();
    const data = await this.value();
    return { data, response: outcome.response, requestId: requestIdOf(outcome.response.headers) };
  }

  /** The final Response of a 2xx answer, body readable and not parsed; an error answer
   *  rejects with its typed error, as awaiting would. */
  async asResponse(): Promise<Response> {
    const { text, response } = await this.outcome();
    return new Response(text === "" ? null : text, response);
  }
}
