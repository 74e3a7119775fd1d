-- Tickets whose DR is not (yet) in the drop register: drop_id is null while dr_number is set. The unknown-drop job
-- finds those whose drop has since been registered, links them and lets billing decide.
CREATE INDEX IF NOT EXISTS tickets_unknown_drop_idx ON tickets (dr_number)
  WHERE drop_id IS NULL AND dr_number IS NOT NULL AND deleted_at IS NULL;
