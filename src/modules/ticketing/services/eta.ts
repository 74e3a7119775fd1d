// Pure: the technician's expected arrival on a ticket. A new ETA lies between now (a few minutes' grace for a
// time picked to the minute) and 60 days ahead; null clears it. Stored and compared as a canonical ISO instant.

/** How far ahead an arrival may be promised. */
export const ETA_MAX_AHEAD_DAYS = 60;
/** A time picked to the minute, or a phone clock a little behind, is not yet "in the past". */
export const ETA_PAST_GRACE_MS = 5 * 60_000;

export type EtaCheck = { ok: true; etaAt: string | null } | { ok: false; message: string };

/** The canonical form of a requested ETA ("2026-11-25T14:30+02:00" -> "2026-11-25T12:30:00.000Z"); null stays null. */
export function canonicalEta(at: string | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

/** Whether a requested ETA may be set now; the answer carries its canonical form or a message for people. */
export function checkEta(at: string | null, now: Date): EtaCheck {
  const etaAt = canonicalEta(at);
  if (etaAt === null) return { ok: true, etaAt };
  const ms = Date.parse(etaAt);
  if (ms < now.getTime() - ETA_PAST_GRACE_MS) return { ok: false, message: 'The arrival time is in the past: pick a time from now on' };
  if (ms > now.getTime() + ETA_MAX_AHEAD_DAYS * 86_400_000) {
    return { ok: false, message: `The arrival time is more than ${ETA_MAX_AHEAD_DAYS} days ahead: pick a nearer time` };
  }
  return { ok: true, etaAt };
}
