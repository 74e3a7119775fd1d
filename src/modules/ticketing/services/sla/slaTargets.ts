// Setting a ticket's SLA targets: from its contract or the config for its type and priority, counted from creation.
import type { Queryable } from '@/src/lib/db';
import { appendHistory } from '../../db/historyRepo';
import { findActiveSlaConfigFor, findTicketContractTargets, type ContractTargets } from '../../db/slaConfigRepo';
import { listPauses } from '../../db/slaPauseRepo';
import { findTicketSla, writeSlaTargets, type TicketSla } from '../../db/slaRepo';
import type { SlaConfig, SlaTargetOrigin, SlaTargetSeconds, SlaThresholdPcts } from '../../types/sla';
import type { ServiceContext } from '../context';
import { slaClock, type BusinessCalendar } from './businessCalendar';
import { loadBusinessCalendar } from './calendarService';
import { businessMillisBetween } from './slaCalculator';
import { dueInstant, nextCheckAt } from './slaPlan';

export type ChosenTargets = SlaTargetOrigin & SlaTargetSeconds & SlaThresholdPcts;

const seconds = (hours: number | null | undefined): number | null => (hours ? Math.round(hours * 3600) : null);

/**
 * Pure: a contract with its own hours wins (its business-hours rule too); an hour it leaves empty comes from the
 * config. Thresholds always come from the config (75 / 90 without one). Null when nothing gives a target.
 */
export function chooseTargets(config: SlaConfig | null, contract: ContractTargets | null): ChosenTargets | null {
  const pcts = {
    warningPct: config?.warningPct ?? 75,
    escalationPct: config?.escalationPct ?? 90,
    responseWarningPct: config?.responseWarningPct ?? 75,
    responseEscalationPct: config?.responseEscalationPct ?? 90,
  };
  if (contract && (contract.responseHours || contract.resolutionHours)) {
    return {
      source: 'contract', configId: config?.id ?? null, contractId: contract.contractId, businessHours: contract.businessHoursOnly,
      responseSeconds: seconds(contract.responseHours ?? config?.responseHours), resolutionSeconds: seconds(contract.resolutionHours ?? config?.resolutionHours), ...pcts,
    };
  }
  if (!config) return null;
  return {
    source: 'config', configId: config.id, contractId: null, businessHours: config.businessHoursOnly,
    responseSeconds: seconds(config.responseHours), resolutionSeconds: seconds(config.resolutionHours), ...pcts,
  };
}

function sameTargets(row: TicketSla, t: ChosenTargets | null): boolean {
  if (!t) return row.source === null;
  return row.source === t.source && row.configId === t.configId && row.contractId === t.contractId && row.businessHours === t.businessHours &&
    row.responseSeconds === t.responseSeconds && row.resolutionSeconds === t.resolutionSeconds && row.warningPct === t.warningPct &&
    row.escalationPct === t.escalationPct && row.responseWarningPct === t.responseWarningPct && row.responseEscalationPct === t.responseEscalationPct;
}

/** Business seconds paused in total, and before the first response (a pause still open counts up to the response). */
async function pausedSeconds(tx: Queryable, clock: BusinessCalendar, row: TicketSla): Promise<{ all: number; beforeResponse: number }> {
  let all = 0;
  let beforeResponse = 0;
  for (const p of await listPauses(tx, row.id)) {
    const start = new Date(p.startedAt);
    if (p.endedAt) all += businessMillisBetween(clock, start, new Date(p.endedAt));
    const ra = row.firstRespondedAt;
    if (ra && start < ra) beforeResponse += businessMillisBetween(clock, start, p.endedAt && new Date(p.endedAt) < ra ? new Date(p.endedAt) : ra);
  }
  const allSeconds = Math.round(all / 1000);
  return { all: allSeconds, beforeResponse: row.firstRespondedAt ? Math.round(beforeResponse / 1000) : allSeconds };
}

/**
 * Sets the ticket's targets from creation time. On creation it fills cycle 1; later ('recompute', after a priority,
 * type or contract change) it starts a new cycle when the targets differ, so every threshold may fire again.
 */
export async function applyTargets(tx: Queryable, ctx: ServiceContext, ticketId: string, mode: 'create' | 'recompute', changed: string[] = []): Promise<void> {
  // Hooks run on a ticket the service just wrote in this transaction.
  const row = (await findTicketSla(tx, ticketId)) as TicketSla;
  const chosen = chooseTargets(await findActiveSlaConfigFor(tx, row.ticketType, row.priority), await findTicketContractTargets(tx, ticketId));
  if (mode === 'recompute' && sameTargets(row, chosen)) return;
  const cycle = mode === 'create' ? row.cycle : row.cycle + 1;
  const now = ctx.clock.now();
  if (!chosen) {
    await writeSlaTargets(tx, ticketId, {
      cycle, source: null, configId: null, contractId: null, businessHours: null, responseSeconds: null, resolutionSeconds: null, warningPct: null,
      escalationPct: null, responseWarningPct: null, responseEscalationPct: null, pausedSeconds: row.pausedSeconds, firstResponseDueAt: null, dueAt: null, nextCheckAt: null,
    });
    if (mode === 'recompute') await appendHistory(tx, { ticketId, actor: ctx.user, action: 'sla_cleared', field: 'due_at', oldValue: row.dueAt, newValue: null, details: { cycle, changed }, at: now });
    return;
  }
  const clock = slaClock(await loadBusinessCalendar(tx), chosen.businessHours);
  const paused = mode === 'create' ? { all: 0, beforeResponse: 0 } : await pausedSeconds(tx, clock, row);
  const dueAt = chosen.resolutionSeconds ? dueInstant(clock, row.createdAt, chosen.resolutionSeconds, paused.all) : null;
  const firstResponseDueAt = chosen.responseSeconds ? dueInstant(clock, row.createdAt, chosen.responseSeconds, paused.beforeResponse) : null;
  // A new ticket and a new cycle have fired nothing yet.
  const next = nextCheckAt(clock, { ...row, ...chosen, pausedSeconds: paused.all }, new Set());
  await writeSlaTargets(tx, ticketId, { cycle, ...chosen, pausedSeconds: paused.all, firstResponseDueAt, dueAt, nextCheckAt: next });
  const details = {
    cycle, source: chosen.source, configId: chosen.configId, contractId: chosen.contractId, businessHours: chosen.businessHours,
    responseSeconds: chosen.responseSeconds, resolutionSeconds: chosen.resolutionSeconds, firstResponseDueAt, changed,
  };
  await appendHistory(tx, {
    ticketId, actor: ctx.user, action: mode === 'create' ? 'sla_targets_set' : 'sla_recomputed', field: 'due_at',
    oldValue: mode === 'create' ? null : row.dueAt, newValue: dueAt, details, at: now,
  });
}
