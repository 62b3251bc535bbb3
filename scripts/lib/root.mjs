// The repository root, for every script that reads or writes a file of the project.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (the folder of package.json). */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
