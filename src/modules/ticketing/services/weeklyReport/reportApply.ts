// Applies a planned weekly report inside the import's one transaction: new rows open weekly_report tickets (FT{ref}
// or DR{7}-{seq}), update rows move the ticket's status through the workflow. Each row runs under a savepoint, so a
// row the services refuse becomes an error row and the rest of the import still commits.
import { joinTransaction, type Queryable } from '@/src/lib/db';
import { AppError } from '@/src/lib/api/errors';
import { lockTicket } from '../../db/ticketRepo';
import type { Ticket } from '../../types/tickets';
import type { ServiceContext } from '../context';
import { createTicket } from '../ticketService';
import { applyTransition } from '../ticketWorkflowService';
import type { RowOutcome } from './reportPlan';


function titleOf(o: RowOutcome): string {
  const t = o.issue ?? `Fault on ${o.drNumber ?? `FT${o.ftRef}`}`;
  return t.slice(0, 300);
}

function descriptionOf(o: RowOutcome, reportUid: string): string {
  return [
    o.issue,
    o.area ? `Area: ${o.area}` : null,
    o.date ? `Reported: ${o.date}` : null,
    `From weekly fault report ${reportUid}, row ${o.row}.`,
  ].filter(Boolean).join('\n');
}

async function applyRow(ctx: ServiceContext, tx: Queryable, o: RowOutcome, reportUid: string): Promise<RowOutcome> {
  if (o.outcome === 'new') {
    const t = await createTicket(ctx, {
      source: 'weekly_report', qcontactRef: o.ftRef ? `FT${o.ftRef}` : undefined, drNumber: o.drNumber ?? null,
      ticketType: 'fault', priority: 'medium', title: titleOf(o), description: descriptionOf(o, reportUid), category: o.area?.slice(0, 120) ?? null,
    });
    return { ...o, ticketId: t.id, ticketUid: t.ticketUid };
  }
  const t = (await lockTicket(tx, o.ticketId as string)) as Ticket;
  await applyTransition(tx, ctx, t, o.status as Ticket['status'], { reason: `Weekly fault report ${reportUid}, row ${o.row}: ${o.reportStatus ?? 'open'}` });
  return o;
}

/** Applies every new and update row in order; reports progress as rows are done. */
export async function applyPlan(
  ctx: ServiceContext,
  tx: Queryable,
  plan: readonly RowOutcome[],
  reportUid: string,
  onProgress: (done: number, total: number) => void,
): Promise<RowOutcome[]> {
  const joined: ServiceContext = { ...ctx, db: joinTransaction(ctx.db, tx) };
  const out: RowOutcome[] = [];
  for (const [i, o] of plan.entries()) {
    if (o.outcome === 'new' || o.outcome === 'update') {
      await tx.query('SAVEPOINT report_row');
      try {
        out.push(await applyRow(joined, tx, o, reportUid));
        await tx.query('RELEASE SAVEPOINT report_row');
      } catch (err) {
        await tx.query('ROLLBACK TO SAVEPOINT report_row');
        if (!(err instanceof AppError)) throw err;
        out.push({ ...o, outcome: 'error', reason: err.message });
      }
    } else {
      out.push(o);
    }
    if ((i + 1) % 250 === 0 || i + 1 === plan.length) onProgress(i + 1, plan.length);
  }
  return out;
}
