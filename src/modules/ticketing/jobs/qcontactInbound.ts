// The QContact inbound processor: a stored case (from the sync, or pushed to tickets-webhook-qcontact) onto its
// ticket. A pushed case in list shape, or without its timeline, is completed from the API first.
import { upsertCase, type UpsertResult } from '../services/qcontact/caseUpsert';
import { CaseMappingError } from '../integrations/qcontact/caseMapping';
import { QcontactError, type QcontactCaseDetail, type QcontactEvent } from '../integrations/qcontact/qcontactClient';
import { qcontactClientFromConfig } from '../integrations/qcontact/qcontactConfig';
import { PermanentInboundError, type InboundEvent, type InboundProcessor } from './inboundTypes';
import type { OutboxDeps } from './outboxTypes';
import type { QcontactMappings } from '../integrations/qcontact/caseMapping';

export const QCONTACT_SOURCE = 'qcontact';

interface StoredCase {
  case?: unknown;
  events?: unknown;
}

function isDetail(v: unknown): v is QcontactCaseDetail {
  return typeof v === 'object' && v !== null && 'id' in v && typeof (v as { fields?: unknown }).fields === 'object' && (v as { fields?: unknown }).fields !== null;
}

/** The case id of a pushed body (list or detail shape, bare or under "case"), or null. */
export function pushedCaseId(body: unknown): string | null {
  const b = (typeof body === 'object' && body !== null && 'case' in body ? (body as StoredCase).case : body) as { id?: unknown } | null;
  const id = b && typeof b === 'object' ? b.id : undefined;
  return typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id)) ? String(id) : null;
}

async function complete(stored: StoredCase | QcontactCaseDetail, deps: OutboxDeps): Promise<{ detail: QcontactCaseDetail; events: QcontactEvent[] }> {
  const body = 'case' in stored && stored.case !== undefined ? stored.case : stored;
  const events = 'events' in stored && Array.isArray(stored.events) ? (stored.events as QcontactEvent[]) : null;
  if (isDetail(body) && events) return { detail: body, events };
  const id = pushedCaseId(body);
  if (!id) throw new PermanentInboundError('Not a QContact case: no numeric id');
  const client = qcontactClientFromConfig(deps.config);
  if (!client) {
    if (isDetail(body)) return { detail: body, events: [] };
    throw new Error('QContact is not configured: a pushed case in list shape cannot be completed yet');
  }
  try {
    return { detail: isDetail(body) ? body : await client.getCase(id), events: await client.getEvents(id) };
  } catch (err) {
    if (err instanceof QcontactError && !err.retryable) throw new PermanentInboundError(err.message);
    throw err;
  }
}

/** Applies a stored case; a case that cannot be a ticket is a PermanentInboundError (review, with the reason). */
export async function applyStoredCase(event: Pick<InboundEvent, 'payload'>, deps: OutboxDeps, mappings?: QcontactMappings): Promise<UpsertResult> {
  const { detail, events } = await complete((event.payload ?? {}) as StoredCase, deps);
  try {
    return await upsertCase(deps, detail, events, mappings);
  } catch (err) {
    if (err instanceof CaseMappingError) throw new PermanentInboundError(err.message);
    throw err;
  }
}

export const processQcontactEvent: InboundProcessor = async (event, deps) => {
  const r = await applyStoredCase(event, deps);
  return { status: 'processed', ticketId: r.ticketId };
};
