-- Dashboard counters kept by the writes: open tickets by (status, source, priority, SLA state, paused) and
-- created/resolved per 15-minute bucket, so tickets-stats reads a few thousand counter rows instead of scanning
-- a million tickets. Every write to tickets (service, import, manual SQL) goes through the trigger, so the
-- counters cannot drift from the rows. Each counter is striped over 4 slots, chosen at random per change, so
-- concurrent creates do not queue on one hot row; the trigger is deferred to commit, so a slot's row lock is held
-- only for the end of the transaction. Readers sum the slots.

CREATE TABLE ticket_open_counts (
  status text NOT NULL,
  source text NOT NULL,
  priority text NOT NULL,
  sla_state text NOT NULL CHECK (sla_state IN ('none','warning','escalated','breached')),
  paused boolean NOT NULL,
  slot smallint NOT NULL,
  n bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (status, source, priority, sla_state, paused, slot)
);

-- bucket: the 15-minute UTC interval an event fell in (every timezone offset in use is a multiple of 15 minutes,
-- so the buckets regroup exactly into local days of any business timezone).
CREATE TABLE ticket_flow_counts (
  bucket timestamptz NOT NULL,
  slot smallint NOT NULL,
  created bigint NOT NULL DEFAULT 0,
  resolved bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket, slot)
);

CREATE FUNCTION ticket_bucket(ts timestamptz) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_timestamp(floor(extract(epoch FROM ts) / 900) * 900) $$;

CREATE FUNCTION ticket_sla_state(warning timestamptz, escalated timestamptz, breached timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN breached IS NOT NULL THEN 'breached' WHEN escalated IS NOT NULL THEN 'escalated'
                    WHEN warning IS NOT NULL THEN 'warning' ELSE 'none' END $$;

CREATE FUNCTION ticket_counts_open(t tickets, delta integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF t.deleted_at IS NOT NULL OR t.status IN ('resolved','closed','cancelled') THEN RETURN; END IF;
  INSERT INTO ticket_open_counts AS c (status, source, priority, sla_state, paused, slot, n)
  VALUES (t.status, t.source, t.priority, ticket_sla_state(t.sla_warning_at, t.sla_escalated_at, t.sla_breached_at),
          t.sla_paused, floor(random() * 4)::smallint, delta)
  ON CONFLICT (status, source, priority, sla_state, paused, slot) DO UPDATE SET n = c.n + EXCLUDED.n;
END $$;

CREATE FUNCTION ticket_counts_flow(t tickets, delta integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE s smallint := floor(random() * 4)::smallint;
BEGIN
  IF t.deleted_at IS NOT NULL THEN RETURN; END IF;
  INSERT INTO ticket_flow_counts AS c (bucket, slot, created, resolved) VALUES (ticket_bucket(t.created_at), s, delta, 0)
  ON CONFLICT (bucket, slot) DO UPDATE SET created = c.created + EXCLUDED.created;
  IF t.resolved_at IS NOT NULL THEN
    INSERT INTO ticket_flow_counts AS c (bucket, slot, created, resolved) VALUES (ticket_bucket(t.resolved_at), s, 0, delta)
    ON CONFLICT (bucket, slot) DO UPDATE SET resolved = c.resolved + EXCLUDED.resolved;
  END IF;
END $$;

CREATE FUNCTION ticket_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (OLD.status, OLD.source, OLD.priority, OLD.sla_paused, OLD.deleted_at IS NULL,
        ticket_sla_state(OLD.sla_warning_at, OLD.sla_escalated_at, OLD.sla_breached_at))
       IS DISTINCT FROM
       (NEW.status, NEW.source, NEW.priority, NEW.sla_paused, NEW.deleted_at IS NULL,
        ticket_sla_state(NEW.sla_warning_at, NEW.sla_escalated_at, NEW.sla_breached_at)) THEN
      PERFORM ticket_counts_open(OLD, -1);
      PERFORM ticket_counts_open(NEW, 1);
    END IF;
    IF (OLD.created_at, OLD.resolved_at, OLD.deleted_at IS NULL) IS DISTINCT FROM (NEW.created_at, NEW.resolved_at, NEW.deleted_at IS NULL) THEN
      PERFORM ticket_counts_flow(OLD, -1);
      PERFORM ticket_counts_flow(NEW, 1);
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM ticket_counts_open(NEW, 1);
    PERFORM ticket_counts_flow(NEW, 1);
  ELSE
    PERFORM ticket_counts_open(OLD, -1);
    PERFORM ticket_counts_flow(OLD, -1);
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER tickets_counts AFTER INSERT OR UPDATE OR DELETE ON tickets
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ticket_counts_apply();

-- Existing tickets, counted once into slot 0.
INSERT INTO ticket_open_counts (status, source, priority, sla_state, paused, slot, n)
SELECT status, source, priority, ticket_sla_state(sla_warning_at, sla_escalated_at, sla_breached_at), sla_paused, 0, count(*)
  FROM tickets WHERE deleted_at IS NULL AND status NOT IN ('resolved','closed','cancelled')
 GROUP BY 1, 2, 3, 4, 5;

INSERT INTO ticket_flow_counts (bucket, slot, created, resolved)
SELECT bucket, 0, sum(created), sum(resolved) FROM (
  SELECT ticket_bucket(created_at) AS bucket, 1 AS created, 0 AS resolved FROM tickets WHERE deleted_at IS NULL
  UNION ALL
  SELECT ticket_bucket(resolved_at), 0, 1 FROM tickets WHERE deleted_at IS NULL AND resolved_at IS NOT NULL
) e GROUP BY bucket;
