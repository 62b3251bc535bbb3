// The package's name and version. The version comes from package.json when the package is
// built (esbuild's `define`) and when Jest runs (its `globals`), never typed by hand.
declare const __DESK_VERSION__: string | undefined;

/** The npm package's name, as the User-Agent gives it. */
export const PACKAGE_NAME = "sendbird-desk-platform";

/** The package's version, e.g. "0.1.0". */
export const VERSION: string = typeof __DESK_VERSION__ === "string" ? __DESK_VERSION__ : "0.0.0-unbuilt";
