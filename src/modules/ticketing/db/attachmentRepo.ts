// SQL for ticket attachment metadata (the bytes live in object storage under storage_key).
import type { Queryable } from '@/src/lib/db';
import { UUID_RE } from './uuid';

export interface AttachmentRow {
  id: string;
  ticketId: string;
  storageKey: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string | null;
  uploaderName: string | null;
  createdAt: string;
}

const SELECT = `SELECT a.id, a.ticket_id, a.storage_key, a.file_name, a.mime_type, a.size_bytes, a.sha256, a.uploaded_by,
  u.name AS uploader_name, a.created_at FROM ticket_attachments a LEFT JOIN users u ON u.id = a.uploaded_by`;

function map(r: Record<string, unknown>): AttachmentRow {
  return {
    id: String(r.id), ticketId: String(r.ticket_id), storageKey: String(r.storage_key), fileName: String(r.file_name),
    mimeType: String(r.mime_type), sizeBytes: Number(r.size_bytes), sha256: String(r.sha256),
    uploadedBy: (r.uploaded_by as string) ?? null, uploaderName: (r.uploader_name as string) ?? null,
    createdAt: new Date(r.created_at as string).toISOString(),
  };
}

export async function insertAttachment(
  tx: Queryable,
  a: { id: string; ticketId: string; storageKey: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; uploadedBy: string | null; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO ticket_attachments (id, ticket_id, storage_key, file_name, mime_type, size_bytes, sha256, uploaded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [a.id, a.ticketId, a.storageKey, a.fileName, a.mimeType, a.sizeBytes, a.sha256, a.uploadedBy, a.at],
  );
}

export async function listAttachments(q: Queryable, ticketId: string): Promise<AttachmentRow[]> {
  const { rows } = await q.query<Record<string, unknown>>(`${SELECT} WHERE a.ticket_id = $1 ORDER BY a.created_at, a.id`, [ticketId]);
  return rows.map(map);
}

export async function findAttachment(q: Queryable, ticketId: string, id: string): Promise<AttachmentRow | null> {
  if (!UUID_RE.test(id)) return null;
  const { rows } = await q.query<Record<string, unknown>>(`${SELECT} WHERE a.ticket_id = $1 AND a.id = $2`, [ticketId, id]);
  return rows[0] ? map(rows[0]) : null;
}
