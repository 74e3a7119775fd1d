// /api/ticketing/fee-schedule: list fee rows (or one with its price history), create, update (no overlapping validity).
import { method, Reply, withRoute } from '@/src/modules/ticketing/api/route';
import { createFee, listFeeSchedule, updateFeeRow } from '@/src/modules/ticketing/services/billing/feeScheduleService';
import { feeCreateSchema, feeListQuerySchema, feeUpdateSchema } from '@/src/modules/ticketing/types/billing';

export const config = { api: { bodyParser: false } };

export default withRoute({
  GET: method({ access: 'fees:read', summary: 'List fee rows; ?id= gives one row with its price history', query: feeListQuerySchema, handler: (ctx) => listFeeSchedule(ctx, ctx.query) }),
  POST: method({
    access: 'fees:manage',
    summary: 'Create a fee row',
    body: feeCreateSchema,
    status: 201,
    handler: async (ctx) => new Reply(await createFee(ctx, ctx.body), { status: 201, message: 'Fee row created' }),
  }),
  PATCH: method({ access: 'fees:manage', summary: 'Update a fee row (kept in its price history)', body: feeUpdateSchema, handler: (ctx) => updateFeeRow(ctx, ctx.body) }),
});
