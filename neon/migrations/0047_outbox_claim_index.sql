-- The outbox worker claims due rows oldest first (next_attempt_at, then created_at), including rows left in
-- processing by a worker that died. The old index held pending and failed rows only and in next_attempt_at order, so
-- a claim read and sorted the whole backlog (a long WAHA or invoicing outage leaves thousands waiting); with this one
-- it reads the first rows of the index and stops.
DROP INDEX IF EXISTS outbox_due_idx;
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, created_at) WHERE status IN ('pending','failed','processing');
