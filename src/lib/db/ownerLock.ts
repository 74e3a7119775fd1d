// One owner per embedded database: a lock file with the owner's pid beside the PGlite data directory, so a
// second process (npm run db:seed while npm start runs) is refused instead of corrupting the files.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export class DbLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`The embedded database at ${dataDir} is in use by process ${pid} (is npm start running?). Stop it first.`);
    this.name = 'DbLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock for this process (a stale lock of a dead process is taken over); returns its release. */
export function acquireOwnerLock(dataDir: string, pid: number = process.pid): () => void {
  const file = `${dataDir.replace(/\/+$/, '')}.lock`;
  let holder = NaN;
  try {
    holder = Number(readFileSync(file, 'utf8').trim());
  } catch {
    // no lock yet
  }
  if (Number.isInteger(holder) && holder > 0 && holder !== pid && alive(holder)) throw new DbLockedError(dataDir, holder);
  writeFileSync(file, `${pid}\n`);
  return () => {
    try {
      if (Number(readFileSync(file, 'utf8').trim()) === pid) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}
