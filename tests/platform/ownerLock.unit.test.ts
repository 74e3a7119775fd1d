// The embedded database's owner lock: one live process at a time; a dead owner's lock is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireOwnerLock, clearStaleOwnerLock, DbLockedError } from '@/src/lib/db/ownerLock';

const dataDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'ff-lock-')), 'pglite');

describe('owner lock', () => {
  it('writes the owner pid beside the data directory and removes it on release', () => {
    const dir = dataDir();
    const release = acquireOwnerLock(`${dir}/`);
    expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    expect(acquireOwnerLock(dir)).toBeTypeOf('function'); // the same process may reopen
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    release(); // twice is harmless
  });

  it('refuses while another live process owns the database, naming it', () => {
    const dir = dataDir();
    acquireOwnerLock(dir, process.ppid);
    expect(() => acquireOwnerLock(dir)).toThrow(DbLockedError);
    expect(() => acquireOwnerLock(dir)).toThrow(`in use by process ${process.ppid} (is npm start running?)`);
  });

  it('takes over the lock of a process that is gone, or a garbled one', () => {
    const dir = dataDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    writeFileSync(`${dir}.lock`, `${dead}\n`);
    acquireOwnerLock(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    writeFileSync(`${dir}.lock`, 'not a pid\n');
    expect(() => acquireOwnerLock(dir)).not.toThrow();
  });

  it('clears a stale lock after its owner exited, and never a live one', () => {
    const dir = dataDir();
    clearStaleOwnerLock(dir); // no lock: nothing to do
    acquireOwnerLock(dir, process.ppid);
    clearStaleOwnerLock(dir);
    expect(existsSync(`${dir}.lock`)).toBe(true);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    writeFileSync(`${dir}.lock`, `${dead}\n`);
    clearStaleOwnerLock(dir);
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('does not remove a lock that another owner took over since', () => {
    const dir = dataDir();
    const release = acquireOwnerLock(dir);
    writeFileSync(`${dir}.lock`, `${process.ppid}\n`);
    release();
    expect(readFileSync(`${dir}.lock`, 'utf8').trim()).toBe(String(process.ppid));
    rmSync(`${dir}.lock`);
  });
});
