// The billing calculator over a table of cases: every branch and boundary of guarantee, contract and fee selection.
import { describe, expect, it } from 'vitest';
import {
  addDays, classifyBilling, feeSpecificity, startOfLocalDay, type BillingInput, type ContractFacts, type FeeRowFacts,
} from '@/src/modules/ticketing/services/billing/billingCalculator';

const TZ = 'Africa/Johannesburg';
const P1 = 'project-1';
const P2 = 'project-2';
const C1 = 'client-1';
const C2 = 'client-2';
const DR = 'DR1734472';

function contract(o: Partial<ContractFacts> = {}): ContractFacts {
  return { id: 'k-client', contractNumber: 'K-100', clientId: C1, projectId: null, startDate: '2026-01-01', endDate: null, active: true, ...o };
}

function fee(o: Partial<FeeRowFacts> = {}): FeeRowFacts {
  return {
    id: 'fee-any', serviceType: 'Fault call-out', ticketType: 'fault', priority: null, projectId: null, baseFeeCents: 25_000,
    hourlyRateCents: 10_000, travelFeeCents: 5_000, afterHoursMultiplier: 1.5, defaultHours: 1, effectiveFrom: '2026-01-01',
    effectiveTo: null, active: true, ...o,
  };
}

/** A fault on drop DR1734472 (project 1 of client 1), installed 2026-01-01, default guarantee, no contracts, no fees. */
function input(o: { now: string; ticket?: Partial<BillingInput['ticket']> } & Partial<Omit<BillingInput, 'now' | 'ticket'>>): BillingInput {
  const { now, ticket, ...rest } = o;
  return {
    ticket: { ticketType: 'fault', priority: 'medium', drNumber: DR, projectId: P1, clientId: C1, faultCause: null, ...ticket },
    drop: { drNumber: DR, installDate: '2026-01-01', projectId: P1 },
    guarantee: null,
    contracts: [],
    fees: [],
    timeZone: TZ,
    afterHours: false,
    ...rest,
    now: new Date(now),
  };
}

const LATE = '2026-11-25T10:00:00+02:00';

interface Case {
  name: string;
  input: BillingInput;
  type: 'guarantee' | 'sla' | 'billable';
  reason: RegExp;
  contractId?: string | null;
  feeId?: string | null;
  totalCents?: number | null;
  expiresAt?: string | null;
}

