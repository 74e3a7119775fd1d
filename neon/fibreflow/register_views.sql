-- Read-only mapping of FibreFlow's own client, project and drop tables onto the shape of the ticketing register.
--
-- When the ticketing module runs inside FibreFlow, FibreFlow's tables are the source of the network register.
-- They live in the schema named `fibreflow` here (edit the three FROM clauses if FibreFlow keeps them elsewhere):
--   fibreflow.clients  (id uuid, client_name text, client_code text, status text)
--   fibreflow.projects (id uuid, client_id uuid, project_name text, project_code text, region text, status text)
--   fibreflow.drops    (id uuid, drop_number text, project_id uuid, pole_number text, address text,
--                       installation_date date, status text, metadata jsonb)   -- metadata: pon, zone, ont_serial, lat, lng
-- Each view has the columns of the register table it stands for (clients, projects, drops) that the register
-- reads (FibreFlow keeps no contact details or change times for them: those are NULL), so the register's reads
-- can point at them: set NETWORK_REGISTER_SOURCE=fibreflow (see the module README, "Inside FibreFlow").
-- They are read-only on purpose: OFFSET 0 (and the joins) make PostgreSQL refuse INSERT, UPDATE
-- and DELETE through them; FibreFlow stays the only writer of its tables.
-- Apply with: psql "$DATABASE_URL" -f neon/fibreflow/register_views.sql (not a migration: only inside FibreFlow);
-- it is idempotent, so run it again after changing it.
CREATE SCHEMA IF NOT EXISTS ticketing_register;

CREATE OR REPLACE VIEW ticketing_register.clients AS
SELECT c.id, c.client_name AS name, NULLIF(c.client_code, '') AS code,
       coalesce(lower(c.status), 'active') <> 'inactive' AS active,
       NULL::text AS contact_email, NULL::text AS contact_phone, NULL::timestamptz AS updated_at
  FROM fibreflow.clients c
OFFSET 0;

CREATE OR REPLACE VIEW ticketing_register.projects AS
SELECT p.id, p.client_id, p.project_name AS name, coalesce(NULLIF(p.project_code, ''), p.id::text) AS code, p.region,
       coalesce(lower(p.status), 'active') NOT IN ('inactive', 'archived', 'cancelled') AS active,
       NULL::timestamptz AS updated_at
  FROM fibreflow.projects p JOIN fibreflow.clients c ON c.id = p.client_id
OFFSET 0;

-- Only drops whose number is a valid DR number (DR + 7 digits, any case or spacing) appear: tickets key on it.
CREATE OR REPLACE VIEW ticketing_register.drops AS
SELECT d.id, upper(regexp_replace(d.drop_number, '\s', '', 'g')) AS dr_number, d.project_id, NULLIF(d.address, '') AS address,
       CASE WHEN d.metadata->>'lat' ~ '^-?[0-9]+(\.[0-9]+)?$' AND abs((d.metadata->>'lat')::numeric) <= 90 THEN round((d.metadata->>'lat')::numeric, 6) END AS gps_lat,
       CASE WHEN d.metadata->>'lng' ~ '^-?[0-9]+(\.[0-9]+)?$' AND abs((d.metadata->>'lng')::numeric) <= 180 THEN round((d.metadata->>'lng')::numeric, 6) END AS gps_lng,
       d.installation_date AS install_date, NULLIF(d.pole_number, '') AS pole_number, NULLIF(d.metadata->>'pon', '') AS pon,
       NULLIF(d.metadata->>'zone', '') AS zone, NULLIF(d.metadata->>'ont_serial', '') AS ont_serial,
       coalesce(lower(d.status), 'active') NOT IN ('inactive', 'removed', 'cancelled') AS active,
       NULL::timestamptz AS updated_at
  FROM fibreflow.drops d JOIN fibreflow.projects p ON p.id = d.project_id
 WHERE upper(regexp_replace(d.drop_number, '\s', '', 'g')) ~ '^DR[0-9]{7}$'
OFFSET 0;
