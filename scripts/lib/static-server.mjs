// A small read-only static file server (node:http) for the built docs: GET and HEAD only,
// never a file outside its directory (no dot segments, no encoded slashes, no symlink escape).
// Kept by hand rather than sirv: sirv 3 pipes its file streams with .pipe() (an aborted
// download leaves the file open) and follows symlinks out of its folder; this server streams
// with stream.pipeline, which closes the file however the response ends.
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

/** Types worth compressing: the Redoc page (2.5 MB of HTML, its script inlined) goes as about
 *  0.7 MB of gzip to a browser that accepts it; the file on disk stays whole and offline. */
const compressible = new Set([".html", ".js", ".mjs", ".css", ".json", ".yaml", ".svg", ".txt"]);

const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Creates (does not start) an HTTP server for the files under `directory`. */
export function createStaticServer(directory) {
  return createServer((req, res) => {
    serve(directory, req, res).catch((error) => fail(res, error));
  });
}

/** Starts `server` on host:port (0 = a free port); resolves to its URL, or rejects with the listen error. */
export function listen(server, host, port) {
  return new Promise((ok, ko) => {
    server.once("error", ko);
    server.listen(port, host, () => {
      server.removeListener("error", ko);
      // Once listening, an error (an accept() refused for want of file descriptors) is
      // reported and the server keeps serving: it must not end the process.
      server.on("error", (error) => console.error(`docs server: ${error.message}`));
      ok(`http://${host}:${server.address().port}`);
    });
  });
}

/** Stops accepting connections, closes the open ones, resolves when the server is closed. */
export function close(server) {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

async function serve(directory, req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, "Method not allowed", { Allow: "GET, HEAD" });
  }
  const file = await locate(directory, req.url ?? "/");
  if (!file) return send(res, 404, "Not found");
  // A folder asked for without its slash (/client) is sent to /client/: its page's relative
  // links (assets/style.css) resolve against the folder only then.
  if (file.folder) return send(res, 301, "Moved", { Location: file.folder });
  const type = extname(file.path).toLowerCase();
  const gzip = compressible.has(type) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  res.writeHead(200, {
    "Content-Type": contentTypes[type] ?? "application/octet-stream",
    ...(gzip ? { "Content-Encoding": "gzip" } : { "Content-Length": file.size }),
    ...(compressible.has(type) ? { Vary: "Accept-Encoding" } : {}),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
  });
  if (req.method === "HEAD") return res.end();
  // pipeline destroys the file stream (closing its descriptor) when the client goes away.
  if (gzip) await pipeline(createReadStream(file.path), createGzip(), res);
  else await pipeline(createReadStream(file.path), res);
}

/** Ends a request that failed: a 503 when the process is out of file descriptors, else 500;
 *  nothing more when the answer had begun (the client went away mid-download). */
function fail(res, error) {
  if (res.headersSent || res.destroyed) return res.destroy();
  if (outOfDescriptors(error)) return send(res, 503, "Busy, try again", { "Retry-After": "1" });
  send(res, 500, "Internal error");
}

/** Maps a request target to a regular file inside `directory`, or null. */
async function locate(directory, target) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(target, "http://x").pathname);
  } catch {
    return null;
  }
  const segments = pathname.split("/").filter(Boolean);
  // Checked after decoding, so %2e%2e, %2f and %5c cannot smuggle a segment past the URL parser.
  if (segments.some((s) => s === "." || s === ".." || /[\\/\0]/.test(s) || s.startsWith("."))) return null;
  if (pathname.endsWith("/")) segments.push("index.html");
  try {
    const base = await realpath(directory);
    let path = await realpath(join(base, ...segments));
    let info = await stat(path);
    const folder = info.isDirectory() && !pathname.endsWith("/");
    if (info.isDirectory()) {
      path = await realpath(join(path, "index.html"));
      info = await stat(path);
    }
    if (!info.isFile() || (path !== base && !path.startsWith(base + sep))) return null;
    // Built from the checked segments, so the address stays on this server, query kept.
    if (folder)
      return {
        folder: `/${segments.map(encodeURIComponent).join("/")}/${new URL(target, "http://x").search}`,
      };
    return { path, size: info.size };
  } catch (error) {
    if (outOfDescriptors(error)) throw error;
    return null;
  }
}

function outOfDescriptors(error) {
  return error?.code === "EMFILE" || error?.code === "ENFILE";
}

function send(res, status, text, headers = {}) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
  res.end(`${text}\n`);
}
