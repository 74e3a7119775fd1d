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

const lockFile = (dataDir: string) => `${dataDir.replace(/\/+$/, '')}.lock`;

function holderOf(dataDir: string): number {
  try {
    return Number(readFileSync(lockFile(dataDir), 'utf8').trim());
  } catch {
    return NaN; // no lock
  }
}

/** Removes the lock if `pid` holds it. */
export function releaseOwnerLockOf(dataDir: string, pid: number): void {
  if (holderOf(dataDir) === pid) rmSync(lockFile(dataDir), { force: true });
}

/** Removes a lock whose owner has exited (npm start, after the Next.js server it ran has stopped). */
export function clearStaleOwnerLock(dataDir: string): void {
  const holder = holderOf(dataDir);
  if (Number.isInteger(holder) && !alive(holder)) rmSync(lockFile(dataDir), { force: true });
}

/** Takes the lock for this process (a stale lock of a dead process is taken over); returns its release. */
export function acquireOwnerLock(dataDir: string, pid: number = process.pid): () => void {
  const holder = holderOf(dataDir);
  if (Number.isInteger(holder) && holder > 0 && holder !== pid && alive(holder)) throw new DbLockedError(dataDir, holder);
  writeFileSync(lockFile(dataDir), `${pid}\n`);
  return () => releaseOwnerLockOf(dataDir, pid);
}
