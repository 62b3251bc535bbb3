// Jest globalSetup: one Prism mock of generated/openapi.json per Jest run, on a free port, in
// Jest's own process (scripts/lib/prism.mjs).
// Tests read its URL from process.env.DESK_MOCK_URL; global-teardown.mjs stops it.
import { startPrism } from "../../scripts/lib/prism.mjs";

/** Starts Prism and publishes its URL to the test workers. */
export default async function globalSetup() {
  const prism = await startPrism({ port: 0 });
  // globalSetup and globalTeardown run in the same process: the handle is kept for the teardown.
  globalThis.__deskPrism = prism;
  process.env.DESK_MOCK_URL = prism.url;
}