const guaranteeCases: Case[] = [
  { name: 'inside the default 90-day guarantee', input: input({ now: '2026-02-15T10:00:00+02:00' }), type: 'guarantee', reason: /90-day installation guarantee .* runs to 31 Mar 2026 inclusive/, expiresAt: '2026-03-31T22:00:00.000Z' },
  { name: 'guarantee ending today: one minute before local midnight of the last day', input: input({ now: '2026-03-31T23:59:00+02:00' }), type: 'guarantee', reason: /runs to 31 Mar 2026/ },
  { name: 'guarantee ended: local midnight after the last day', input: input({ now: '2026-04-01T00:00:00+02:00' }), type: 'billable', reason: /ended after 31 Mar 2026/, expiresAt: '2026-03-31T22:00:00.000Z' },
  { name: 'the boundary is local time, not UTC (22:30Z is already the next day in Johannesburg)', input: input({ now: '2026-03-31T22:30:00Z' }), type: 'billable', reason: /ended after 31 Mar 2026/ },
  { name: "the project's own period (30 days)", input: input({ now: '2026-02-15T10:00:00+02:00', guarantee: { periodDays: 30, materialDays: 365, startsOnOverride: null } }), type: 'billable', reason: /30-day installation guarantee .* ended after 30 Jan 2026/ },
  { name: 'a zero-day guarantee never covers', input: input({ now: '2026-01-01T09:00:00+02:00', guarantee: { periodDays: 0, materialDays: 0, startsOnOverride: null } }), type: 'billable', reason: /0-day/ },
  { name: "the project's start override replaces the install date", input: input({ now: '2026-04-15T10:00:00+02:00', guarantee: { periodDays: 90, materialDays: 365, startsOnOverride: '2026-03-01' } }), type: 'guarantee', reason: /guarantee start 01 Mar 2026 runs to 29 May 2026/ },
  { name: 'a drop without install date: no guarantee, says why', input: input({ now: '2026-02-15T10:00:00+02:00', drop: { drNumber: DR, installDate: null, projectId: P1 } }), type: 'billable', reason: /has no install date, so no guarantee applies/, expiresAt: null },
  { name: 'a drop without install date but with a project override is covered from the override', input: input({ now: '2026-02-15T10:00:00+02:00', drop: { drNumber: DR, installDate: null, projectId: P1 }, guarantee: { periodDays: 90, materialDays: 365, startsOnOverride: '2026-02-01' } }), type: 'guarantee', reason: /guarantee start 01 Feb 2026/ },
  { name: 'no DR number: no guarantee, says why', input: input({ now: '2026-02-15T10:00:00+02:00', drop: null, ticket: { drNumber: null } }), type: 'billable', reason: /^No DR number, so no drop guarantee applies/ },
  { name: 'a DR number not in the register: no guarantee, says why', input: input({ now: '2026-02-15T10:00:00+02:00', drop: null }), type: 'billable', reason: /DR1734472 is not in the drop register/ },
  { name: 'a material failure has the 365-day material guarantee by default', input: input({ now: '2026-06-01T10:00:00+02:00', ticket: { faultCause: 'material_failure' } }), type: 'guarantee', reason: /365-day material guarantee/ },
  { name: "the project's material period applies when set", input: input({ now: '2026-08-01T10:00:00+02:00', ticket: { faultCause: 'material_failure' }, guarantee: { periodDays: 90, materialDays: 200, startsOnOverride: null } }), type: 'billable', reason: /200-day material guarantee .* ended/ },
];

