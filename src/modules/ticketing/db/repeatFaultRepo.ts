// SQL for repeat faults: thresholds, fault counts per network element, open alerts and the faults linked to them.
import type { Queryable } from '@/src/lib/db';
import type { ElementKind } from '../services/network/repeatFaultRule';
import { registerRelations } from './registerSource';

export interface ThresholdRow {
  kind: ElementKind;
  threshold: number;
  windowDays: number;
}

export async function listThresholds(q: Queryable): Promise<ThresholdRow[]> {
  const { rows } = await q.query<{ element_kind: ElementKind; threshold: number; window_days: number }>(
    `SELECT element_kind, threshold, window_days FROM repeat_fault_thresholds
      ORDER BY array_position(ARRAY['drop','pole','pon','zone'], element_kind)`,
  );
  return rows.map((r) => ({ kind: r.element_kind, threshold: Number(r.threshold), windowDays: Number(r.window_days) }));
}

export async function saveThreshold(q: Queryable, t: ThresholdRow, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO repeat_fault_thresholds (element_kind, threshold, window_days, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (element_kind) DO UPDATE SET threshold = EXCLUDED.threshold, window_days = EXCLUDED.window_days, updated_at = EXCLUDED.updated_at`,
    [t.kind, t.threshold, t.windowDays, at],
  );
}

export interface DropElements {
  dropId: string;
  drNumber: string;
  projectId: string;
  clientId: string;
  pole: string | null;
  pon: string | null;
  zone: string | null;
  gpsLat: number | null;
  gpsLng: number | null;
}

export async function findDropElements(q: Queryable, dropId: string): Promise<DropElements | null> {
  const rel = registerRelations();
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT d.id, d.dr_number, d.project_id, p.client_id, d.pole_number, d.pon, d.zone, d.gps_lat, d.gps_lng
       FROM ${rel.drops} d JOIN ${rel.projects} p ON p.id = d.project_id WHERE d.id = $1`,
    [dropId],
  );
  const r = rows[0];
  if (!r) return null;
  const n = (v: unknown) => (v === null ? null : Number(v));
  return {
    dropId: String(r.id), drNumber: String(r.dr_number), projectId: String(r.project_id), clientId: String(r.client_id),
    pole: (r.pole_number as string | null) ?? null, pon: (r.pon as string | null) ?? null, zone: (r.zone as string | null) ?? null,
    gpsLat: n(r.gps_lat), gpsLng: n(r.gps_lng),
  };
}

const ELEMENT_COLUMN: Record<ElementKind, string> = { drop: 'd.dr_number', pole: 'd.pole_number', pon: 'd.pon', zone: 'd.zone' };

/** Serialises the repeat-fault check of one element across transactions (released at commit or rollback). */
export async function lockElement(q: Queryable, kind: ElementKind, key: string): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`repeat-fault:${kind}:${key}`]);
}

/** Ids of the fault tickets (any status, not deleted) on the element created in [since, until], oldest first. */
export async function faultIdsOnElement(q: Queryable, kind: ElementKind, key: string, since: Date, until: Date): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT t.id FROM tickets t JOIN ${registerRelations().drops} d ON d.id = t.drop_id
      WHERE ${ELEMENT_COLUMN[kind]} = $1 AND t.ticket_type = 'fault' AND t.deleted_at IS NULL AND t.created_at BETWEEN $2 AND $3
      ORDER BY t.created_at, t.id`,
    [key, since, until],
  );
  return rows.map((r) => r.id);
}

export async function findOpenAlert(q: Queryable, kind: ElementKind, key: string): Promise<{ id: string; ticketId: string } | null> {
  const { rows } = await q.query<{ id: string; ticket_id: string }>(
    'SELECT id, ticket_id FROM network_element_alerts WHERE element_kind = $1 AND element_key = $2 AND open',
    [kind, key],
  );
  return rows[0] ? { id: rows[0].id, ticketId: rows[0].ticket_id } : null;
}

/** Inserts the open alert unless one exists (the partial unique index decides); null when it already did. */
export async function insertAlert(
  q: Queryable,
  a: { kind: ElementKind; key: string; ticketId: string; faults: number; gpsLat: number | null; gpsLng: number | null; at: Date },
): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO network_element_alerts (element_kind, element_key, ticket_id, fault_count, gps_lat, gps_lng, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (element_kind, element_key) WHERE open DO NOTHING RETURNING id`,
    [a.kind, a.key, a.ticketId, a.faults, a.gpsLat, a.gpsLng, a.at],
  );
  return rows[0]?.id ?? null;
}

