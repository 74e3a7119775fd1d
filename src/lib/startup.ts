// Startup checks for the Next.js server (instrumentation): a bad variable or a stray DATABASE_URL stops the
// process with one clear line, instead of a server that listens and answers every request with a 500.
import { getConfig, type AppConfig } from './config';
import { assertDbEndpoint } from './db/guard';

export function checkStartup(exit: (code: number) => never = process.exit, write: (text: string) => void = (t) => process.stderr.write(t)): AppConfig {
  try {
    const config = getConfig();
    assertDbEndpoint(config.REQUIRED_DB_ENDPOINT, config.DATABASE_URL);
    return config;
  } catch (err) {
    // stderr, not the logger: the logger itself reads the configuration that just failed.
    write(`\n${(err as Error).message}\n\n`);
    return exit(1);
  }
}
