-- Billing: fee price-change history, invoice request and actuals tracking, indexes for the approval queue and invoicing.
CREATE TABLE fee_schedule_price_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  fee_schedule_id uuid NOT NULL REFERENCES billable_fee_schedule(id),
  changed_by uuid REFERENCES users(id),
  changed_by_name text,
  reason text,
  before jsonb NOT NULL,
  after jsonb NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fee_price_changes_fee_idx ON fee_schedule_price_changes (fee_schedule_id, id);

ALTER TABLE ticket_billing
  ADD COLUMN after_hours boolean NOT NULL DEFAULT false,
  ADD COLUMN actuals_recorded_by uuid REFERENCES users(id),
  ADD COLUMN actuals_recorded_at timestamptz,
  ADD COLUMN invoice_line jsonb,
  ADD COLUMN invoice_requested_by uuid REFERENCES users(id),
  ADD COLUMN invoice_requested_at timestamptz;

CREATE INDEX ticket_billing_invoiceable_idx ON ticket_billing (approval_status)
  WHERE billing_type = 'billable' AND invoice_requested_at IS NULL;
CREATE INDEX client_contracts_project_idx ON client_contracts (project_id) WHERE active;
CREATE INDEX outbox_ticket_idx ON outbox (ticket_id) WHERE ticket_id IS NOT NULL;
