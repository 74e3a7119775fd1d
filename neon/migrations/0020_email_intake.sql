-- Email intake: every message we received or sent, by its Message-ID, so a reply (In-Reply-To / References) finds
-- its ticket and a bounce finds the notification it bounces. Outbound rows carry the notification_log row they sent.
CREATE TABLE email_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY,
  message_id text NOT NULL UNIQUE,
  ticket_id uuid REFERENCES tickets(id),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  notification_id uuid REFERENCES notification_log(id),
  inbound_event_id uuid REFERENCES inbound_events(id),
  subject text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_messages_ticket_idx ON email_messages (ticket_id, seq);
