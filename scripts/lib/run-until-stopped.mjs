// Keeps a script's services up until Ctrl-C (SIGINT) or SIGTERM, then stops every one of them;
// if a service ends by itself, the others are stopped too and the script fails.

/**
 * services: [{ name, stop: () => Promise, exited: Promise }]. Resolves to the exit code
 * (0 after a signal, 1 when a service died) once everything is stopped.
 */
export function runUntilStopped(services) {
  return new Promise((finish) => {
    let stopping = false;
    const stopAll = async (code, why) => {
      if (stopping) return;
      stopping = true;
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
      if (why) console.error(why);
      await Promise.all(services.map((service) => service.stop()));
      if (code === 0) console.error("Stopped.");
      finish(code);
    };
    const onSignal = (signal) =>
      stopAll(0, `\n${signal}: stopping ${services.map((s) => s.name).join(" and ")}...`);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    for (const service of services) {
      service.exited.then((how) => stopAll(1, `${service.name} stopped unexpectedly (${describe(how)})`));
    }
  });
}

function describe(how) {
  return how?.signal ? `signal ${how.signal}` : `exit code ${how?.code}`;
}
