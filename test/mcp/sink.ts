// The streams the command's tests give `main` for its output: each keeps what is written to it.
import { PassThrough } from "node:stream";

/** A writable stream that keeps what is written to it. */
export function sink() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk) => {
    text += chunk;
  });
  return { stream, text: () => text };
}
