// Notes, tags, history and assignment log of a ticket: what people add to it and what it remembers.
import { NotFoundError } from '@/src/lib/api/errors';
import { appendHistory, listHistory, type HistoryRow } from '../db/historyRepo';
import { listAssignments, type AssignmentRow } from '../db/assignmentRepo';
import { insertNoteOnTicket, listNotes, type NoteRow } from '../db/noteRepo';
import { addTags, listTags, removeTag } from '../db/tagRepo';
import { updateTicketColumns } from '../db/ticketRepo';
import type { NoteCreateInput } from '../types/tickets';
import type { ServiceContext } from './context';
import { LIFECYCLE_HOOKS } from './lifecycle';
import { findVisibleTicket, lockVisibleTicket } from './ticketAccess';

export async function addNote(ctx: ServiceContext, idOrUid: string, input: NoteCreateInput, channel = 'web'): Promise<NoteRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(tx, ctx.user, idOrUid);
    const fields = { ticketId: t.id, noteType: input.noteType, channel, body: input.body, authorId: ctx.user.id, authorName: ctx.user.name, at: now };
    // The note, the ticket's version bump and the history row.
    const note = await insertNoteOnTicket(tx, fields, ctx.user, { noteType: input.noteType });
    for (const hook of LIFECYCLE_HOOKS) await hook.onNoteAdded?.(tx, ctx, t, { noteType: note.noteType, channel, createdAt: now, direction: note.noteType === 'external' ? 'outbound' : 'internal', noteId: note.id, body: note.body });
    return note;
  });
}

export async function getNotes(ctx: ServiceContext, idOrUid: string): Promise<NoteRow[]> {
  const t = await findVisibleTicket(ctx.db, ctx.user, idOrUid);
  return listNotes(ctx.db, t.id, true);
}

export async function getHistory(ctx: ServiceContext, idOrUid: string): Promise<{ history: HistoryRow[]; assignments: AssignmentRow[] }> {
  const t = await findVisibleTicket(ctx.db, ctx.user, idOrUid);
  return { history: await listHistory(ctx.db, t.id), assignments: await listAssignments(ctx.db, t.id) };
}

export async function getTags(ctx: ServiceContext, idOrUid: string): Promise<string[]> {
  const t = await findVisibleTicket(ctx.db, ctx.user, idOrUid);
  return listTags(ctx.db, t.id);
}

export async function tagTicket(ctx: ServiceContext, idOrUid: string, tags: string[]): Promise<string[]> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(tx, ctx.user, idOrUid);
    const added = await addTags(tx, t.id, tags, ctx.user.id, now);
    for (const tag of added) await appendHistory(tx, { ticketId: t.id, actor: ctx.user, action: 'tag_added', field: 'tags', newValue: tag, at: now });
    if (added.length) await updateTicketColumns(tx, t.id, {}, now);
    return listTags(tx, t.id);
  });
}

export async function untagTicket(ctx: ServiceContext, idOrUid: string, tag: string): Promise<string[]> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(tx, ctx.user, idOrUid);
    if (!(await removeTag(tx, t.id, tag))) throw new NotFoundError(`Tag "${tag}" on ${t.ticketUid}`);
    await appendHistory(tx, { ticketId: t.id, actor: ctx.user, action: 'tag_removed', field: 'tags', oldValue: tag, at: now });
    await updateTicketColumns(tx, t.id, {}, now);
    return listTags(tx, t.id);
  });
}
