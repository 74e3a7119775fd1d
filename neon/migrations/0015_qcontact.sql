-- QContact: the link between a ticket and its case (what we last saw, for "unchanged writes nothing", the
-- conflict rule and no ping-pong), timeline events already turned into notes, and the two editable mapping tables
-- (category -> priority and type; status labels in and write values out), seeded with the defaults.
CREATE TABLE qcontact_cases (
  ticket_id uuid PRIMARY KEY REFERENCES tickets(id),
  case_id text NOT NULL UNIQUE,
  case_number text NOT NULL,
  case_updated_at text,
  status_label text,
  -- Our status as both sides last agreed on it (set by a sync or a confirmed write): the base of the conflict rule.
  synced_status text,
  unknown_status boolean NOT NULL DEFAULT false,
  subcategory text,
  ont_serial text,
  snapshot jsonb NOT NULL DEFAULT '{}'::jsonb,
  last_synced_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX qcontact_cases_unknown_idx ON qcontact_cases (status_label) WHERE unknown_status;

CREATE TABLE qcontact_seen_events (
  case_id text NOT NULL,
  event_id text NOT NULL,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  note_id uuid,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, event_id)
);

CREATE TABLE qcontact_category_map (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category text NOT NULL CHECK (length(category) BETWEEN 1 AND 200),
  subcategory text NOT NULL DEFAULT '' CHECK (length(subcategory) <= 200),
  priority text NOT NULL CHECK (priority IN ('low','medium','high','critical')),
  ticket_type text NOT NULL DEFAULT 'fault' CHECK (ticket_type IN ('fault','maintenance','installation','query','complaint','other')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (category, subcategory)
);

CREATE TABLE qcontact_status_map (
  direction text NOT NULL CHECK (direction IN ('inbound','outbound')),
  -- inbound: the QContact status label; outbound: our status.
  source_value text NOT NULL CHECK (length(source_value) BETWEEN 1 AND 100),
  -- inbound: our status; outbound: the QContact write value (NULL: this status is not written back).
  target_value text CHECK (target_value IS NULL OR length(target_value) BETWEEN 1 AND 100),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (direction, source_value)
);

INSERT INTO qcontact_category_map (category, subcategory, priority, ticket_type) VALUES
  ('Connectivity', '', 'high', 'fault'),
  ('Connectivity', 'ONT/Gizzu', 'high', 'fault'),
  ('Connectivity', 'Link Light', 'critical', 'fault'),
  ('Connectivity', 'PoorSignal', 'medium', 'fault'),
  ('Connectivity', 'Laptop/Mobile/Other', 'low', 'query'),
  ('Connectivity', 'To be determined', 'medium', 'fault'),
  ('General', '', 'low', 'query'),
  ('General', 'Maintenance', 'medium', 'maintenance'),
  ('Maintenance', '', 'medium', 'maintenance'),
  ('Maintenance', 'PropertyDamage', 'high', 'maintenance'),
  ('Maintenance', 'ONTMove', 'low', 'maintenance');

INSERT INTO qcontact_status_map (direction, source_value, target_value) VALUES
  ('inbound', 'New', 'new'),
  ('inbound', 'Pending Customer', 'new'),
  ('inbound', 'Assigned', 'assigned'),
  ('inbound', 'In Progress', 'in_progress'),
  ('inbound', 'Escalated', 'in_progress'),
  ('inbound', 'Solved', 'resolved'),
  ('inbound', 'Unsolved - No Response', 'cancelled'),
  ('inbound', 'Open', 'new'),
  ('inbound', 'Pending', 'new'),
  ('inbound', 'Pending Customer Response', 'new'),
  ('inbound', 'Pending Company Response', 'in_progress'),
  ('inbound', 'In Review', 'in_progress'),
  ('inbound', 'Reviewed', 'resolved'),
  ('inbound', 'Closed', 'closed'),
  ('outbound', 'new', 'Open'),
  ('outbound', 'triaged', 'Open'),
  ('outbound', 'assigned', 'Assigned'),
  ('outbound', 'in_progress', 'InProgress'),
  ('outbound', 'blocked', 'Pending Company Response'),
  ('outbound', 'resolved', 'Solved'),
  ('outbound', 'closed', 'Solved'),
  ('outbound', 'cancelled', NULL),
  ('outbound', 'pending_approval', NULL);
