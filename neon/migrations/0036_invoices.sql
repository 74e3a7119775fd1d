-- An invoice: the lines requested together (one ticket, or a client's resolved billable work for a period), numbered
-- INV-nnnnnn, with its client and totals; each line (ticket_billing.invoice_line) points at it. Its state (queued,
-- sent, failed) follows the delivery of its lines through the outbox.
CREATE TABLE IF NOT EXISTS invoices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  invoice_number text NOT NULL UNIQUE,
  client_id uuid REFERENCES clients(id),
  client_name text,
  period_from date,
  period_to date,
  line_count integer NOT NULL CHECK (line_count > 0),
  subtotal numeric(12,2) NOT NULL,
  vat numeric(12,2) NOT NULL,
  total numeric(12,2) NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS invoices_created_idx ON invoices (created_at DESC, invoice_number DESC);
ALTER TABLE ticket_billing ADD COLUMN IF NOT EXISTS invoice_ref uuid REFERENCES invoices(id);
CREATE INDEX IF NOT EXISTS ticket_billing_invoice_ref_idx ON ticket_billing (invoice_ref) WHERE invoice_ref IS NOT NULL;
