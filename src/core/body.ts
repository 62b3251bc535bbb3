// Reads an answer's body inside the attempt's deadline, up to a byte cap counted on the
// decoded bytes (what fetch hands over after gzip or brotli), so a compressed bomb stops
// early and a huge answer never sits whole in memory.
import { raceSignal } from "./deadline.js";

/** An answer's body as read: its bytes, cut at the cap when `tooLarge`. */
export interface BodyRead {
  bytes: Uint8Array;
  tooLarge: boolean;
}

/** Statuses whose answers have no body by definition. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const EMPTY = new Uint8Array(0);

/** Reads `response`'s body, at most `maxBytes` of it. Each read is raced against `signal`
 *  when one is given: the body of an injected fetch may ignore the signal it was handed (the
 *  platform's own fetch stops reading when its signal aborts). */
export async function readBody(
  response: Response,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<BodyRead> {
  if (NULL_BODY_STATUSES.has(response.status) || !response.body) return { bytes: EMPTY, tooLarge: false };
  return readChunks(response.body, maxBytes, signal);
}

/** Reads chunk by chunk up to the cap, then releases the connection. */
async function readChunks(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<BodyRead> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await (signal ? raceSignal(reader.read(), signal) : reader.read());
      if (done) return { bytes: concat(chunks, total), tooLarge: false };
      total += value.byteLength;
      chunks.push(value);
      if (total > maxBytes) {
        // Enough: release the connection, and keep what fits.
        reader.cancel().catch(() => {});
        return { bytes: concat(chunks, maxBytes), tooLarge: true };
      }
    }
  } catch (error) {
    reader.cancel().catch(() => {}); // given up (deadline or caller): the rest is not wanted
    throw error;
  }
}

/** The first `length` bytes of `chunks`, as one array. */
function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.byteLength === length) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    if (at >= length) break;
    const part = chunk.subarray(0, length - at);
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
