// /api/ticketing/tickets-tags?id=: list, add (POST { tags }) and remove (DELETE &tag=) tags.
import { z } from 'zod';
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { getTags, tagTicket, untagTicket } from '@/src/modules/ticketing/services/ticketActivityService';

export const config = { api: { bodyParser: false } };

const tag = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Tags are lower-case letters, digits, - and _ (max 40)');
const query = z.object({ id: z.string().trim().min(1).max(64) });

export default withRoute({
  GET: method({ access: 'tickets:read', summary: 'Tags of a ticket', query, handler: (ctx) => getTags(ctx, ctx.query.id) }),
  POST: method({
    access: 'tickets:tag',
    summary: 'Add tags',
    query,
    body: z.object({ tags: z.array(tag).min(1).max(20) }).strict(),
    handler: (ctx) => tagTicket(ctx, ctx.query.id, ctx.body.tags),
  }),
  DELETE: method({
    access: 'tickets:tag',
    summary: 'Remove a tag',
    query: query.extend({ tag }),
    handler: (ctx) => untagTicket(ctx, ctx.query.id, ctx.query.tag),
  }),
});
