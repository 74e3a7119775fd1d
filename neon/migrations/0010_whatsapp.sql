-- The WhatsApp conversation (issue 9): every message in or out of a chat, the ticket and note it belongs to, its
-- WAHA id (to match acks, echoes, edits and revokes), its delivery state, and the unmatched queue (ticket_id NULL).
CREATE TABLE whatsapp_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Arrival order within the same instant (a conversation reads in the order messages were stored).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  chat_id text NOT NULL,
  waha_id text UNIQUE,
  waha_key text,
  direction text NOT NULL CHECK (direction IN ('in','out')),
  state text NOT NULL CHECK (state IN ('received','unmatched','dismissed','pending','sent','failed')),
  ticket_id uuid REFERENCES tickets(id),
  note_id uuid REFERENCES ticket_notes(id),
  inbound_event_id uuid REFERENCES inbound_events(id),
  outbox_id uuid,
  notification_id uuid,
  sender text,
  sender_name text,
  is_group boolean NOT NULL DEFAULT false,
  body text NOT NULL DEFAULT '',
  reply_to text,
  media jsonb,
  ack smallint,
  error text,
  edited_body text,
  edited_at timestamptz,
  revoked_at timestamptz,
  sent_by uuid REFERENCES users(id),
  sent_by_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX whatsapp_messages_ticket_idx ON whatsapp_messages (ticket_id, created_at, seq);
CREATE INDEX whatsapp_messages_chat_idx ON whatsapp_messages (chat_id, ticket_id);
CREATE INDEX whatsapp_messages_key_idx ON whatsapp_messages (waha_key);
CREATE INDEX whatsapp_messages_unmatched_idx ON whatsapp_messages (created_at) WHERE state = 'unmatched';
