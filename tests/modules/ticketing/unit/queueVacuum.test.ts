// Which queue tables the worker vacuums: those with at least the threshold of dead row versions; 0 turns it off.
import { describe, expect, it } from 'vitest';
import { tablesToVacuum } from '@/src/modules/ticketing/jobs/queueVacuum';

describe('tablesToVacuum', () => {
  const rows = [
    { table: 'inbound_events' as const, dead: 12_000, live: 400_000 },
    { table: 'outbox' as const, dead: 9_999, live: 50 },
  ];

  it('picks the tables at or over the threshold, however small a share of the table that is', () => {
    expect(tablesToVacuum(rows, 10_000)).toEqual(['inbound_events']);
    expect(tablesToVacuum(rows, 9_999)).toEqual(['inbound_events', 'outbox']);
    expect(tablesToVacuum(rows, 12_001)).toEqual([]);
  });

  it('vacuums nothing when the threshold is 0 (left to autovacuum) or nothing was counted', () => {
    expect(tablesToVacuum(rows, 0)).toEqual([]);
    expect(tablesToVacuum([], 1)).toEqual([]);
  });
});
