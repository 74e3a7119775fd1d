// The shape of a uuid, checked before a value reaches a ::uuid cast (a bad one is a 404 or 400, never a 500).
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
