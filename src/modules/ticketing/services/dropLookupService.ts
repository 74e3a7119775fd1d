// DR lookup: drop -> project, client, address, install date and whether its guarantee still runs.
import { NotFoundError } from '@/src/lib/api/errors';
import { findDropByDr, type DropDetails } from '../db/dropRepo';
import { addDays, checkGuarantee } from './billing/billingCalculator';
import { localDate } from './billing/feePricing';
import type { ServiceContext } from './context';

export interface GuaranteeStatus {
  periodDays: number;
  startsOn: string | null;
  /** The last day the guarantee covers (inclusive, local date). */
  expiresOn: string | null;
  active: boolean;
  daysLeft: number | null;
  reason: string;
}

const DAY_MS = 86_400_000;

/** The installation guarantee as billing decides it (same rule, same timezone), shaped for the lookup. */
export function guaranteeStatus(drop: DropDetails, now: Date, timeZone: string): GuaranteeStatus {
  const check = checkGuarantee({
    ticket: { ticketType: 'fault', priority: 'medium', drNumber: drop.drNumber, projectId: drop.projectId, clientId: drop.clientId },
    drop: { drNumber: drop.drNumber, installDate: drop.installDate, projectId: drop.projectId },
    guarantee: { periodDays: drop.guaranteePeriodDays, materialDays: drop.materialGuaranteeDays, startsOnOverride: drop.guaranteeStartsOn },
    contracts: [], fees: [], now, timeZone, afterHours: false,
  });
  const startsOn = drop.guaranteeStartsOn ?? drop.installDate;
  const endDate = startsOn ? addDays(startsOn, drop.guaranteePeriodDays) : null;
  const daysLeft = endDate ? Math.max(0, Math.round((Date.parse(endDate) - Date.parse(localDate(now, timeZone))) / DAY_MS)) : null;
  return {
    periodDays: drop.guaranteePeriodDays, startsOn, expiresOn: endDate ? addDays(endDate, -1) : null,
    active: check.covered, daysLeft: check.covered ? daysLeft : endDate ? 0 : null, reason: check.note,
  };
}

export async function lookupDrop(ctx: ServiceContext, drNumber: string): Promise<DropDetails & { guarantee: GuaranteeStatus }> {
  const drop = await findDropByDr(ctx.db, drNumber);
  if (!drop) throw new NotFoundError(`Drop ${drNumber}`);
  return { ...drop, guarantee: guaranteeStatus(drop, ctx.clock.now(), ctx.config.BUSINESS_TIMEZONE) };
}
