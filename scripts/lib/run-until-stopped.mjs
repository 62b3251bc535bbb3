// Keeps a script's services up until Ctrl-C (SIGINT), SIGTERM, SIGHUP or the death of the
// process that started the script, then stops every one of them; if a service ends by
// itself, the others are stopped too and the script fails.

/** How often the parent process is checked (a process manager may SIGKILL it). */
const parentPollMs = 500;
/** The process that started the script, read when the script loads: a parent that dies after
 *  the script prints that it is ready, but before its services are watched (a caller that
 *  kills npm as soon as it reads that line, on a loaded machine), must still count as gone. */
const parent = process.ppid;

/**
 * services: [{ name, stop: () => Promise, exited: Promise }]. Resolves to the exit code
 * (0 after a signal or the parent's death, 1 when a service died) once everything is stopped.
 */
export function runUntilStopped(services) {
  return new Promise((finish) => {
    let stopping = false;
    const names = services.map((s) => s.name).join(" and ");
    const stopAll = async (code, why) => {
      if (stopping) return;
      stopping = true;
      clearInterval(parentWatch);
      for (const signal of signals) process.removeListener(signal, onSignal);
      if (why) console.error(why);
      await Promise.all(services.map((service) => service.stop()));
      if (code === 0) console.error("Stopped.");
      finish(code);
    };
    const onSignal = (signal) => stopAll(0, `\n${signal}: stopping ${names}...`);
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const signal of signals) process.on(signal, onSignal);
    // When the parent dies (npm killed with SIGKILL), this process is adopted by another one:
    // its parent PID changes, and nobody is left to stop it but itself.
    const parentWatch = setInterval(() => {
      if (process.ppid !== parent) stopAll(0, `the parent process (${parent}) is gone: stopping ${names}...`);
    }, parentPollMs);
    for (const service of services) {
      service.exited.then((how) => stopAll(1, `${service.name} stopped unexpectedly (${describe(how)})`));
    }
  });
}

function describe(how) {
  if (how?.error) return how.error.message;
  return how?.signal ? `signal ${how.signal}` : `exit code ${how?.code}`;
}
