// /api/ticketing/tickets-notes?id=: list notes, add an internal or external note.
import { z } from 'zod';
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { addNote, getNotes } from '@/src/modules/ticketing/services/ticketActivityService';
import { noteCreateSchema } from '@/src/modules/ticketing/types/tickets';

export const config = { api: { bodyParser: false } };

const query = z.object({ id: z.string().trim().min(1).max(64) });

export default withRoute({
  GET: method({ access: 'tickets:read', summary: 'List the notes of a ticket', query, handler: (ctx) => getNotes(ctx, ctx.query.id) }),
  POST: method({
    access: 'tickets:note',
    summary: 'Add a note',
    query,
    body: noteCreateSchema,
    status: 201,
    handler: async (ctx) => new Reply(await addNote(ctx, ctx.query.id, ctx.body), { status: 201, message: 'Note added' }),
  }),
});
