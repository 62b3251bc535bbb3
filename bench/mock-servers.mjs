// The benchmark's mocks, in a process of their own (so the load generator does not share their
// event loop): two stateful mocks (the A/A pair) and a static one, each on a free loopback
// port. Prints their URLs as one JSON line, and stops them all when stdin closes.
import { serveMock } from "../src/testing/mock-server.mjs";
import { root, specFile } from "../scripts/lib/spec-facts.mjs";

const start = (mode) => serveMock({ document: specFile, from: root, port: 0, mode });
const mocks = {
  stateful: await start("stateful"),
  "stateful (A/A copy)": await start("stateful"),
  static: await start("static"),
};
console.log(
  JSON.stringify(Object.fromEntries(Object.entries(mocks).map(([name, mock]) => [name, mock.url]))),
);
process.stdin.resume();
process.stdin.on("end", async () => {
  await Promise.all(Object.values(mocks).map((mock) => mock.close()));
  process.exit(0);
});
