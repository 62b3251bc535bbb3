// Runs one contender of the per-request benchmark sequentially, to be profiled with --cpu-prof.
// Usage: node --cpu-prof bench/profile-target.mjs <contender> <server url> <requests>
import { createDeskClient } from "sendbird-desk-platform";
import { contenders, drive } from "./requests.mjs";

const [name, url, n] = process.argv.slice(2);
const fn = contenders(url, createDeskClient)[name];
if (!fn) throw new Error(`unknown contender ${name}`);
await drive(fn, 1000, 1);
const rps = await drive(fn, Number(n), 1);
process.stdout.write(`${rps}\n`);
