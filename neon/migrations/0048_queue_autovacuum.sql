-- The queue tables (inbound_events, outbox) leave two dead row versions per item (claimed, settled), and each claim
-- reads its due index from the oldest end, past them. Autovacuum's default waits for a fifth of the table to be dead:
-- on a table of millions of settled events that is hundreds of thousands of dead versions in every claim's way. Here it
-- comes after a fixed number instead, unthrottled. (The worker's queueVacuum job covers servers with autovacuum off.)
ALTER TABLE inbound_events SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_cost_delay = 0);
