-- Core schema: organisations, drops, users and auth, tickets and their children, billing, SLA, integrations.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  code text UNIQUE,
  contact_email text,
  contact_phone text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  name text NOT NULL,
  code text NOT NULL UNIQUE,
  region text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_client_idx ON projects (client_id);

CREATE TABLE drops (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dr_number text NOT NULL UNIQUE CHECK (dr_number ~ '^DR[0-9]{7}$'),
  project_id uuid NOT NULL REFERENCES projects(id),
  address text,
  gps_lat numeric(9,6),
  gps_lng numeric(9,6),
  install_date date,
  pole_number text,
  pon text,
  zone text,
  ont_serial text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX drops_project_idx ON drops (project_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin','manager','agent','technician','finance')),
  phone text,
  password_hash text,
  clerk_user_id text UNIQUE,
  active boolean NOT NULL DEFAULT true,
  notification_prefs jsonb NOT NULL DEFAULT '{"email": true, "whatsapp": false}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_lower_idx ON users (lower(email));
CREATE INDEX users_role_idx ON users (role) WHERE active;

CREATE TABLE user_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE uid_counters (
  key text PRIMARY KEY,
  value bigint NOT NULL CHECK (value >= 0)
);

CREATE TABLE sla_configs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_type text NOT NULL CHECK (ticket_type IN ('fault','maintenance','installation','query','complaint','other')),
  priority text NOT NULL CHECK (priority IN ('low','medium','high','critical')),
  response_hours numeric(8,2) NOT NULL CHECK (response_hours > 0),
  resolution_hours numeric(8,2) NOT NULL CHECK (resolution_hours > 0),
  business_hours_only boolean NOT NULL DEFAULT true,
  warning_pct integer NOT NULL DEFAULT 75 CHECK (warning_pct BETWEEN 1 AND 99),
  escalation_pct integer NOT NULL DEFAULT 90 CHECK (escalation_pct BETWEEN 1 AND 99),
  response_warning_pct integer NOT NULL DEFAULT 75 CHECK (response_warning_pct BETWEEN 1 AND 99),
  response_escalation_pct integer NOT NULL DEFAULT 90 CHECK (response_escalation_pct BETWEEN 1 AND 99),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ticket_type, priority),
  CHECK (warning_pct < escalation_pct),
  CHECK (response_warning_pct < response_escalation_pct)
);

CREATE TABLE client_contracts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  project_id uuid REFERENCES projects(id),
  contract_number text NOT NULL UNIQUE,
  name text NOT NULL,
  start_date date NOT NULL,
  end_date date,
  active boolean NOT NULL DEFAULT true,
  response_hours numeric(8,2) CHECK (response_hours > 0),
  resolution_hours numeric(8,2) CHECK (resolution_hours > 0),
  business_hours_only boolean NOT NULL DEFAULT true,
  hourly_rate numeric(12,2) CHECK (hourly_rate >= 0),
  notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX client_contracts_client_idx ON client_contracts (client_id) WHERE active;

