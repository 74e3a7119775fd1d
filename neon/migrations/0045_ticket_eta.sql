-- The technician's expected arrival on a ticket (set by the technician, an agent or a manager; shown on the ticket and
-- in the WhatsApp self-service reply while the ticket is open). NULL: no arrival time promised.
ALTER TABLE tickets ADD COLUMN eta_at timestamptz NULL;
