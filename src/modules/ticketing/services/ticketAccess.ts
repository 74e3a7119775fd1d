// Finding a ticket the caller may see: by id or UID, technicians only their own; others get a 404, not a 403.
import type { Queryable } from '@/src/lib/db';
import { NotFoundError } from '@/src/lib/api/errors';
import { findTicketById, findTicketByUid, lockTicket } from '../db/ticketRepo';
import type { Ticket } from '../types/tickets';
import type { Actor } from './context';
import { isScopedToOwnTickets } from './permissions';
import { looksLikeUid } from './uid';

export function canSee(user: Actor, ticket: Ticket): boolean {
  return !isScopedToOwnTickets(user.role) || ticket.assignedTo === user.id;
}

export async function findVisibleTicket(q: Queryable, user: Actor, idOrUid: string): Promise<Ticket> {
  const ref = idOrUid.trim();
  const ticket = looksLikeUid(ref.toUpperCase()) ? await findTicketByUid(q, ref.toUpperCase()) : await findTicketById(q, ref);
  if (!ticket || !canSee(user, ticket)) throw new NotFoundError('Ticket');
  return ticket;
}

/** Inside a transaction: resolves the reference, checks visibility, and locks the row. */
export async function lockVisibleTicket(tx: Queryable, user: Actor, idOrUid: string): Promise<Ticket> {
  const found = await findVisibleTicket(tx, user, idOrUid);
  const locked = await lockTicket(tx, found.id);
  if (!locked) throw new NotFoundError('Ticket');
  return locked;
}

/** Maps a unique-violation from the database to the caller's conflict, otherwise rethrows. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