/** Links faults to an alert; returns the ids newly linked. */
export async function linkFaults(q: Queryable, alertId: string, ticketIds: readonly string[], at: Date): Promise<string[]> {
  const { rows } = await q.query<{ ticket_id: string }>(
    `INSERT INTO network_alert_faults (alert_id, ticket_id, linked_at) SELECT $1, unnest($2::uuid[]), $3
     ON CONFLICT DO NOTHING RETURNING ticket_id`,
    [alertId, ticketIds, at],
  );
  await q.query('UPDATE network_element_alerts SET fault_count = (SELECT count(*) FROM network_alert_faults WHERE alert_id = $1) WHERE id = $1', [alertId]);
  return rows.map((r) => r.ticket_id);
}

/** An infrastructure ticket that is finished closes its alerts: the next faults may open a new one. */
export async function closeAlertsOfTicket(q: Queryable, ticketId: string, at: Date): Promise<number> {
  const { rowCount } = await q.query('UPDATE network_element_alerts SET open = false, closed_at = $2 WHERE ticket_id = $1 AND open', [ticketId, at]);
  return rowCount;
}

export async function activeManagerIds(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>("SELECT id FROM users WHERE active AND role IN ('manager','admin') ORDER BY id");
  return rows.map((r) => r.id);
}

export interface HotElementRow {
  alertId: string;
  kind: ElementKind;
  key: string;
  faultCount: number;
  gpsLat: number | null;
  gpsLng: number | null;
  ticketId: string;
  ticketUid: string;
  ticketStatus: string;
  createdAt: string;
}

export async function listOpenAlerts(q: Queryable, limit: number): Promise<HotElementRow[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `SELECT a.id, a.element_kind, a.element_key, a.fault_count, a.gps_lat, a.gps_lng, a.created_at, t.id AS ticket_id, t.ticket_uid, t.status
       FROM network_element_alerts a JOIN tickets t ON t.id = a.ticket_id
      WHERE a.open ORDER BY a.fault_count DESC, a.created_at DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    alertId: String(r.id), kind: r.element_kind as ElementKind, key: String(r.element_key), faultCount: Number(r.fault_count),
    gpsLat: r.gps_lat === null ? null : Number(r.gps_lat), gpsLng: r.gps_lng === null ? null : Number(r.gps_lng),
    ticketId: String(r.ticket_id), ticketUid: String(r.ticket_uid), ticketStatus: String(r.status), createdAt: new Date(r.created_at as string).toISOString(),
  }));
}

export async function enqueueRepeatCheck(q: Queryable, ticketId: string, at: Date): Promise<void> {
  await q.query('INSERT INTO repeat_fault_queue (ticket_id, enqueued_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [ticketId, at]);
}

/** Claims the oldest queued fault (others skip it while this transaction holds it) and removes it from the queue. */
export async function claimRepeatCheck(q: Queryable): Promise<string | null> {
  const { rows } = await q.query<{ ticket_id: string }>(
    `DELETE FROM repeat_fault_queue WHERE ticket_id = (
       SELECT ticket_id FROM repeat_fault_queue ORDER BY enqueued_at, ticket_id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ticket_id`,
  );
  return rows[0]?.ticket_id ?? null;
}
