-- Shared plumbing for every inbound channel (WhatsApp, QContact, email, weekly report): the inbound event queue
-- gets a worker lease, backoff and a review state; channels keep cursors and poll state in integration_state;
-- job_leases lets one runner at a time hold a scheduled job across processes.
ALTER TABLE inbound_events DROP CONSTRAINT IF EXISTS inbound_events_status_check;
ALTER TABLE inbound_events ADD CONSTRAINT inbound_events_status_check
  CHECK (status IN ('received','processing','processed','failed','ignored','review','dead'));
ALTER TABLE inbound_events
  ADD COLUMN event_type text,
  ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN locked_at timestamptz,
  ADD COLUMN locked_by text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
DROP INDEX IF EXISTS inbound_events_pending_idx;
CREATE INDEX inbound_events_due_idx ON inbound_events (next_attempt_at) WHERE status IN ('received','failed','processing');
CREATE INDEX inbound_events_source_idx ON inbound_events (source, received_at DESC);
CREATE INDEX inbound_events_review_idx ON inbound_events (source, status) WHERE status IN ('review','failed','dead');

CREATE TABLE integration_state (
  channel text NOT NULL,
  key text NOT NULL,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, key)
);

CREATE TABLE job_leases (
  name text PRIMARY KEY,
  owner text NOT NULL,
  expires_at timestamptz NOT NULL,
  acquired_at timestamptz NOT NULL DEFAULT now()
);
