// The email channel's own figures on the integration page: the webhook and the IMAP poller (last message, poll
// state, cursor, failures, next run) and bounces of our mail; and the weekly report imports' figures.
import { emailIntakeFigures } from '../../db/emailMessageRepo';
import { listImportBatches } from '../../db/importRepo';
import { listIntegrationState } from '../../db/integrationStateRepo';
import type { ServiceContext } from '../context';

export async function emailChannelDetails(ctx: ServiceContext): Promise<Record<string, unknown>> {
  const [figures, state] = await Promise.all([emailIntakeFigures(ctx.db), listIntegrationState(ctx.db, 'email')]);
  const run = state.imap_run?.value as { lastRunAt: string; ok: boolean; error: string | null; fetched: number; lastMessageAt: string | null } | undefined;
  const cursor = state.imap_cursor?.value as { uidValidity: string; lastUid: number } | undefined;
  const c = ctx.config;
  return {
    webhook: { configured: Boolean(c.EMAIL_WEBHOOK_TOKEN), lastMessageAt: figures.lastByVia.webhook ?? null },
    imap: {
      configured: Boolean(c.IMAP_HOST),
      mailbox: c.IMAP_HOST ? `${c.IMAP_USER ?? ''}@${c.IMAP_HOST}:${c.IMAP_PORT}/${c.IMAP_MAILBOX}` : null,
      lastMessageAt: figures.lastByVia.imap ?? null,
      lastRunAt: run?.lastRunAt ?? null,
      ok: run ? run.ok : null,
      error: run?.error ?? null,
      fetchedLastRun: run?.fetched ?? 0,
      uidValidity: cursor?.uidValidity ?? null,
      lastUid: cursor?.lastUid ?? null,
      nextRunAt: run ? new Date(new Date(run.lastRunAt).getTime() + c.IMAP_POLL_SECONDS * 1000).toISOString() : null,
    },
    smtp: { configured: Boolean(c.SMTP_HOST), bouncedNotifications: figures.bouncedNotifications },
  };
}

export async function importsChannelDetails(ctx: ServiceContext): Promise<Record<string, unknown>> {
  const [last] = await listImportBatches(ctx.db, 1);
  return { lastImport: last ? { reportUid: last.reportUid, fileName: last.fileName, at: last.createdAt, result: last.result } : null };
}
