// /api/ticketing/tickets-incident: mass incidents. GET ?id= shows a ticket's parent or children and open tickets
// nearby that could join; POST links children under a parent (their SLA clocks pause); DELETE ?id= unlinks a child
// (its pause for the incident ends).
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { linkIncidentChildren } from '@/src/modules/ticketing/services/network/massIncidentService';
import { getIncident, unlinkIncidentChild } from '@/src/modules/ticketing/services/network/incidentMembershipService';
import {
  incidentLinkResultSchema, incidentLinkSchema, incidentQuerySchema, incidentUnlinkQuerySchema, incidentUnlinkResultSchema, incidentViewSchema,
} from '@/src/modules/ticketing/types/network';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'tickets:read',
    summary: 'A ticket’s mass incident: its parent, or its children and open tickets on the same pole, PON or zone',
    query: incidentQuerySchema,
    response: incidentViewSchema,
    handler: (ctx) => getIncident(ctx, ctx.query.id),
  }),
  POST: method({
    access: 'tickets:update',
    summary: 'Link tickets as children of a mass incident (parent); send the parent’s version to refuse a stale screen',
    body: incidentLinkSchema,
    response: incidentLinkResultSchema,
    handler: (ctx) => linkIncidentChildren(ctx, ctx.body.parentId, ctx.body.childIds, ctx.body.version),
  }),
  DELETE: method({
    access: 'tickets:update',
    summary: 'Unlink a child from its mass incident (?id=child, optional &version=); its SLA pause for the incident ends',
    query: incidentUnlinkQuerySchema,
    response: incidentUnlinkResultSchema,
    handler: (ctx) => unlinkIncidentChild(ctx, ctx.query.id, ctx.query.version),
  }),
});
