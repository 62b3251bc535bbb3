// Imports one module (argv[2]) in this fresh process and prints how long the import took, in ms.
import { performance } from "node:perf_hooks";

const start = performance.now();
await import(process.argv[2]);
process.stdout.write(`${performance.now() - start}\n`);
