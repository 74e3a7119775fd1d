// QContact as people see it: the integration page's figures and "sync now", the editable mapping tables, and a
// ticket's link state (last synced, pending writes, failures) with retry of a failed write.
import { ConflictError, NotFoundError, UnprocessableError } from '@/src/lib/api/errors';
import { getIntegrationState } from '../../db/integrationStateRepo';
import { findOutbox, listOutbox, requeueOutbox, type OutboxEntry } from '../../db/outboxRepo';
import { countLinks, findLinkByTicketId, loadMappings, replaceMappings, unknownStatusLabels, type QcontactLink } from '../../db/qcontactRepo';
import type { QcontactMappings } from '../../integrations/qcontact/caseMapping';
import { qcontactConfigured } from '../../integrations/qcontact/qcontactConfig';
import { OUTBOX_KINDS } from '../../jobs/outboxTypes';
import { nextQcontactRun, runQcontactSyncNow, type SyncOutcome, type SyncRun } from '../../jobs/qcontactSync';
import type { QcontactMappingsInput } from '../../types/qcontact';
import type { ServiceContext } from '../context';
import { findVisibleTicket } from '../ticketAccess';

export const QCONTACT_OUTBOX_KINDS = [OUTBOX_KINDS.qcontactStatus, OUTBOX_KINDS.qcontactNote] as const;

/** The QContact card's own figures on the integration page. */
export async function qcontactDetails(ctx: ServiceContext): Promise<Record<string, unknown>> {
  const [lastRun, lastSuccess, cursor, unknownStatuses, linkedCases, dead] = await Promise.all([
    getIntegrationState<SyncRun>(ctx.db, 'qcontact', 'lastRun'),
    getIntegrationState<SyncRun>(ctx.db, 'qcontact', 'lastSuccess'),
    getIntegrationState<{ cursor: string | null }>(ctx.db, 'qcontact', 'cursor'),
    unknownStatusLabels(ctx.db),
    countLinks(ctx.db),
    Promise.all(QCONTACT_OUTBOX_KINDS.map((kind) => listOutbox(ctx.db, { kind, status: 'dead', limit: 20, offset: 0 }))),
  ]);
  return {
    lastRun,
    lastSuccessAt: lastSuccess?.finishedAt ?? null,
    nextRunAt: qcontactConfigured(ctx.config) ? (await nextQcontactRun(ctx)).toISOString() : null,
    syncMinutes: ctx.config.QCONTACT_SYNC_MINUTES,
    cursor: cursor?.cursor ?? null,
    linkedCases,
    unknownStatuses,
    deadWrites: dead.flat().map((d) => ({ id: d.id, kind: d.kind, ticketUid: d.ticketUid, lastError: d.lastError, updatedAt: d.updatedAt })),
  };
}

export async function syncNow(ctx: ServiceContext): Promise<SyncOutcome> {
  if (!qcontactConfigured(ctx.config)) throw new UnprocessableError('QContact is not configured: set QCONTACT_URL, QCONTACT_EMAIL, QCONTACT_PASSWORD and QCONTACT_ASSIGNEE_ID');
  const r = await runQcontactSyncNow(ctx, `manual (${ctx.user.name})`);
  if ('skipped' in r) throw new ConflictError(`Not started: ${r.skipped}`);
  return r;
}

export async function getMappings(ctx: ServiceContext): Promise<QcontactMappings> {
  return loadMappings(ctx.db);
}

export async function putMappings(ctx: ServiceContext, input: QcontactMappingsInput): Promise<QcontactMappings> {
  await ctx.db.transaction((tx) => replaceMappings(tx, { categories: input.categories, inbound: input.inbound, outbound: input.outbound as Record<string, string | null> }, ctx.clock.now()));
  ctx.log.info({ categories: input.categories.length, inbound: Object.keys(input.inbound).length }, 'qcontact mappings replaced');
  return loadMappings(ctx.db);
}

export interface TicketQcontactState {
  linked: boolean;
  link: QcontactLink | null;
  pending: number;
  writes: OutboxEntry[];
}

const isQcontactKind = (kind: string) => (QCONTACT_OUTBOX_KINDS as readonly string[]).includes(kind);

export async function ticketQcontactState(ctx: ServiceContext, idOrUid: string): Promise<TicketQcontactState> {
  const t = await findVisibleTicket(ctx.db, ctx.user, idOrUid);
  const link = await findLinkByTicketId(ctx.db, t.id);
  const writes = (await listOutbox(ctx.db, { ticketId: t.id, limit: 50, offset: 0 })).filter((w) => isQcontactKind(w.kind));
  return { linked: Boolean(link), link, pending: writes.filter((w) => w.status === 'pending' || w.status === 'processing' || w.status === 'failed').length, writes: writes.slice(0, 20) };
}

export async function retryTicketWrite(ctx: ServiceContext, idOrUid: string, outboxId: string): Promise<OutboxEntry> {
  const t = await findVisibleTicket(ctx.db, ctx.user, idOrUid);
  const entry = await findOutbox(ctx.db, outboxId);
  if (!entry || entry.ticketId !== t.id || !isQcontactKind(entry.kind)) throw new NotFoundError('QContact write');
  if (!(await requeueOutbox(ctx.db, outboxId, ctx.clock.now()))) throw new ConflictError(`Only failed or dead writes can be retried; this one is ${entry.status}`, { status: entry.status });
  ctx.log.info({ outboxId, ticketUid: t.ticketUid }, 'qcontact write requeued');
  return (await findOutbox(ctx.db, outboxId)) as OutboxEntry;
}
