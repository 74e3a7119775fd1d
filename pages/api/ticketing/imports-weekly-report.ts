// /api/ticketing/imports-weekly-report: list imports (or one, ?id=), upload a weekly fault report for a preview
// (multipart, ?clientId=&mapping=), or confirm it (JSON {action: "confirm", uploadId, fileName}). With
// Accept: application/x-ndjson the confirm streams {progress} lines while it runs, then {result}.
import { mediaType, readJsonBody } from '@/src/lib/api/body';
import { method, Reply, STREAMED, withRoute, type RequestContext } from '@/src/modules/ticketing/api/route';
import { confirmWeeklyReport, listWeeklyReports, previewWeeklyReport } from '@/src/modules/ticketing/services/weeklyReport/weeklyReportService';
import { importConfirmBodySchema, importListQuerySchema, importUploadQuerySchema, type ImportUploadQuery } from '@/src/modules/ticketing/types/weeklyReport';
import { ValidationError } from '@/src/lib/api/errors';

export const config = { api: { bodyParser: false } };

async function confirm(ctx: RequestContext<ImportUploadQuery, unknown>) {
  const parsed = importConfirmBodySchema.safeParse(await readJsonBody(ctx.req));
  if (!parsed.success) {
    throw new ValidationError('Invalid request body', { location: 'body', fields: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message, code: i.code })) });
  }
  if (!(ctx.req.headers.accept ?? '').includes('application/x-ndjson')) {
    const r = await confirmWeeklyReport(ctx, parsed.data);
    return new Reply(r, { status: r.alreadyImported ? 200 : 201, message: r.alreadyImported ? `Already imported as ${r.batch.reportUid}` : `Imported as ${r.batch.reportUid}` });
  }
  ctx.res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store', 'X-Request-Id': ctx.requestId });
  const line = (o: unknown) => ctx.res.write(`${JSON.stringify(o)}\n`);
  try {
    const r = await confirmWeeklyReport(ctx, parsed.data, (done, total) => line({ progress: { done, total } }));
    line({ result: r });
  } catch (err) {
    line({ error: { message: err instanceof Error ? err.message : String(err) } });
  }
  ctx.res.end();
  return STREAMED;
}

export default withRoute({
  GET: method({
    access: 'imports:manage',
    summary: 'List weekly report imports, or one with its row outcomes (?id= id or WR uid)',
    query: importListQuerySchema,
    handler: (ctx) => listWeeklyReports(ctx, ctx.query),
  }),
  POST: method({
    access: 'imports:manage',
    summary: 'Upload a weekly fault report (.xlsx/.csv, multipart) for a preview, or confirm a preview (JSON)',
    query: importUploadQuerySchema,
    bodyMode: 'stream',
    handler: async (ctx) => (mediaType(ctx.req) === 'multipart/form-data' ? previewWeeklyReport(ctx, ctx.req, ctx.query) : confirm(ctx)),
  }),
});
