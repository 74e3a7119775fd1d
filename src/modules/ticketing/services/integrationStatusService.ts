// The integration status page: per channel, configured or not, the last event received, the inbound backlog and
// review queue, outbound pending / failed / dead, and the most recent failures, plus each channel's own figures.
import { listInboundEvents, summariseInbound, type InboundEvent } from '../db/inboundRepo';
import { countOutboxByKind, recentOutboxFailures, type OutboxEntry } from '../db/outboxRepo';
import { INTEGRATION_CHANNELS, type IntegrationChannel } from '../integrations/channels';
import type { OutboxStatus } from '../types/enums';
import type { ServiceContext } from './context';

export interface ChannelStatus {
  key: string;
  label: string;
  configured: boolean;
  settings: readonly string[];
  inbound: {
    lastReceivedAt: string | null;
    lastProcessedAt: string | null;
    /** Waiting for the worker (received, processing, failed and due again). */
    backlog: number;
    review: number;
    failed: number;
    dead: number;
    processed: number;
    ignored: number;
  };
  outbound: Record<OutboxStatus, number>;
  recentFailures: { inbound: InboundEvent[]; outbox: OutboxEntry[] };
  details: Record<string, unknown>;
}

const RECENT = 5;

function sumOutbound(counts: Record<string, Record<OutboxStatus, number>>, kinds: readonly string[]): Record<OutboxStatus, number> {
  const total: Record<OutboxStatus, number> = { pending: 0, processing: 0, sent: 0, failed: 0, dead: 0 };
  for (const k of kinds) for (const s of Object.keys(total) as OutboxStatus[]) total[s] += counts[k][s];
  return total;
}

async function channelStatus(ctx: ServiceContext, ch: IntegrationChannel, outboxCounts: Record<string, Record<OutboxStatus, number>>): Promise<ChannelStatus> {
  const summaries = ch.inboundSources.length ? await summariseInbound(ctx.db, ch.inboundSources) : [];
  const inbound = { lastReceivedAt: null as string | null, lastProcessedAt: null as string | null, backlog: 0, review: 0, failed: 0, dead: 0, processed: 0, ignored: 0 };
  for (const s of summaries) {
    if (s.lastReceivedAt && (!inbound.lastReceivedAt || s.lastReceivedAt > inbound.lastReceivedAt)) inbound.lastReceivedAt = s.lastReceivedAt;
    if (s.lastProcessedAt && (!inbound.lastProcessedAt || s.lastProcessedAt > inbound.lastProcessedAt)) inbound.lastProcessedAt = s.lastProcessedAt;
    inbound.backlog += s.counts.received + s.counts.processing + s.counts.failed;
    inbound.review += s.counts.review;
    inbound.failed += s.counts.failed;
    inbound.dead += s.counts.dead;
    inbound.processed += s.counts.processed;
    inbound.ignored += s.counts.ignored;
  }
  const [inboundFailures, outboxFailures, details] = await Promise.all([
    ch.inboundSources.length ? listInboundEvents(ctx.db, { sources: ch.inboundSources, statuses: ['failed', 'dead'], limit: RECENT, offset: 0 }) : [],
    ch.outboxKinds.length ? recentOutboxFailures(ctx.db, ch.outboxKinds, RECENT) : [],
    ch.details ? ch.details(ctx) : Promise.resolve({}),
  ]);
  return {
    key: ch.key,
    label: ch.label,
    configured: ch.configured(ctx.config),
    settings: ch.settings,
    inbound,
    outbound: sumOutbound(outboxCounts, ch.outboxKinds),
    recentFailures: { inbound: inboundFailures, outbox: outboxFailures },
    details,
  };
}

export async function getIntegrationsStatus(ctx: ServiceContext, channels: readonly IntegrationChannel[] = INTEGRATION_CHANNELS): Promise<ChannelStatus[]> {
  const outboxCounts = await countOutboxByKind(ctx.db, channels.flatMap((c) => c.outboxKinds));
  const out: ChannelStatus[] = [];
  for (const ch of channels) out.push(await channelStatus(ctx, ch, outboxCounts));
  return out;
}
