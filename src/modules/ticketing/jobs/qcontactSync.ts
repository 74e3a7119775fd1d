// The QContact sync: pages through the cases assigned to QCONTACT_ASSIGNEE_ID (newest change first), fetches the
// detail and timeline of each new or changed case (by updated_at), stores it in inbound_events first and applies it.
// A case that cannot be mapped goes to review with its reason; the rest carry on. A cursor (the newest updated_at
// seen) lets a run stop paging once it is past what the last full run saw. One runner at a time (job lease).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { assertCronSecret, type CronHeaders } from '@/src/lib/api/cron';
import { retryTransient } from '@/src/lib/db/transient';
import { claimInboundEvent, findInboundEvent, insertClaimedInboundEvent, resolveInboundEvent, type InboundEvent } from '../db/inboundRepo';
import { getIntegrationState, setIntegrationState, withJobLease, type JobLease } from '../db/integrationStateRepo';
import { knownCaseVersions, loadMappings } from '../db/qcontactRepo';
import type { QcontactMappings } from '../integrations/qcontact/caseMapping';
import { QcontactError, type QcontactClient } from '../integrations/qcontact/qcontactClient';
import { qcontactClientFromConfig } from '../integrations/qcontact/qcontactConfig';
import { acceptInbound } from '../services/inboundService';
import { outboxBackoffMs } from './outboxBackoff';
import { INBOUND_BACKOFF_BASE_MS } from './inboundWorker';
import { PermanentInboundError } from './inboundTypes';
import { applyStoredCase, QCONTACT_SOURCE } from './qcontactInbound';
import type { OutboxDeps } from './outboxTypes';

export const QCONTACT_SYNC_JOB = 'qcontact-sync';
const LEASE_MS = 15 * 60_000;
/** Changes this much older than the cursor are still looked at (clock skew, slow writes on QContact's side). */
export const CURSOR_OVERLAP_MS = 10 * 60_000;
/** A run that may stop early at the cursor is still a full sweep this often. */
export const FULL_SWEEP_EVERY_MS = 6 * 60 * 60_000;
const OWNER = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

export interface SyncRun {
  trigger: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  error: string | null;
  full: boolean;
  pages: number;
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Cases sent to review (cannot be mapped) or left to retry (a call or the upsert failed). */
  failed: number;
  review: number;
  requests: number;
  cursor: string | null;
}

export type SyncOutcome = SyncRun | { skipped: string };

/** Stores a fetched case already claimed by this runner (one statement); a version stored before is claimed the usual way. */
async function storeClaimed(deps: OutboxDeps, run: SyncRun, payload: { case: unknown; events: unknown }, id: string, updatedAt: string): Promise<InboundEvent | null> {
  const e = { source: QCONTACT_SOURCE, externalId: `${id}:${updatedAt}`, eventType: 'case.sync', payload };
  const fresh = await insertClaimedInboundEvent(deps.db, e, { now: deps.clock.now(), workerId: OWNER });
  if (fresh) {
    deps.log.info({ inboundId: fresh.id, source: e.source, eventType: e.eventType, duplicate: false }, 'inbound event stored');
    return fresh;
  }
  const accepted = await acceptInbound(deps, e);
  const event = await claimInboundEvent(deps.db, accepted.id, { now: deps.clock.now(), workerId: OWNER });
  if (event) return event;
  const existing = await findInboundEvent(deps.db, accepted.id);
  if (existing?.status === 'review' || existing?.status === 'dead') run.review += 1;
  else run.unchanged += 1;
  return null;
}

/** Applies one fetched case: stored first (claimed), then processed right here; the outcome counted. */
async function processCase(deps: OutboxDeps, run: SyncRun, payload: { case: unknown; events: unknown }, id: string, updatedAt: string, mappings: QcontactMappings): Promise<void> {
  const event = await storeClaimed(deps, run, payload, id, updatedAt);
  if (!event) return;
  try {
    // Cases applied side by side may deadlock on a row they share: the loser is rolled back whole and runs again.
    const r = await retryTransient(() => applyStoredCase(event, deps, mappings), { log: deps.log, what: `applying QContact case ${id}` });
    await resolveInboundEvent(deps.db, event.id, OWNER, { status: 'processed', ticketId: r.ticketId }, deps.clock.now());
    run[r.outcome] += 1;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof PermanentInboundError) {
      await resolveInboundEvent(deps.db, event.id, OWNER, { status: 'review', error: message }, deps.clock.now());
      run.review += 1;
    } else {
      // Left for the inbound worker to retry with backoff.
      const next = new Date(deps.clock.now().getTime() + outboxBackoffMs(event.attempts, Math.random, INBOUND_BACKOFF_BASE_MS));
      await resolveInboundEvent(deps.db, event.id, OWNER, { status: 'failed', error: message, nextAttemptAt: next }, deps.clock.now());
    }
    run.failed += 1;
    deps.log.warn({ caseId: id, err: message }, 'qcontact case not applied');
  }
}

/** Cases fetched and applied at once within a page. */
export const SYNC_CONCURRENCY = 4;

/** Fetches a case's detail and timeline and applies it; a failed fetch is counted (auth failures end the run). */
async function fetchAndApply(deps: OutboxDeps, client: QcontactClient, run: SyncRun, id: string, listed: string | null, mappings: QcontactMappings): Promise<'ok' | 'transient' | 'failed'> {
  let detail;
  let events;
  try {
    [detail, events] = await Promise.all([client.getCase(id), client.getEvents(id)]);
  } catch (err) {
    if (err instanceof QcontactError && err.kind === 'auth') throw err;
    run.failed += 1;
    deps.log.warn({ caseId: id, err: (err as Error).message }, 'qcontact case could not be fetched');
    return !(err instanceof QcontactError) || err.retryable ? 'transient' : 'failed';
  }
  await processCase(deps, run, { case: detail, events }, id, String(detail.updated_at ?? listed ?? ''), mappings);
  return 'ok';
}

