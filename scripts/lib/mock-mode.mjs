// The mock's --static and --seed flags, shared by npm run mock and npm start.
import { readSeedFile } from "../../src/testing/mock-seed.mjs";
import { UsageError } from "./command-line.mjs";

/** The flags, as parseArgs options. */
export const modeOptions = { static: { type: "boolean" }, seed: { type: "string" } };

/** The usage lines of the flags, their text starting at `column` (as the script's others do). */
export function modeUsage(column) {
  const line = (flag, text) => `  ${flag.padEnd(column - 2)}${text}`;
  return [
    line("--seed FILE", 'start from your own data: JSON { "groups": [...], "agents": [...] },'),
    line("", "checked against the spec (groups as GroupWithMembers, agents as Agent)"),
    line("--static", "no state: every answer is the spec's example, whatever the IDs"),
  ].join("\n");
}

/** { mode, seed } from the parsed flags; a seed file that cannot be read is a UsageError. */
export function mockMode(flags) {
  if (flags.static && flags.seed !== undefined) {
    throw new UsageError("--seed gives the state a start; --static has no state: choose one");
  }
  if (flags.static) return { mode: "static", seed: undefined };
  if (flags.seed === undefined) return { mode: "stateful", seed: undefined };
  try {
    return { mode: "stateful", seed: readSeedFile(flags.seed) };
  } catch (error) {
    throw new UsageError(error.message);
  }
}
