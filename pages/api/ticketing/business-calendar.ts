// /api/ticketing/business-calendar: the working hours, timezone, public holidays and closed days SLA time counts by.
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { addClosedDay, changeBusinessCalendar, getBusinessCalendar, removeClosedDay } from '@/src/modules/ticketing/services/sla/calendarService';
import { businessCalendarSchema, calendarQuerySchema, calendarUpdateSchema, closedDayCreateSchema, closedDayQuerySchema } from '@/src/modules/ticketing/types/sla';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({
    access: 'sla:read',
    summary: 'The business calendar with the public holidays of a year (?year=, default this year)',
    query: calendarQuerySchema,
    response: businessCalendarSchema,
    handler: (ctx) => getBusinessCalendar(ctx, ctx.query.year),
  }),
  POST: method({
    access: 'calendar:manage',
    summary: 'Add a closed day (or change its reason)',
    body: closedDayCreateSchema,
    response: businessCalendarSchema,
    status: 201,
    handler: async (ctx) => new Reply(await addClosedDay(ctx, ctx.body), { status: 201, message: 'Closed day added' }),
  }),
  PATCH: method({ access: 'calendar:manage', summary: 'Change working hours, timezone or holiday country', body: calendarUpdateSchema, response: businessCalendarSchema, handler: (ctx) => changeBusinessCalendar(ctx, ctx.body) }),
  DELETE: method({ access: 'calendar:manage', summary: 'Remove a closed day (?day=YYYY-MM-DD)', query: closedDayQuerySchema, response: businessCalendarSchema, handler: (ctx) => removeClosedDay(ctx, ctx.query.day) }),
});
