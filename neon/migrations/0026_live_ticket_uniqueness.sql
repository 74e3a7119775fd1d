-- Issue 12: a soft-deleted ticket no longer holds its UID or its channel's external id (a QContact case reported
-- again after its ticket was deleted gets a new ticket); uniqueness holds among live tickets only.
ALTER TABLE tickets DROP CONSTRAINT tickets_ticket_uid_key;
CREATE UNIQUE INDEX tickets_uid_live_idx ON tickets (ticket_uid) WHERE deleted_at IS NULL;
CREATE INDEX tickets_uid_idx ON tickets (ticket_uid);
DROP INDEX tickets_source_external_idx;
CREATE UNIQUE INDEX tickets_source_external_live_idx ON tickets (source, external_id) WHERE external_id IS NOT NULL AND deleted_at IS NULL;