CREATE TABLE project_guarantees (
  project_id uuid PRIMARY KEY REFERENCES projects(id),
  guarantee_period_days integer NOT NULL DEFAULT 90 CHECK (guarantee_period_days >= 0),
  material_guarantee_days integer NOT NULL DEFAULT 365 CHECK (material_guarantee_days >= 0),
  starts_on_override date,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE billable_fee_schedule (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_type text NOT NULL,
  ticket_type text NOT NULL CHECK (ticket_type IN ('fault','maintenance','installation','query','complaint','other')),
  priority text CHECK (priority IN ('low','medium','high','critical')),
  project_id uuid REFERENCES projects(id),
  base_fee numeric(12,2) NOT NULL CHECK (base_fee >= 0),
  hourly_rate numeric(12,2) NOT NULL CHECK (hourly_rate >= 0),
  travel_fee numeric(12,2) NOT NULL DEFAULT 0 CHECK (travel_fee >= 0),
  after_hours_multiplier numeric(4,2) NOT NULL DEFAULT 1.5 CHECK (after_hours_multiplier >= 1),
  default_hours numeric(6,2) NOT NULL DEFAULT 1 CHECK (default_hours >= 0),
  currency text NOT NULL DEFAULT 'ZAR' CHECK (currency = 'ZAR'),
  effective_from date NOT NULL,
  effective_to date,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX fee_schedule_lookup_idx ON billable_fee_schedule (ticket_type, priority, project_id) WHERE active;

CREATE TABLE tickets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_uid text NOT NULL UNIQUE,
  source text NOT NULL CHECK (source IN ('qcontact','whatsapp','whatsapp_outbound','email','construction','internal','adhoc','weekly_report')),
  external_id text,
  ticket_type text NOT NULL CHECK (ticket_type IN ('fault','maintenance','installation','query','complaint','other')),
  category text,
  priority text NOT NULL CHECK (priority IN ('low','medium','high','critical')),
  status text NOT NULL CHECK (status IN ('new','triaged','assigned','in_progress','blocked','resolved','closed','cancelled','pending_approval')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text,
  dr_number text CHECK (dr_number IS NULL OR dr_number ~ '^DR[0-9]{7}$'),
  drop_id uuid REFERENCES drops(id),
  project_id uuid REFERENCES projects(id),
  client_id uuid REFERENCES clients(id),
  reporter_name text,
  reporter_phone text,
  reporter_email text,
  address text,
  gps_lat numeric(9,6),
  gps_lng numeric(9,6),
  assigned_to uuid REFERENCES users(id),
  sla_config_id uuid REFERENCES sla_configs(id),
  first_response_due_at timestamptz,
  first_responded_at timestamptz,
  due_at timestamptz,
  sla_paused boolean NOT NULL DEFAULT false,
  sla_paused_at timestamptz,
  sla_warning_at timestamptz,
  sla_escalated_at timestamptz,
  sla_breached_at timestamptz,
  billing_type text CHECK (billing_type IN ('guarantee','sla','billable')),
  requires_billing_approval boolean NOT NULL DEFAULT false,
  fault_cause text CHECK (fault_cause IN ('workmanship','material_failure','client_damage','third_party','environmental','vandalism','unknown')),
  resolution_notes text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  closed_at timestamptz,
  deleted_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  search_text text GENERATED ALWAYS AS (lower(ticket_uid || ' ' || title || ' ' || coalesce(description, '') || ' ' || coalesce(dr_number, ''))) STORED
);
CREATE UNIQUE INDEX tickets_source_external_idx ON tickets (source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX tickets_created_idx ON tickets (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_status_created_idx ON tickets (status, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_assignee_idx ON tickets (assigned_to, status) WHERE deleted_at IS NULL;
CREATE INDEX tickets_dr_idx ON tickets (dr_number) WHERE dr_number IS NOT NULL;
CREATE INDEX tickets_project_idx ON tickets (project_id, created_at DESC);
CREATE INDEX tickets_client_idx ON tickets (client_id, created_at DESC);
CREATE INDEX tickets_priority_idx ON tickets (priority, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_source_idx ON tickets (source, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_billing_idx ON tickets (billing_type) WHERE deleted_at IS NULL;
CREATE INDEX tickets_updated_idx ON tickets (updated_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX tickets_due_open_idx ON tickets (due_at) WHERE deleted_at IS NULL AND status NOT IN ('resolved','closed','cancelled');
CREATE INDEX tickets_search_trgm_idx ON tickets USING gin (search_text gin_trgm_ops);

CREATE TABLE ticket_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  note_type text NOT NULL CHECK (note_type IN ('internal','external','system')),
  channel text CHECK (channel IN ('web','api','whatsapp','email','qcontact')),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  author_id uuid REFERENCES users(id),
  author_name text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_notes_ticket_idx ON ticket_notes (ticket_id, created_at);

CREATE TABLE ticket_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  storage_key text NOT NULL UNIQUE,
  file_name text NOT NULL,
  mime_type text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_attachments_ticket_idx ON ticket_attachments (ticket_id, created_at);

CREATE TABLE ticket_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  actor_id uuid REFERENCES users(id),
  actor_name text,
  action text NOT NULL,
  field text,
  old_value text,
  new_value text,
  details jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_history_ticket_idx ON ticket_history (ticket_id, id);

CREATE TABLE ticket_tags (
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  tag text NOT NULL CHECK (tag ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ticket_id, tag)
);
CREATE INDEX ticket_tags_tag_idx ON ticket_tags (tag);

CREATE TABLE ticket_assignment_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  from_user_id uuid REFERENCES users(id),
  to_user_id uuid REFERENCES users(id),
  assigned_by uuid REFERENCES users(id),
  reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_assignment_ticket_idx ON ticket_assignment_history (ticket_id, id);

CREATE TABLE ticket_billing (
  ticket_id uuid PRIMARY KEY REFERENCES tickets(id),
  billing_type text NOT NULL CHECK (billing_type IN ('guarantee','sla','billable')),
  reason text NOT NULL,
  guarantee_expires_at timestamptz,
  contract_id uuid REFERENCES client_contracts(id),
  fee_schedule_id uuid REFERENCES billable_fee_schedule(id),
  requires_approval boolean NOT NULL DEFAULT false,
  estimated_hours numeric(8,2),
  estimated_labour numeric(12,2),
  estimated_parts numeric(12,2),
  estimated_travel numeric(12,2),
  estimated_total numeric(12,2),
  actual_hours numeric(8,2),
  actual_labour numeric(12,2),
  actual_parts numeric(12,2),
  actual_travel numeric(12,2),
  actual_total numeric(12,2),
  approval_status text CHECK (approval_status IN ('pending','approved','rejected')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  decision_reason text,
  invoice_id text,
  invoiced_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_billing_pending_idx ON ticket_billing (created_at) WHERE approval_status = 'pending';

CREATE TABLE business_calendars (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  timezone text NOT NULL DEFAULT 'Africa/Johannesburg',
  working_hours jsonb NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE business_closed_days (
  calendar_id uuid NOT NULL REFERENCES business_calendars(id),
  day date NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (calendar_id, day)
);

CREATE TABLE sla_pauses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  reason text NOT NULL CHECK (reason IN ('waiting_customer','access_denied','parts','permit','weather','other')),
  note text,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  paused_business_minutes integer,
  created_by uuid REFERENCES users(id),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX sla_pauses_ticket_idx ON sla_pauses (ticket_id, started_at);
CREATE UNIQUE INDEX sla_pauses_one_open_idx ON sla_pauses (ticket_id) WHERE ended_at IS NULL;

CREATE TABLE notification_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel text NOT NULL CHECK (channel IN ('email','sms','whatsapp','system')),
  recipient text NOT NULL,
  template text NOT NULL,
  ticket_id uuid REFERENCES tickets(id),
  trigger text NOT NULL,
  dedupe_key text UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','delivered')),
  error text,
  outbox_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  delivered_at timestamptz
);
CREATE INDEX notification_log_ticket_idx ON notification_log (ticket_id, created_at);

CREATE TABLE inbound_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source text NOT NULL,
  external_id text NOT NULL,
  payload jsonb NOT NULL,
  headers jsonb,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received','processed','failed','ignored')),
  error text,
  attempts integer NOT NULL DEFAULT 0,
  ticket_id uuid REFERENCES tickets(id),
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  UNIQUE (source, external_id)
);
CREATE INDEX inbound_events_pending_idx ON inbound_events (received_at) WHERE status IN ('received','failed');

CREATE TABLE outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  payload jsonb NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  ticket_id uuid REFERENCES tickets(id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','processing','sent','failed','dead')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 8,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  locked_at timestamptz,
  locked_by text,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status IN ('pending','failed');
CREATE INDEX outbox_status_idx ON outbox (status, created_at);

CREATE TABLE import_batches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_uid text NOT NULL UNIQUE CHECK (report_uid ~ '^WR[0-9]{4}-W[0-9]{2}-[0-9]{3}$'),
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  column_mapping jsonb,
  status text NOT NULL DEFAULT 'preview' CHECK (status IN ('preview','confirmed','failed')),
  row_outcomes jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz
);