const contractCases: Case[] = [
  { name: 'guarantee wins over a contract', input: input({ now: '2026-02-15T10:00:00+02:00', contracts: [contract()] }), type: 'guarantee', reason: /guarantee/, contractId: null },
  { name: "a client-wide contract covers all the client's projects", input: input({ now: LATE, contracts: [contract()] }), type: 'sla', reason: /contract K-100 covers all the client's projects on 25 Nov 2026/, contractId: 'k-client' },
  { name: 'a project contract covers its project', input: input({ now: LATE, contracts: [contract({ id: 'k-p1', contractNumber: 'K-P1', projectId: P1 })] }), type: 'sla', reason: /K-P1 covers the project/, contractId: 'k-p1' },
  { name: 'overlapping contracts: the project contract beats the client-wide one', input: input({ now: LATE, contracts: [contract({ startDate: '2026-06-01' }), contract({ id: 'k-p1', contractNumber: 'K-P1', projectId: P1, startDate: '2025-01-01' })] }), type: 'sla', reason: /K-P1/, contractId: 'k-p1' },
  { name: 'two client-wide contracts: the later start wins', input: input({ now: LATE, contracts: [contract({ id: 'old', contractNumber: 'K-1' }), contract({ id: 'new', contractNumber: 'K-2', startDate: '2026-06-01' })] }), type: 'sla', reason: /K-2/, contractId: 'new' },
  { name: 'same start: the lower contract number wins (deterministic)', input: input({ now: LATE, contracts: [contract({ id: 'b', contractNumber: 'K-B' }), contract({ id: 'a', contractNumber: 'K-A' })] }), type: 'sla', reason: /K-A/, contractId: 'a' },
  { name: 'a contract starting today covers', input: input({ now: LATE, contracts: [contract({ startDate: '2026-11-25' })] }), type: 'sla', reason: /K-100/, contractId: 'k-client' },
  { name: 'a contract ending today covers until local midnight', input: input({ now: '2026-11-25T23:59:00+02:00', contracts: [contract({ endDate: '2026-11-25' })] }), type: 'sla', reason: /K-100/, contractId: 'k-client' },
  { name: 'a contract that ended yesterday does not cover', input: input({ now: LATE, contracts: [contract({ endDate: '2026-11-24' })] }), type: 'billable', reason: /no active contract covers the ticket on 25 Nov 2026/, contractId: null },
  { name: 'a contract starting tomorrow does not cover', input: input({ now: LATE, contracts: [contract({ startDate: '2026-11-26' })] }), type: 'billable', reason: /no active contract/ },
  { name: 'an inactive contract does not cover', input: input({ now: LATE, contracts: [contract({ active: false })] }), type: 'billable', reason: /no active contract/ },
  { name: "another client's contract does not cover", input: input({ now: LATE, contracts: [contract({ clientId: C2 })] }), type: 'billable', reason: /no active contract/ },
  { name: "a contract on the client's other project does not cover", input: input({ now: LATE, contracts: [contract({ projectId: P2 })] }), type: 'billable', reason: /no active contract/ },
  { name: 'a ticket with only a client (no DR, no project) is covered client-wide', input: input({ now: LATE, drop: null, ticket: { drNumber: null, projectId: null }, contracts: [contract()] }), type: 'sla', reason: /^No DR number.*K-100/, contractId: 'k-client' },
  { name: 'a ticket with only a project is covered by that project contract', input: input({ now: LATE, drop: null, ticket: { drNumber: null, clientId: null }, contracts: [contract({ projectId: P1 }), contract({ id: 'wide', contractNumber: 'K-W' })] }), type: 'sla', reason: /K-100 covers the project/, contractId: 'k-client' },
  { name: 'the project comes from the drop when the ticket has none', input: input({ now: LATE, ticket: { projectId: null, clientId: null }, contracts: [contract({ projectId: P1 })] }), type: 'sla', reason: /covers the project/ },
  { name: 'no project and no client: no contract can apply, says why', input: input({ now: LATE, drop: null, ticket: { drNumber: null, projectId: null, clientId: null }, contracts: [contract()] }), type: 'billable', reason: /no project or client, so no contract applies/ },
];

const feeCases: Case[] = [
  { name: 'no fee row: billable with cost unknown, still needs approval', input: input({ now: LATE }), type: 'billable', reason: /no fee row matches fault\/medium on 25 Nov 2026, so the cost is unknown/, feeId: null, totalCents: null },
  { name: 'an any-priority, all-projects row prices it: base + hourly x default hours + travel', input: input({ now: LATE, fees: [fee()] }), type: 'billable', reason: /fee row "Fault call-out" \(estimate R\s400,00 excl. VAT\)/, feeId: 'fee-any', totalCents: 40_000 },
  { name: 'after hours the multiplier applies to base and labour', input: input({ now: LATE, afterHours: true, fees: [fee()] }), type: 'billable', reason: /R\s575,00 excl. VAT, after hours/, totalCents: 57_500 },
  { name: 'the exact priority beats any priority', input: input({ now: LATE, fees: [fee(), fee({ id: 'fee-med', priority: 'medium', baseFeeCents: 30_000 })] }), type: 'billable', reason: /R\s450,00/, feeId: 'fee-med' },
  { name: "the ticket's project beats an exact priority for all projects", input: input({ now: LATE, fees: [fee({ id: 'fee-med', priority: 'medium' }), fee({ id: 'fee-p1', projectId: P1 })] }), type: 'billable', reason: /fee row/, feeId: 'fee-p1' },
  { name: 'project and priority beat project alone', input: input({ now: LATE, fees: [fee({ id: 'fee-p1', projectId: P1 }), fee({ id: 'fee-p1-med', projectId: P1, priority: 'medium' })] }), type: 'billable', reason: /fee row/, feeId: 'fee-p1-med' },
  { name: "another project's row does not apply", input: input({ now: LATE, fees: [fee({ id: 'fee-p2', projectId: P2 })] }), type: 'billable', reason: /cost is unknown/, feeId: null },
  { name: "another priority's row does not apply", input: input({ now: LATE, fees: [fee({ priority: 'high' })] }), type: 'billable', reason: /cost is unknown/, feeId: null },
  { name: "another ticket type's row does not apply", input: input({ now: LATE, fees: [fee({ ticketType: 'installation' })] }), type: 'billable', reason: /cost is unknown/, feeId: null },
  { name: 'an inactive row does not apply', input: input({ now: LATE, fees: [fee({ active: false })] }), type: 'billable', reason: /cost is unknown/, feeId: null },
  { name: 'a row effective from tomorrow does not apply', input: input({ now: LATE, fees: [fee({ effectiveFrom: '2026-11-26' })] }), type: 'billable', reason: /cost is unknown/, feeId: null },
  { name: 'a row that ended yesterday does not apply', input: input({ now: LATE, fees: [fee({ effectiveTo: '2026-11-24' })] }), type: 'billable', reason: /cost is unknown/, feeId: null },
  { name: 'a row effective from today and one ending today both apply (the later start wins)', input: input({ now: LATE, fees: [fee({ id: 'ending', effectiveTo: '2026-11-25' }), fee({ id: 'starting', effectiveFrom: '2026-11-25' })] }), type: 'billable', reason: /fee row/, feeId: 'starting' },
  { name: 'equally specific rows with the same start: the lower id wins (deterministic)', input: input({ now: LATE, fees: [fee({ id: 'b' }), fee({ id: 'a' })] }), type: 'billable', reason: /fee row/, feeId: 'a' },
  { name: 'the fee date is the local date (23:30Z on the 24th is the 25th in Johannesburg)', input: input({ now: '2026-11-24T23:30:00Z', fees: [fee({ effectiveFrom: '2026-11-25' })] }), type: 'billable', reason: /fee row/, feeId: 'fee-any' },
];

describe('classifyBilling', () => {
  it.each([...guaranteeCases, ...contractCases, ...feeCases])('$name', (c) => {
    const d = classifyBilling(c.input);
    expect(d.billingType).toBe(c.type);
    expect(d.reason).toMatch(c.reason);
    expect(d.requiresApproval).toBe(c.type === 'billable');
    if (c.type !== 'sla') expect(d.contractId).toBeNull();
    if (c.type !== 'billable') expect([d.feeScheduleId, d.estimate]).toEqual([null, null]);
    if (c.contractId !== undefined) expect(d.contractId).toBe(c.contractId);
    if (c.feeId !== undefined) expect(d.feeScheduleId).toBe(c.feeId);
    if (c.totalCents !== undefined) expect(d.estimate?.totalCents ?? null).toBe(c.totalCents);
    if (c.expiresAt !== undefined) expect(d.guaranteeExpiresAt?.toISOString() ?? null).toBe(c.expiresAt);
  });

  it('itemises the estimate: base, labour, after-hours surcharge and travel', () => {
    const d = classifyBilling(input({ now: LATE, afterHours: true, fees: [fee({ defaultHours: 2 })] }));
    expect(d.estimate).toEqual({
      hours: 2, baseCents: 25_000, labourCents: 20_000, afterHoursSurchargeCents: 22_500, travelCents: 5_000, partsCents: 0, totalCents: 72_500, afterHours: true,
    });
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2026-01-01', 90, '2026-04-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s plus %i days is %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
  });

  it('finds local midnight of a date as an instant', () => {
    expect(startOfLocalDay('2026-04-01', TZ).toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(startOfLocalDay('2026-07-01', 'Europe/London').toISOString()).toBe('2026-06-30T23:00:00.000Z');
  });

  it('ranks fee rows by specificity: project 2, priority 1', () => {
    expect([feeSpecificity({ projectId: null, priority: null }), feeSpecificity({ projectId: null, priority: 'low' }), feeSpecificity({ projectId: 'p', priority: null }), feeSpecificity({ projectId: 'p', priority: 'low' })]).toEqual([0, 1, 2, 3]);
  });
});
