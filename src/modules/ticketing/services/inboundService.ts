// Inbound events as channels and people see them: accepting a webhook body (stored first, de-duplicated),
// the review queue, retrying or dismissing an event.
import { ConflictError, NotFoundError } from '@/src/lib/api/errors';
import type { Queryable } from '@/src/lib/db';
import {
  findInboundEvent,
  insertInboundEvent,
  listInboundEvents,
  requeueInboundEvent,
  settleInboundEvent,
  type InboundEvent,
  type NewInboundEvent,
} from '../db/inboundRepo';
import type { InboundActionInput, InboundListQuery } from '../types/integrations';
import type { ServiceContext } from './context';

export interface AcceptedInbound {
  id: string;
  duplicate: boolean;
}

/** Stores an inbound payload before anything else; a redelivery of the same (source, externalId) is a no-op. */
export async function acceptInbound(ctx: Pick<ServiceContext, 'db' | 'clock' | 'log'>, e: NewInboundEvent, q: Queryable = ctx.db): Promise<AcceptedInbound> {
  const r = await insertInboundEvent(q, e, ctx.clock.now());
  ctx.log.info({ inboundId: r.id, source: e.source, eventType: e.eventType, duplicate: r.duplicate }, 'inbound event stored');
  return r;
}

export async function listInbound(ctx: ServiceContext, query: InboundListQuery): Promise<{ items: InboundEvent[]; meta: Record<string, unknown> }> {
  const items = await listInboundEvents(ctx.db, {
    sources: query.source,
    statuses: query.status,
    ticketId: query.ticketId,
    limit: query.limit,
    offset: query.offset,
  });
  return { items, meta: { limit: query.limit, offset: query.offset } };
}

export async function actOnInbound(ctx: ServiceContext, input: InboundActionInput): Promise<InboundEvent> {
  const existing = await findInboundEvent(ctx.db, input.id);
  if (!existing) throw new NotFoundError('Inbound event');
  const now = ctx.clock.now();
  const done =
    input.action === 'retry'
      ? await requeueInboundEvent(ctx.db, input.id, now)
      : await settleInboundEvent(ctx.db, input.id, { status: 'ignored', note: input.note ? `Dismissed by ${ctx.user.name}: ${input.note}` : `Dismissed by ${ctx.user.name}` }, now);
  if (!done) throw new ConflictError(`This event is ${existing.status}; only failed, dead, review or ignored events can be ${input.action === 'retry' ? 'retried' : 'dismissed'}`, { status: existing.status });
  ctx.log.info({ inboundId: input.id, action: input.action }, 'inbound event settled by a person');
  return (await findInboundEvent(ctx.db, input.id)) as InboundEvent;
}
