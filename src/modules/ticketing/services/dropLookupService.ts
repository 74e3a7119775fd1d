// DR lookup: drop -> project, client, address, install date and whether its guarantee still runs.
import { NotFoundError } from '@/src/lib/api/errors';
import { findDropByDr, type DropDetails } from '../db/dropRepo';
import type { ServiceContext } from './context';

export interface GuaranteeStatus {
  periodDays: number;
  startsOn: string | null;
  expiresOn: string | null;
  active: boolean;
  daysLeft: number | null;
  reason: string;
}

const DAY_MS = 86_400_000;

/** Pure: the guarantee runs from the install date (or the project's override) for periodDays, through the last day. */
export function guaranteeStatus(installDate: string | null, override: string | null, periodDays: number, now: Date): GuaranteeStatus {
  const startsOn = override ?? installDate;
  if (!startsOn) return { periodDays, startsOn: null, expiresOn: null, active: false, daysLeft: null, reason: 'The drop has no install date' };
  const start = Date.parse(`${startsOn}T00:00:00Z`);
  const expires = new Date(start + periodDays * DAY_MS);
  const expiresOn = expires.toISOString().slice(0, 10);
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const daysLeft = Math.round((expires.getTime() - today) / DAY_MS);
  const active = daysLeft > 0;
  return {
    periodDays, startsOn, expiresOn, active, daysLeft: active ? daysLeft : 0,
    reason: active ? `In guarantee until ${expiresOn} (${periodDays} days from ${startsOn})` : `Guarantee of ${periodDays} days from ${startsOn} ended on ${expiresOn}`,
  };
}

export async function lookupDrop(ctx: ServiceContext, drNumber: string): Promise<DropDetails & { guarantee: GuaranteeStatus }> {
  const drop = await findDropByDr(ctx.db, drNumber);
  if (!drop) throw new NotFoundError(`Drop ${drNumber}`);
  return { ...drop, guarantee: guaranteeStatus(drop.installDate, drop.guaranteeStartsOn, drop.guaranteePeriodDays, ctx.clock.now()) };
}
