// UID rules per source: formats, padding, required facts and the weekly report identifier.
import { describe, expect, it } from 'vitest';
import { looksLikeUid, planUid, qcontactDigits, UidRuleError, weeklyReportUid } from '@/src/modules/ticketing/services/uid';

function uidOf(source: Parameters<typeof planUid>[0], facts: Parameters<typeof planUid>[1], n = 7): string {
  const plan = planUid(source, facts);
  return plan.kind === 'fixed' ? plan.uid : plan.format(n);
}

describe('planUid', () => {
  it.each([
    ['qcontact', { qcontactRef: 'FT490441' }, 'FT490441'],
    ['qcontact', { qcontactRef: '490441' }, 'FT490441'],
    ['qcontact', { qcontactRef: ' ft657323 ' }, 'FT657323'],
    ['whatsapp', { drNumber: 'DR1734472' }, 'DR1734472-7'],
    ['whatsapp_outbound', { drNumber: 'DR1734472' }, 'DR1734472-7'],
    ['construction', { drNumber: 'DR1734472' }, 'DR1734472-7'],
    ['email', {}, 'EML-000007'],
    ['internal', {}, 'FF-000007'],
    ['adhoc', {}, 'AH-000007'],
    ['weekly_report', { qcontactRef: 'FT123456', drNumber: 'DR1734472' }, 'FT123456'],
    ['weekly_report', { drNumber: 'DR1734472' }, 'DR1734472-7'],
  ] as const)('%s %j -> %s', (source, facts, uid) => {
    expect(uidOf(source, facts)).toBe(uid);
  });

  it('shares one counter per drop between the drop-based sources, and one per prefix otherwise', () => {
    const keys = (['whatsapp', 'whatsapp_outbound', 'construction'] as const).map((s) => {
      const p = planUid(s, { drNumber: 'DR1000001' });
      return p.kind === 'counter' ? p.counterKey : '';
    });
    expect(new Set(keys)).toEqual(new Set(['drop:DR1000001']));
    const e = planUid('email', {});
    expect(e.kind === 'counter' && e.counterKey).toBe('email');
  });

  it('pads {n} to six digits and keeps growing past a million', () => {
    expect(uidOf('internal', {}, 1)).toBe('FF-000001');
    expect(uidOf('adhoc', {}, 1234567)).toBe('AH-1234567');
  });

  it.each([
    ['whatsapp', {}, 'drNumber'],
    ['construction', { drNumber: 'DR123' }, 'drNumber'],
    ['weekly_report', {}, 'drNumber'],
    ['qcontact', {}, 'qcontactRef'],
    ['qcontact', { qcontactRef: 'AB12' }, 'qcontactRef'],
  ] as const)('refuses %s without what its UID needs (%j)', (source, facts, field) => {
    try {
      planUid(source, facts);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UidRuleError);
      expect((err as UidRuleError).field).toBe(field);
    }
  });
});

describe('UID helpers', () => {
  it('recognises our UID shapes only', () => {
    for (const u of ['FT490441', 'DR1734472-12', 'EML-000123', 'FF-000001', 'AH-000042']) expect(looksLikeUid(u)).toBe(true);
    for (const u of ['490441', 'DR1734472', 'EML-12', '3f0c6f7e-0000-4000-8000-000000000000', 'XX-000001']) expect(looksLikeUid(u)).toBe(false);
  });

  it('extracts QContact digits', () => {
    expect(qcontactDigits('FT001')).toBe('001');
    expect(() => qcontactDigits('FT')).toThrow(UidRuleError);
  });

  it('formats weekly report import ids by ISO week', () => {
    expect(weeklyReportUid(2026, 48, 1)).toBe('WR2026-W48-001');
    expect(weeklyReportUid(2027, 1, 12)).toBe('WR2027-W01-012');
    expect(() => weeklyReportUid(2026, 54, 1)).toThrow(UidRuleError);
    expect(() => weeklyReportUid(2026, 0, 1)).toThrow(UidRuleError);
    expect(() => weeklyReportUid(2026, 10, 0)).toThrow(UidRuleError);
    expect(() => weeklyReportUid(2026, 10, 1000)).toThrow(UidRuleError);
  });
});
