// Paired rounds: in each round every contender runs one short block, in an order rotated from
// round to round (and shuffled each cycle of rounds, see roundOrder), so that a ratio between
// two contenders is taken over blocks run moments apart. A block's wall time and the CPU time
// of this (the client) process are both kept.
import { performance } from "node:perf_hooks";
import { roundOrder } from "./stats.cjs";

/** Calls `fn(id)` `calls` times with `concurrency` calls in flight; ids run on from `firstId`. */
export async function drive(fn, calls, concurrency, firstId = 1) {
  let done = 0;
  const worker = async () => {
    while (done < calls) await fn(firstId + done++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker));
}

/** Wall and CPU (user + system, every thread of this process) microseconds of one `block()`. */
export async function timed(block) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await block();
  const wallUs = (performance.now() - start) * 1000;
  const used = process.cpuUsage(cpu);
  return { wallUs, cpuUs: used.user + used.system };
}

/** Runs `rounds` rounds of `blocks` (name -> () => Promise) in the order of roundOrder (drawn
 *  from `seed`); per name, the wall and CPU µs of each round, divided by `divisor`. */
export async function pairedRounds(blocks, { rounds, divisor = 1, seed = 1 }) {
  const names = Object.keys(blocks);
  const samples = Object.fromEntries(names.map((name) => [name, { wall: [], cpu: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const name of roundOrder(names, round, seed)) {
      const { wallUs, cpuUs } = await timed(blocks[name]);
      samples[name].wall.push(wallUs / divisor);
      samples[name].cpu.push(cpuUs / divisor);
    }
  }
  return samples;
}
