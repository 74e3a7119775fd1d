-- Issue 12: failed sign-ins are counted in the database (per account and per source address), so the lockout holds
-- across processes and restarts. Keys are sha256 digests: no email address or IP address is stored here.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL CHECK (failures >= 0),
  window_started_at timestamptz NOT NULL,
  last_failure_at timestamptz NOT NULL
);
CREATE INDEX login_throttle_window_idx ON login_throttle (window_started_at);
