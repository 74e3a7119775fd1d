-- The network register: clients, projects and drops become editable and deactivatable (never deleted while
-- tickets point at them), drops searchable by their network elements, and the bulk import keeps its batches
-- and each client's remembered column mapping.
ALTER TABLE clients ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE clients ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE projects ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE projects ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE drops ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE drops ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE drops ADD CONSTRAINT drops_gps_range CHECK (
  (gps_lat IS NULL OR gps_lat BETWEEN -90 AND 90) AND (gps_lng IS NULL OR gps_lng BETWEEN -180 AND 180));

CREATE INDEX drops_pole_idx ON drops (pole_number) WHERE pole_number IS NOT NULL;
CREATE INDEX drops_pon_idx ON drops (pon) WHERE pon IS NOT NULL;
CREATE INDEX drops_zone_idx ON drops (zone) WHERE zone IS NOT NULL;
-- No trigram index on drops: it made a 200,000-drop import several times slower; the register search walks
-- the DR-number order (keyset) and filters, which answers a page without one.
CREATE INDEX clients_name_idx ON clients (lower(name), id);
CREATE INDEX projects_name_idx ON projects (lower(name), id);

-- The column mapping an operator last confirmed for a client's register, by header text.
CREATE TABLE network_import_mappings (
  client_id uuid PRIMARY KEY REFERENCES clients(id),
  mapping jsonb NOT NULL,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One uploaded register file: previewed, then applied once in one transaction.
CREATE TABLE network_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients(id),
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  storage_key text NOT NULL,
  format text NOT NULL CHECK (format IN ('xlsx','csv')),
  mapping jsonb NOT NULL,
  status text NOT NULL DEFAULT 'preview' CHECK (status IN ('preview','applying','applied','failed')),
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  total_rows integer NOT NULL DEFAULT 0,
  error text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz
);
CREATE INDEX network_imports_created_idx ON network_imports (created_at DESC, id DESC);

-- What the technician said caused the fault, beside the cause itself.
ALTER TABLE tickets ADD COLUMN fault_cause_detail text CHECK (fault_cause_detail IS NULL OR length(fault_cause_detail) <= 2000);
