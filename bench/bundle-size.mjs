// Bundle size: esbuild bundles and minifies an ESM entry (dependencies included) for the
// browser, and node:zlib gzips the result at its highest level.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";

/** Bytes of the minified bundle of `contents` (ESM source resolved from `resolveDir`), raw and gzipped. */
export async function bundleSize(contents, resolveDir) {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}
