-- Weekly fault report imports: the client the report came from, the result report (created, updated, unchanged,
-- errors) and the rows' outcomes kept with the batch; the column mapping remembered per client.
ALTER TABLE import_batches
  ADD COLUMN client_id uuid REFERENCES clients(id),
  ADD COLUMN sheet_name text,
  ADD COLUMN row_count integer NOT NULL DEFAULT 0,
  ADD COLUMN result jsonb;
CREATE INDEX import_batches_sha_idx ON import_batches (file_sha256) WHERE status = 'confirmed';

CREATE TABLE import_column_mappings (
  scope text PRIMARY KEY,
  mapping jsonb NOT NULL,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
