// The request object openapi-fetch builds for a resource call when no middleware will look
// at it. A native Request costs tens of microseconds to build, and the fetch below builds its
// own for each attempt anyway; this class keeps only what the transport reads, so a call
// builds one native Request per attempt instead of one more per call.

/** What the transport is given: a native Request, or a LightRequest. */
export type OutgoingRequest = Request | LightRequest;

/** Only what openapi-fetch gives and the transport reads: URL, method, headers, body, signal. */
export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal | null;
  /** The serialized body as openapi-fetch made it (a JSON string), sent as is. */
  readonly body: BodyInit | null;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.signal = init.signal ?? null;
    this.body = init.body ?? null;
  }
}
