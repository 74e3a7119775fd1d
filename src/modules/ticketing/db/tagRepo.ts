// SQL for ticket tags.
import type { Queryable } from '@/src/lib/db';

export async function addTags(tx: Queryable, ticketId: string, tags: string[], by: string | null, at: Date): Promise<string[]> {
  const added: string[] = [];
  for (const tag of [...new Set(tags)]) {
    const { rowCount } = await tx.query(
      `INSERT INTO ticket_tags (ticket_id, tag, created_by, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (ticket_id, tag) DO NOTHING`,
      [ticketId, tag, by, at],
    );
    if (rowCount === 1) added.push(tag);
  }
  return added;
}

export async function removeTag(tx: Queryable, ticketId: string, tag: string): Promise<boolean> {
  const { rowCount } = await tx.query('DELETE FROM ticket_tags WHERE ticket_id = $1 AND tag = $2', [ticketId, tag]);
  return rowCount === 1;
}

export async function listTags(q: Queryable, ticketId: string): Promise<string[]> {
  const { rows } = await q.query<{ tag: string }>('SELECT tag FROM ticket_tags WHERE ticket_id = $1 ORDER BY tag', [ticketId]);
  return rows.map((r) => r.tag);
}
