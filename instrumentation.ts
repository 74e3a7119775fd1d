// Next.js instrumentation: when the server starts in the Node.js runtime, check the configuration and the database
// guard (a bad variable or a stray DATABASE_URL stops the server with a message naming it), then start the
// in-process worker (outbox delivery + SLA sweep). With PGlite this is the only way to run it: one process owns
// the database.
export async function register(): Promise<void> {
  // NEXT_RUNTIME is a build-time constant Next.js inlines per bundle, not configuration: reading it here
  // (outside src/lib/config) is what lets the Edge bundle drop the Node-only imports below entirely.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startupProblem, refuseToStart } = await import('./src/lib/startup');
  const problem = startupProblem();
  if (problem) refuseToStart(problem);
  const { startInProcessWorker } = await import('./src/modules/ticketing/jobs/worker');
  try {
    await startInProcessWorker();
  } catch (err) {
    // The database may be down: the web app still serves (health says why), and the worker starts with the next boot.
    const { moduleLogger } = await import('./src/lib/logger');
    moduleLogger('worker').error({ err }, 'in-process worker did not start');
  }
}
