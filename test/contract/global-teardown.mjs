// Jest globalTeardown: stops the Prism mock started by global-setup.mjs and waits for it to exit.

/** Stops Prism (it runs in this process: its server is closed). */
export default async function globalTeardown() {
  await globalThis.__deskPrism?.stop();
  delete globalThis.__deskPrism;
}
