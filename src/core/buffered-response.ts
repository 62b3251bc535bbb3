// The Response the transport hands back: its body was read inside the attempt (so the
// deadline covered it), and is served from memory. A Response built around a byte array
// would wrap it in a new stream, whose cost showed in every call; this one builds the stream
// only if someone asks for `body`, and otherwise answers `text()`, `json()`, `arrayBuffer()`
// and `clone()` from the bytes.

import type { CallInfo } from "./call-info.js";

const utf8 = new TextDecoder();

/** A Response whose whole body is already in memory, and that knows the call it answers. */
export interface BufferedResponse extends Response {
  /** Where the call went, and after how many attempts this answer came. */
  readonly call: CallInfo;
}

/** Status, status text and headers of a BufferedResponse. */
export interface BufferedInit {
  status: number;
  statusText: string;
  headers: Headers;
}

/** Builds a BufferedResponse. The class is defined on first use: naming `Response` at import
 *  time would load the platform's fetch implementation with this package (about 25 ms in Node). */
export function bufferedResponse(bytes: Uint8Array, init: BufferedInit, call: CallInfo): BufferedResponse {
  bufferedClass ??= defineBufferedResponse();
  return new bufferedClass(bytes, init, call);
}

/** True for an answer the transport built (not one a middleware put in its place). */
export const isBufferedResponse = (response: Response): response is BufferedResponse =>
  bufferedClass !== undefined && response instanceof bufferedClass;

type BufferedClass = new (bytes: Uint8Array, init: BufferedInit, call: CallInfo) => BufferedResponse;
let bufferedClass: BufferedClass | undefined;

function defineBufferedResponse(): BufferedClass {
  return class BufferedResponse extends Response {
    /** Where the call went, and after how many attempts this answer came. */
    readonly call: CallInfo;
    readonly #bytes: Uint8Array;
    readonly #headers: Headers;
    #used = false;
    #stream: ReadableStream<Uint8Array<ArrayBuffer>> | null | undefined;

    constructor(bytes: Uint8Array, { status, statusText, headers }: BufferedInit, call: CallInfo) {
      super(null, { status, statusText });
      this.#bytes = bytes;
      this.#headers = headers;
      this.call = call;
    }

    override get headers(): Headers {
      return this.#headers;
    }

    /** The body as a stream, built on first use. */
    override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
      if (this.#stream === undefined) {
        this.#stream = this.#bytes.byteLength === 0 ? null : new Response(this.#bytes as BodyInit).body;
      }
      return this.#stream;
    }

    override get bodyUsed(): boolean {
      return this.#used || (this.#stream?.locked ?? false);
    }

    override clone(): Response {
      if (this.bodyUsed) throw new TypeError("Response.clone: the body has already been read");
      const { status, statusText } = this;
      return bufferedResponse(
        this.#bytes,
        { status, statusText, headers: new Headers(this.#headers) },
        this.call,
      );
    }

    override text(): Promise<string> {
      return this.#consume(() => utf8.decode(this.#bytes));
    }

    override json(): Promise<unknown> {
      return this.#consume(() => JSON.parse(utf8.decode(this.#bytes)));
    }

    override arrayBuffer(): Promise<ArrayBuffer> {
      return this.#consume(() => this.#bytes.slice().buffer as ArrayBuffer);
    }

    override bytes(): Promise<Uint8Array<ArrayBuffer>> {
      return this.#consume(() => this.#bytes.slice() as Uint8Array<ArrayBuffer>);
    }

    override blob(): Promise<Blob> {
      return this.#consume(
        () => new Blob([this.#bytes as BlobPart], { type: this.headers.get("content-type") ?? "" }),
      );
    }

    override formData(): Promise<FormData> {
      if (this.bodyUsed) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
      this.#used = true;
      return new Response(this.#bytes as BodyInit, { headers: this.headers }).formData();
    }

    /** Reads the body once, as a native Response does: a second read rejects. */
    #consume<T>(read: () => T): Promise<T> {
      if (this.bodyUsed) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
      this.#used = true;
      try {
        return Promise.resolve(read());
      } catch (error) {
        return Promise.reject(error);
      }
    }
  };
}