/** One sync run now (the caller holds the lease). */
export async function syncQcontact(deps: OutboxDeps, o: { trigger: string; client?: QcontactClient; full?: boolean; lease?: JobLease }): Promise<SyncOutcome> {
  const client = o.client ?? qcontactClientFromConfig(deps.config);
  if (!client) return { skipped: 'QContact is not configured' };
  const now = deps.clock.now();
  const prior = await getIntegrationState<{ cursor: string | null; fullAt: string | null }>(deps.db, QCONTACT_SOURCE, 'cursor');
  const full = o.full === true || !prior?.cursor || !prior.fullAt || now.getTime() - new Date(prior.fullAt).getTime() >= FULL_SWEEP_EVERY_MS;
  const stopBefore = prior?.cursor && !full ? new Date(new Date(prior.cursor).getTime() - CURSOR_OVERLAP_MS).toISOString() : null;
  const run: SyncRun = {
    trigger: o.trigger, startedAt: now.toISOString(), finishedAt: now.toISOString(), ok: true, error: null, full, pages: 0, seen: 0,
    created: 0, updated: 0, unchanged: 0, failed: 0, review: 0, requests: 0, cursor: prior?.cursor ?? null,
  };
  const requestsBefore = client.stats.requests;
  let newest = prior?.cursor ?? null;
  let transient = false;
  // The mapping tables, read once for the run (an edit made during a run applies from the next one).
  let mappings: QcontactMappings | null = null;
  try {
    for await (const page of client.listCases({ assigneeId: deps.config.QCONTACT_ASSIGNEE_ID as string })) {
      run.pages += 1;
      const known = await knownCaseVersions(deps.db, page.map((c) => String(c.id)));
      let pastCursor = page.length > 0;
      const changed: { id: string; listed: string | null }[] = [];
      for (const summary of page) {
        run.seen += 1;
        const id = String(summary.id);
        const listed = typeof summary.updated_at === 'string' ? summary.updated_at : null;
        if (listed && (!newest || listed > newest)) newest = listed;
        if (!(stopBefore && listed && listed < stopBefore)) pastCursor = false;
        if (listed && known.get(id) === listed) run.unchanged += 1;
        else changed.push({ id, listed });
      }
      // A few cases at a time: the calls to QContact and our transactions overlap; each case is its own transaction.
      for (let i = 0; i < changed.length; i += SYNC_CONCURRENCY) {
        mappings ??= await loadMappings(deps.db);
        const maps = mappings;
        const results = await Promise.all(changed.slice(i, i + SYNC_CONCURRENCY).map((c) => fetchAndApply(deps, client, run, c.id, c.listed, maps)));
        transient = transient || results.includes('transient');
      }
      if (pastCursor) break;
      // A first sync of thousands of cases outlives the lease: renew it after every page, and stop if another process
      // took it meanwhile (it expired: this process stalled), rather than run two syncs at once.
      if (o.lease && !(await o.lease.renew())) throw new Error('The sync lease expired and another process took it over; this run stopped');
    }
  } catch (err) {
    run.ok = false;
    run.error = err instanceof Error ? err.message : String(err);
    deps.log.error({ err: run.error }, 'qcontact sync failed');
  }
  run.requests = client.stats.requests - requestsBefore;
  run.finishedAt = deps.clock.now().toISOString();
  // The cursor only moves past cases we really applied: a run with fetch failures keeps the old one.
  if (run.ok && !transient) {
    run.cursor = newest;
    await setIntegrationState(deps.db, QCONTACT_SOURCE, 'cursor', { cursor: newest, fullAt: full ? run.startedAt : (prior?.fullAt ?? null) }, deps.clock.now());
  }
  await setIntegrationState(deps.db, QCONTACT_SOURCE, 'lastRun', run, deps.clock.now());
  if (run.ok) await setIntegrationState(deps.db, QCONTACT_SOURCE, 'lastSuccess', run, deps.clock.now());
  return run;
}

/** A sync now, whatever the schedule, unless another process is running one. */
export async function runQcontactSyncNow(deps: OutboxDeps, trigger: string, client?: QcontactClient): Promise<SyncOutcome> {
  const r = await withJobLease(deps.db, QCONTACT_SYNC_JOB, OWNER, LEASE_MS, () => deps.clock.now(), (lease) => syncQcontact(deps, { trigger, client, lease }));
  return r ?? { skipped: 'another sync is running' };
}

/** When the next scheduled run is due: QCONTACT_SYNC_MINUTES after the last one started (now when none ran). */
export async function nextQcontactRun(deps: Pick<OutboxDeps, 'db' | 'config' | 'clock'>): Promise<Date> {
  const last = await getIntegrationState<SyncRun>(deps.db, QCONTACT_SOURCE, 'lastRun');
  return last ? new Date(new Date(last.startedAt).getTime() + deps.config.QCONTACT_SYNC_MINUTES * 60_000) : deps.clock.now();
}

/** The worker's job, every tick: runs when QContact is configured and the schedule says so. */
export async function runScheduledQcontactSync(deps: OutboxDeps): Promise<SyncOutcome> {
  if (!qcontactClientFromConfig(deps.config)) return { skipped: 'QContact is not configured' };
  if ((await nextQcontactRun(deps)) > deps.clock.now()) return { skipped: 'not due' };
  return runQcontactSyncNow(deps, 'schedule');
}

export async function runQcontactCron(deps: OutboxDeps, headers: CronHeaders): Promise<SyncOutcome> {
  assertCronSecret(deps.config.CRON_SECRET, headers);
  return runQcontactSyncNow(deps, 'cron');
}
