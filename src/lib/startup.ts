// Startup checks for the Next.js server (instrumentation): a bad variable or a stray DATABASE_URL stops the
// process with one clear line, instead of a server that listens and answers every request with a 500.
import { getConfig } from './config';
import { assertDbEndpoint } from './db/guard';

/** Why the server must not start (the config error or the endpoint guard's message), or null when it may. */
export function startupProblem(): string | null {
  try {
    const config = getConfig();
    assertDbEndpoint(config.REQUIRED_DB_ENDPOINT, config.DATABASE_URL);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Prints the problem (stderr: the logger itself reads the configuration that just failed) and exits 1. */
export function refuseToStart(problem: string): never {
  process.stderr.write(`\n${problem}\n\n`);
  return process.exit(1);
}
