// Running a transaction again after PostgreSQL chose it as a deadlock victim (or a serialisation failure).
import { describe, expect, it } from 'vitest';
import { moduleLogger } from '@/src/lib/logger';
import { isTransientDbError, retryTransient } from '@/src/lib/db/transient';

const log = moduleLogger('test').child({}, { level: 'silent' });
const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('retryTransient', () => {
  it('runs again after a deadlock or a serialisation failure and returns what the last run returned', async () => {
    let calls = 0;
    const out = await retryTransient(async () => {
      calls += 1;
      if (calls === 1) throw pgError('40P01');
      if (calls === 2) throw pgError('40001');
      return 'applied';
    }, { log, what: 'test' });
    expect([out, calls]).toEqual(['applied', 3]);
  });

  it('gives up after the attempts allowed, and at once on any other error', async () => {
    let calls = 0;
    await expect(retryTransient(async () => {
      calls += 1;
      throw pgError('40P01');
    }, { log, what: 'test', attempts: 2 })).rejects.toThrow('pg 40P01');
    expect(calls).toBe(2);
    calls = 0;
    await expect(retryTransient(async () => {
      calls += 1;
      throw pgError('23505');
    }, { log, what: 'test' })).rejects.toThrow('pg 23505');
    expect(calls).toBe(1);
    expect([isTransientDbError(pgError('40P01')), isTransientDbError(new Error('x')), isTransientDbError(null)]).toEqual([true, false, false]);
  });
});
