// SQL for sla_configs: the response and resolution targets per ticket type and priority.
import type { Queryable } from '@/src/lib/db';
import type { SlaConfig, SlaConfigCreateInput, SlaConfigListQuery, SlaConfigUpdateInput } from '../types/sla';

const COLUMNS = `id, ticket_type, priority, response_hours, resolution_hours, business_hours_only, warning_pct, escalation_pct,
  response_warning_pct, response_escalation_pct, active, created_at, updated_at`;

interface Row {
  id: string;
  ticket_type: SlaConfig['ticketType'];
  priority: SlaConfig['priority'];
  response_hours: string | number;
  resolution_hours: string | number;
  business_hours_only: boolean;
  warning_pct: number;
  escalation_pct: number;
  response_warning_pct: number;
  response_escalation_pct: number;
  active: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const map = (r: Row): SlaConfig => ({
  id: r.id,
  ticketType: r.ticket_type,
  priority: r.priority,
  responseHours: Number(r.response_hours),
  resolutionHours: Number(r.resolution_hours),
  businessHoursOnly: r.business_hours_only,
  warningPct: r.warning_pct,
  escalationPct: r.escalation_pct,
  responseWarningPct: r.response_warning_pct,
  responseEscalationPct: r.response_escalation_pct,
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function listSlaConfigs(q: Queryable, f: SlaConfigListQuery = {}): Promise<SlaConfig[]> {
  const { rows } = await q.query<Row>(
    `SELECT ${COLUMNS} FROM sla_configs
      WHERE ($1::text IS NULL OR ticket_type = $1) AND ($2::text IS NULL OR priority = $2) AND ($3::boolean IS NULL OR active = $3)
      ORDER BY ticket_type, array_position(ARRAY['critical','high','medium','low'], priority)`,
    [f.ticketType ?? null, f.priority ?? null, f.active ?? null],
  );
  return rows.map(map);
}

export async function findSlaConfig(q: Queryable, id: string): Promise<SlaConfig | null> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM sla_configs WHERE id = $1`, [id]);
  return rows[0] ? map(rows[0]) : null;
}

export async function findActiveSlaConfigFor(q: Queryable, ticketType: string, priority: string): Promise<SlaConfig | null> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM sla_configs WHERE ticket_type = $1 AND priority = $2 AND active`, [ticketType, priority]);
  return rows[0] ? map(rows[0]) : null;
}

/** Inserts a config; null when the ticket type and priority already have one. */
export async function insertSlaConfig(q: Queryable, c: SlaConfigCreateInput, now: Date): Promise<SlaConfig | null> {
  const { rows } = await q.query<Row>(
    `INSERT INTO sla_configs (ticket_type, priority, response_hours, resolution_hours, business_hours_only, warning_pct,
       escalation_pct, response_warning_pct, response_escalation_pct, active, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
     ON CONFLICT (ticket_type, priority) DO NOTHING RETURNING ${COLUMNS}`,
    [c.ticketType, c.priority, c.responseHours, c.resolutionHours, c.businessHoursOnly, c.warningPct, c.escalationPct,
      c.responseWarningPct, c.responseEscalationPct, c.active, now],
  );
  return rows[0] ? map(rows[0]) : null;
}

/** Writes the merged config (the service validated the combination). */
export async function updateSlaConfig(q: Queryable, id: string, c: Required<SlaConfigUpdateInput>, now: Date): Promise<SlaConfig> {
  const { rows } = await q.query<Row>(
    `UPDATE sla_configs SET response_hours = $2, resolution_hours = $3, business_hours_only = $4, warning_pct = $5,
       escalation_pct = $6, response_warning_pct = $7, response_escalation_pct = $8, active = $9, updated_at = $10
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, c.responseHours, c.resolutionHours, c.businessHoursOnly, c.warningPct, c.escalationPct, c.responseWarningPct,
      c.responseEscalationPct, c.active, now],
  );
  return map(rows[0]);
}

export interface ContractTargets {
  contractId: string;
  responseHours: number | null;
  resolutionHours: number | null;
  businessHoursOnly: boolean;
}

/** The contract billing put the ticket under (ticket_billing.contract_id), with its own SLA hours if it has any. */
export async function findTicketContractTargets(q: Queryable, ticketId: string): Promise<ContractTargets | null> {
  const { rows } = await q.query<{ id: string; response_hours: string | null; resolution_hours: string | null; business_hours_only: boolean }>(
    `SELECT c.id, c.response_hours, c.resolution_hours, c.business_hours_only
       FROM ticket_billing b JOIN client_contracts c ON c.id = b.contract_id
      WHERE b.ticket_id = $1 AND b.billing_type = 'sla'`,
    [ticketId],
  );
  const r = rows[0];
  if (!r) return null;
  const hours = (v: string | null) => (v === null ? null : Number(v));
  return {
    contractId: r.id,
    responseHours: hours(r.response_hours),
    resolutionHours: hours(r.resolution_hours),
    businessHoursOnly: r.business_hours_only,
  };
}
