// Startup guard: production pins the Neon endpoint, so a stray DATABASE_URL can never be used by mistake.
export class DbEndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DbEndpointError';
  }
}

/** Throws when REQUIRED_DB_ENDPOINT is set and the database URL's host does not contain it. */
export function assertDbEndpoint(required: string | undefined, databaseUrl: string | undefined): void {
  if (!required) return;
  let host = '';
  try {
    host = databaseUrl ? new URL(databaseUrl).hostname : '';
  } catch {
    host = '';
  }
  if (!host.includes(required)) {
    throw new DbEndpointError(
      `Refusing to start: REQUIRED_DB_ENDPOINT is "${required}" but DATABASE_URL points at ` +
        `"${host || '(no database URL: embedded PGlite)'}". Point DATABASE_URL at the ${required} endpoint, ` +
        'or unset REQUIRED_DB_ENDPOINT outside production.',
    );
  }
}
