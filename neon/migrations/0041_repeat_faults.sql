-- Repeat faults: editable thresholds per network element kind, the open alert (one infrastructure ticket) per
-- element, the faults linked to it, and parent/child tickets for mass incidents.
CREATE TABLE repeat_fault_thresholds (
  element_kind text PRIMARY KEY CHECK (element_kind IN ('drop','pole','pon','zone')),
  threshold integer NOT NULL CHECK (threshold >= 2),
  window_days integer NOT NULL DEFAULT 30 CHECK (window_days BETWEEN 1 AND 365),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO repeat_fault_thresholds (element_kind, threshold) VALUES ('drop', 2), ('pole', 3), ('pon', 5), ('zone', 10);

CREATE TABLE network_element_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  element_kind text NOT NULL CHECK (element_kind IN ('drop','pole','pon','zone')),
  element_key text NOT NULL,
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  fault_count integer NOT NULL,
  gps_lat numeric(9,6),
  gps_lng numeric(9,6),
  open boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
-- Never a second open alert (and infrastructure ticket) for the same element, whatever the concurrency.
CREATE UNIQUE INDEX network_element_alerts_one_open_idx ON network_element_alerts (element_kind, element_key) WHERE open;
CREATE INDEX network_element_alerts_ticket_idx ON network_element_alerts (ticket_id);

CREATE TABLE network_alert_faults (
  alert_id uuid NOT NULL REFERENCES network_element_alerts(id),
  ticket_id uuid NOT NULL REFERENCES tickets(id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (alert_id, ticket_id)
);
CREATE INDEX network_alert_faults_ticket_idx ON network_alert_faults (ticket_id);

ALTER TABLE tickets ADD COLUMN parent_ticket_id uuid REFERENCES tickets(id);
CREATE INDEX tickets_parent_idx ON tickets (parent_ticket_id) WHERE parent_ticket_id IS NOT NULL;
CREATE INDEX tickets_drop_created_idx ON tickets (drop_id, created_at) WHERE drop_id IS NOT NULL AND deleted_at IS NULL;

-- New faults waiting for the repeat-fault check. The check runs in the background worker (claimed with
-- SKIP LOCKED, so any number of workers can share the queue), outside the transaction that created the fault.
CREATE TABLE repeat_fault_queue (
  ticket_id uuid PRIMARY KEY REFERENCES tickets(id),
  enqueued_at timestamptz NOT NULL DEFAULT now()
);
