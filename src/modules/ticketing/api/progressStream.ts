// Long requests that report progress: with `Accept: application/x-ndjson` the answer is one JSON line per
// progress step and a last line holding the usual envelope; without it, just the envelope.
import { AppError } from '@/src/lib/api/errors';
import { errorBody, successBody } from '@/src/lib/api/response';
import { STREAMED, type RequestContext } from '@/src/lib/api/route';

export type ProgressFn = (processed: number, total: number) => void;

export function wantsProgress(ctx: Pick<RequestContext, 'req'>): boolean {
  return String(ctx.req.headers.accept ?? '').includes('application/x-ndjson');
}

export async function withProgress<T>(ctx: Pick<RequestContext, 'req' | 'res' | 'requestId' | 'log'>, message: string, run: (progress: ProgressFn) => Promise<T>): Promise<T | typeof STREAMED> {
  if (!wantsProgress(ctx)) return run(() => undefined);
  ctx.res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
  try {
    const data = await run((processed, total) => ctx.res.write(`${JSON.stringify({ progress: { processed, total } })}\n`));
    ctx.res.end(`${JSON.stringify(successBody(data, { message, meta: { requestId: ctx.requestId } }))}\n`);
  } catch (err) {
    const e = err instanceof AppError ? err : null;
    if (!e) ctx.log.error({ err }, 'streamed request failed');
    const body = e ? errorBody(e.code, e.message, e.details, { requestId: ctx.requestId }) : errorBody('INTERNAL_ERROR', `Internal server error (request ${ctx.requestId})`, undefined, { requestId: ctx.requestId });
    ctx.res.end(`${JSON.stringify(body)}\n`);
  }
  return STREAMED;
}
