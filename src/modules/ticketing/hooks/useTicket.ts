// One ticket and what hangs off it (history, notes, attachments, drop), plus a refresh of all of them after a change.
import { useCallback } from 'react';
import { useSWRConfig } from 'swr';
import type { AttachmentRow } from '../db/attachmentRepo';
import { useApi } from './useApi';
import type { DropLookup, Note, TicketHistory, TicketView } from './types';

export type Attachment = AttachmentRow;

const idParam = (id: string) => `id=${encodeURIComponent(id)}`;

export function useTicket(id: string | null) {
  return useApi<TicketView>(id ? `tickets-detail?${idParam(id)}` : null);
}

export function useTicketHistory(id: string | null) {
  return useApi<TicketHistory>(id ? `tickets-history?${idParam(id)}` : null);
}

export function useTicketNotes(id: string | null) {
  return useApi<Note[]>(id ? `tickets-notes?${idParam(id)}` : null);
}

export function useTicketAttachments(id: string | null) {
  return useApi<Attachment[]>(id ? `tickets-attachments?${idParam(id)}` : null);
}

export function useDropLookup(dr: string | null) {
  return useApi<DropLookup>(dr ? `tickets-lookup-drop?dr=${encodeURIComponent(dr)}` : null, { shouldRetryOnError: false });
}

/** Revalidates every cached answer about this ticket (detail, history, notes, attachments, billing) and the lists. */
export function useRefreshTicket(id: string | null) {
  const { mutate } = useSWRConfig();
  return useCallback(async () => {
    if (!id) return;
    const p = idParam(id);
    await mutate((key) => typeof key === 'string' && (key.includes(p) || key.includes(`uid=${encodeURIComponent(id)}`) || key.startsWith('tickets-stats')));
    // Lists are kept by useSWRInfinite under its own keys; they revalidate when the user returns to them.
  }, [id, mutate]);
}
