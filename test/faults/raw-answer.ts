// A scripted step that writes the answer's bytes on the socket itself, for what node:http
// refuses to send but a careless server (or a proxy) does: a status text with a control
// character, a header value with C1 bytes, non-ASCII in a status text.
import type { Step } from "./scripted-server.js";

/** What a raw answer is made of. */
export interface RawAnswer {
  status: number;
  /** Written as UTF-8 bytes, unchecked. */
  statusText: string;
  /** Values written as Latin-1 bytes (what HTTP/1.1 header bytes decode to), unchecked. */
  headers?: Record<string, string>;
  /** A string (written as UTF-8) or JSON for anything else. */
  body?: unknown;
}

/** Answers with exactly these bytes, then closes the connection. */
export function rawAnswer({ status, statusText, headers = {}, body = "" }: RawAnswer): Step {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const type = typeof body === "string" ? "text/plain" : "application/json";
  const bytes = Buffer.from(text, "utf8");
  const lines = Object.entries({ "content-type": type, ...headers }).map(([name, value]) =>
    Buffer.from(`${name}: ${value}\r\n`, "latin1"),
  );
  return (_req, res) => {
    res.socket?.end(
      Buffer.concat([
        Buffer.from(`HTTP/1.1 ${status} ${statusText}\r\n`, "utf8"),
        ...lines,
        Buffer.from(`content-length: ${bytes.byteLength}\r\nconnection: close\r\n\r\n`, "latin1"),
        bytes,
      ]),
    );
  };
}
