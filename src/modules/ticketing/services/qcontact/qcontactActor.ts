// Who acts when QContact changes a ticket: history says "QContact", and the write-back hook recognises it.
import type { Actor } from '../context';

export const QCONTACT_ACTOR: Actor = { id: null, name: 'QContact', role: 'system' };

/** Changes made by the sync itself: never written back to QContact (no ping-pong). */
export function isQcontactActor(a: Actor): boolean {
  return a.id === null && a.role === QCONTACT_ACTOR.role && a.name === QCONTACT_ACTOR.name;
}
