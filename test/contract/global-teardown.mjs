// Jest globalTeardown: stops the Prism mock started by global-setup.mjs and waits for it to exit.

/** Stops Prism (SIGTERM, then SIGKILL after a grace period). */
export default async function globalTeardown() {
  await globalThis.__deskPrism?.stop();
  delete globalThis.__deskPrism;
}
