// The cause x guarantee rule: who is liable decides whether guarantee work becomes billable, and at what price.
import { describe, expect, it } from 'vitest';
import { decideFaultCauseBilling, type CauseFacts } from '@/src/modules/ticketing/services/billing/faultCauseRule';

const fee = { id: 'fee-1', serviceType: 'Fault call-out (high)', baseFeeCents: 35000, hourlyRateCents: 12000, travelFeeCents: 7500, afterHoursMultiplier: 1.5, defaultHours: 1 };
const facts = (o: Partial<CauseFacts>): CauseFacts => ({ cause: 'vandalism', detail: null, billingType: 'guarantee', fee, work: null, afterHours: false, ...o });

describe('decideFaultCauseBilling', () => {
  it.each(['client_damage', 'third_party', 'vandalism'])('bills %s inside the guarantee', (cause) => {
    const d = decideFaultCauseBilling(facts({ cause }));
    expect(d.action).toBe('bill');
    expect(d.reason).toMatch(/is not the contractor's liability/);
  });

  it.each(['workmanship', 'material_failure', 'environmental', 'unknown'])('keeps %s under the guarantee', (cause) => {
    expect(decideFaultCauseBilling(facts({ cause }))).toMatchObject({ action: 'keep', reason: expect.stringContaining('guarantee covers it') });
  });

  it('prices the actual work, after hours when the ticket was', () => {
    const d = decideFaultCauseBilling(facts({ work: { hours: 2, partsCents: 1000, trips: 2 }, afterHours: true, detail: 'Dug up by a contractor', cause: 'third_party' }));
    expect(d).toMatchObject({ action: 'bill', fromActualWork: true, feeScheduleId: 'fee-1' });
    // (350 + 240) x 1.5 + 2 x 75 + 10 = 1045.
    expect(d.action === 'bill' && d.priced?.totalCents).toBe(104500);
    expect(d.reason).toContain('third-party damage (Dug up by a contractor)');
    expect(d.reason).toContain('priced from the actual work (2 h, 2 trip(s))');
  });

  it('bills with an unknown cost when no fee row prices the work', () => {
    expect(decideFaultCauseBilling(facts({ fee: null }))).toMatchObject({ action: 'bill', priced: null, feeScheduleId: null, reason: expect.stringContaining('cost is unknown') });
  });

  it('does nothing outside the guarantee or without a cause', () => {
    expect(decideFaultCauseBilling(facts({ billingType: 'sla' })).action).toBe('keep');
    expect(decideFaultCauseBilling(facts({ billingType: null })).action).toBe('keep');
    expect(decideFaultCauseBilling(facts({ cause: null })).action).toBe('keep');
    expect(decideFaultCauseBilling(facts({ cause: 'meteor' })).reason).toContain('meteor');
  });
});
