// GET /api/ticketing/sla-report?id=: a ticket's pauses with reasons and fired thresholds; without id, paused time per reason.
import { method, withRoute } from '@/src/modules/ticketing/api/route';
import { slaReport } from '@/src/modules/ticketing/services/sla/slaReportService';
import { slaReportQuerySchema, slaReportSchema } from '@/src/modules/ticketing/types/sla';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'sla:read', summary: 'SLA pauses and thresholds of a ticket, or paused time per reason (?from=&to=)', query: slaReportQuerySchema, response: slaReportSchema, handler: (ctx) => slaReport(ctx, ctx.query) }),
});
