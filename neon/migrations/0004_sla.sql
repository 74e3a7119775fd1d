-- SLA engine: per-ticket target snapshot, cycle and next-threshold instant; fired thresholds; seeded configs and calendar.

-- The targets a ticket runs on are copied onto it when they are set (a later config edit does not move old tickets).
ALTER TABLE tickets
  ADD COLUMN sla_cycle integer NOT NULL DEFAULT 1 CHECK (sla_cycle >= 1),
  ADD COLUMN sla_source text CHECK (sla_source IN ('config','contract')),
  ADD COLUMN sla_contract_id uuid REFERENCES client_contracts(id),
  ADD COLUMN sla_business_hours boolean,
  ADD COLUMN sla_response_seconds integer CHECK (sla_response_seconds > 0),
  ADD COLUMN sla_resolution_seconds integer CHECK (sla_resolution_seconds > 0),
  ADD COLUMN sla_warning_pct integer CHECK (sla_warning_pct BETWEEN 1 AND 99),
  ADD COLUMN sla_escalation_pct integer CHECK (sla_escalation_pct BETWEEN 1 AND 99),
  ADD COLUMN sla_response_warning_pct integer CHECK (sla_response_warning_pct BETWEEN 1 AND 99),
  ADD COLUMN sla_response_escalation_pct integer CHECK (sla_response_escalation_pct BETWEEN 1 AND 99),
  -- Business seconds spent blocked in closed pauses (due times are created_at + target + this, in business time).
  ADD COLUMN sla_paused_seconds integer NOT NULL DEFAULT 0 CHECK (sla_paused_seconds >= 0),
  -- The earliest threshold not yet fired; NULL while paused, closed or without targets. The sweep reads only this.
  ADD COLUMN sla_next_check_at timestamptz,
  ADD COLUMN first_response_breached_at timestamptz;

CREATE INDEX tickets_sla_next_check_idx ON tickets (sla_next_check_at) WHERE sla_next_check_at IS NOT NULL;
CREATE INDEX tickets_sla_breached_idx ON tickets (sla_breached_at) WHERE sla_breached_at IS NOT NULL AND deleted_at IS NULL;

-- Each threshold fires once per ticket, target and cycle; a recomputed target starts a new cycle.
CREATE TABLE sla_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  target text NOT NULL CHECK (target IN ('response','resolution')),
  threshold text NOT NULL CHECK (threshold IN ('warning','escalation','breach')),
  cycle integer NOT NULL CHECK (cycle >= 1),
  percent integer NOT NULL,
  threshold_at timestamptz NOT NULL,
  due_at timestamptz,
  fired_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ticket_id, target, threshold, cycle)
);

-- Which SLA event a notification belongs to (its dedupe_key also carries the cycle and recipient).
ALTER TABLE notification_log
  ADD COLUMN user_id uuid REFERENCES users(id),
  ADD COLUMN sla_event_id uuid REFERENCES sla_events(id);
CREATE INDEX notification_log_status_idx ON notification_log (status, created_at);

ALTER TABLE business_calendars ADD COLUMN holiday_country text DEFAULT 'ZA' CHECK (holiday_country ~ '^[A-Z]{2}$');
CREATE UNIQUE INDEX business_calendars_one_default_idx ON business_calendars (is_default) WHERE is_default;

INSERT INTO business_calendars (name, timezone, working_hours, is_default, holiday_country)
VALUES ('Default', 'Africa/Johannesburg',
  '{"sun": [], "mon": [{"start": "08:00", "end": "17:00"}], "tue": [{"start": "08:00", "end": "17:00"}],
    "wed": [{"start": "08:00", "end": "17:00"}], "thu": [{"start": "08:00", "end": "17:00"}],
    "fri": [{"start": "08:00", "end": "17:00"}], "sat": []}'::jsonb,
  true, 'ZA')
ON CONFLICT (name) DO NOTHING;

-- Response / resolution hours. Faults as agreed with the operator; the other types are editable starting points:
-- critical maintenance runs around the clock like a critical fault, installations and queries run in office hours.
INSERT INTO sla_configs (ticket_type, priority, response_hours, resolution_hours, business_hours_only) VALUES
  ('fault',        'critical', 1,  4,   false),
  ('fault',        'high',     2,  8,   true),
  ('fault',        'medium',   4,  24,  true),
  ('fault',        'low',      8,  48,  true),
  ('maintenance',  'critical', 2,  8,   false),
  ('maintenance',  'high',     4,  16,  true),
  ('maintenance',  'medium',   8,  40,  true),
  ('maintenance',  'low',      16, 80,  true),
  ('installation', 'critical', 4,  24,  true),
  ('installation', 'high',     8,  40,  true),
  ('installation', 'medium',   16, 80,  true),
  ('installation', 'low',      24, 120, true),
  ('query',        'critical', 1,  8,   true),
  ('query',        'high',     2,  16,  true),
  ('query',        'medium',   4,  24,  true),
  ('query',        'low',      8,  40,  true),
  ('complaint',    'critical', 1,  8,   true),
  ('complaint',    'high',     2,  16,  true),
  ('complaint',    'medium',   4,  24,  true),
  ('complaint',    'low',      8,  40,  true),
  ('other',        'critical', 2,  16,  true),
  ('other',        'high',     4,  24,  true),
  ('other',        'medium',   8,  40,  true),
  ('other',        'low',      16, 80,  true)
ON CONFLICT (ticket_type, priority) DO NOTHING;
