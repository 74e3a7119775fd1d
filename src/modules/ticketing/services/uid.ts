// Pure UID rules: which counter a ticket draws from and how its permanent UID is written.
import type { TicketSource } from '../types/enums';

export type UidPlan =
  | { kind: 'fixed'; uid: string }
  | { kind: 'counter'; counterKey: string; format: (n: number) => string };

export class UidRuleError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'UidRuleError';
  }
}

const pad6 = (n: number): string => String(n).padStart(6, '0');

/** Normalises a QContact reference ("490441", "FT490441", " ft490441 ") to its digits. */
export function qcontactDigits(ref: string): string {
  const m = /^\s*(?:FT)?(\d{3,12})\s*$/i.exec(ref);
  if (!m) throw new UidRuleError('qcontactRef', `"${ref}" is not a QContact reference (FT followed by digits)`);
  return m[1];
}

function dropPlan(drNumber: string | null | undefined, source: TicketSource): UidPlan {
  if (!drNumber || !/^DR\d{7}$/.test(drNumber)) {
    throw new UidRuleError('drNumber', `A ${source} ticket needs a DR number (DR followed by 7 digits)`);
  }
  return { kind: 'counter', counterKey: `drop:${drNumber}`, format: (n) => `${drNumber}-${n}` };
}

/** Decides the UID of a new ticket from its source and identifying facts. */
export function planUid(source: TicketSource, facts: { drNumber?: string | null; qcontactRef?: string | null }): UidPlan {
  switch (source) {
    case 'qcontact':
      if (!facts.qcontactRef) throw new UidRuleError('qcontactRef', 'A QContact ticket needs its QContact reference (FT number)');
      return { kind: 'fixed', uid: `FT${qcontactDigits(facts.qcontactRef)}` };
    case 'weekly_report':
      return facts.qcontactRef ? { kind: 'fixed', uid: `FT${qcontactDigits(facts.qcontactRef)}` } : dropPlan(facts.drNumber, source);
    case 'whatsapp':
    case 'whatsapp_outbound':
    case 'construction':
      return dropPlan(facts.drNumber, source);
    case 'email':
      return { kind: 'counter', counterKey: 'email', format: (n) => `EML-${pad6(n)}` };
    case 'internal':
      return { kind: 'counter', counterKey: 'internal', format: (n) => `FF-${pad6(n)}` };
    case 'adhoc':
      return { kind: 'counter', counterKey: 'adhoc', format: (n) => `AH-${pad6(n)}` };
  }
}

const UID_PATTERNS = [/^FT\d{3,12}$/, /^DR\d{7}-\d+$/, /^EML-\d{6,}$/, /^FF-\d{6,}$/, /^AH-\d{6,}$/];

/** True when the string has the shape of one of our ticket UIDs (so a lookup by UID is worth trying). */
export function looksLikeUid(value: string): boolean {
  return UID_PATTERNS.some((re) => re.test(value));
}

/** The weekly report import's own identifier: WR{yyyy}-W{ww}-{nnn} (ISO week). */
export function weeklyReportUid(isoYear: number, isoWeek: number, seq: number): string {
  if (isoWeek < 1 || isoWeek > 53) throw new UidRuleError('week', `ISO week ${isoWeek} is out of range`);
  if (seq < 1 || seq > 999) throw new UidRuleError('seq', `Import sequence ${seq} is out of range 1-999`);
  return `WR${isoYear}-W${String(isoWeek).padStart(2, '0')}-${String(seq).padStart(3, '0')}`;
}
