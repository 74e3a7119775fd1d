// Weekly fault report use cases: upload and preview (each row's outcome, nothing changed), confirm (one transaction,
// WR{yyyy}-W{ww}-{nnn}, result report kept with the batch, mapping remembered per client), list and read imports.
// The same file confirmed twice returns the first import and changes nothing.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { getISOWeek, getISOWeekYear } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { NotFoundError, ValidationError } from '@/src/lib/api/errors';
import { readSingleFile } from '@/src/lib/api/multipart';
import { getStorage } from '@/src/lib/storage';
import type { Queryable } from '@/src/lib/db';
import {
  findConfirmedBySha, findImportBatch, findReportTickets, getColumnMapping, insertImportBatch, lastReportSeq, listImportBatches,
  lockImports, saveColumnMapping, type ImportBatch,
} from '../../db/importRepo';
import type { ImportConfirmBody, ImportListQuery, ImportUploadQuery } from '../../types/weeklyReport';
import type { ServiceContext } from '../context';
import { weeklyReportUid } from '../uid';
import type { ColumnMapping } from './headerMatch';
import { applyPlan } from './reportApply';
import { countOutcomes, parseDr, parseFtRef, planReport, type ExistingTicket, type OutcomeCounts, type RowOutcome } from './reportPlan';
import { readReport, type ReportSheet } from './reportReader';

const TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel', 'application/octet-stream'];
const uploadKey = (id: string) => `imports/uploads/${id}`;
const scopeOf = (clientId: string | null | undefined) => (clientId ? `client:${clientId}` : 'default');

export interface ImportPreview {
  uploadId: string;
  fileName: string;
  sha256: string;
  sheetName: string;
  skippedSheets: string[];
  headers: string[];
  mapping: ColumnMapping;
  counts: OutcomeCounts;
  rows: RowOutcome[];
  alreadyImported: { reportUid: string; id: string } | null;
}

export interface ImportResult {
  batch: ImportBatch;
  alreadyImported: boolean;
}

function kindOf(fileName: string): 'xlsx' | 'csv' {
  if (/\.csv$/i.test(fileName)) return 'csv';
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  throw new ValidationError('Upload an .xlsx workbook or a .csv file');
}

async function readStored(ctx: ServiceContext, uploadId: string, fileName: string, preferred: Partial<ColumnMapping> | null): Promise<ReportSheet> {
  const storage = getStorage(ctx.config);
  let body;
  try {
    body = await storage.get(uploadKey(uploadId));
  } catch {
    throw new NotFoundError('Upload (upload the file again)');
  }
  return readReport(body, kindOf(fileName), preferred);
}

async function existing(q: Queryable, sheet: ReportSheet): Promise<{ byUid: Map<string, ExistingTicket>; byDrop: Map<string, ExistingTicket[]> }> {
  const uids = new Set<string>();
  const drops = new Set<string>();
  for (const r of sheet.rows) {
    const ft = parseFtRef(r.cells.ftRef);
    const dr = parseDr(r.cells.drNumber);
    if (ft) uids.add(`FT${ft}`);
    if (dr) drops.add(dr);
  }
  const byUid = new Map<string, ExistingTicket>();
  const byDrop = new Map<string, ExistingTicket[]>();
  for (const t of await findReportTickets(q, [...uids], [...drops])) {
    byUid.set(t.ticketUid, t);
    if (t.drNumber) byDrop.set(t.drNumber, [...(byDrop.get(t.drNumber) ?? []), t]);
  }
  return { byUid, byDrop };
}

async function preferredMapping(ctx: ServiceContext, clientId: string | null | undefined, edited?: Partial<ColumnMapping>): Promise<Partial<ColumnMapping> | null> {
  return edited ?? ((await getColumnMapping(ctx.db, scopeOf(clientId))) as Partial<ColumnMapping> | null);
}

export async function previewWeeklyReport(ctx: ServiceContext, req: IncomingMessage, query: ImportUploadQuery): Promise<ImportPreview> {
  const uploadId = randomUUID();
  const storage = getStorage(ctx.config);
  const stored = await readSingleFile(req, { maxBytes: ctx.config.EMAIL_MAX_BYTES * 2, allowedTypes: TYPES }, async (file, info) => {
    if (!/\.(xlsx|csv)$/i.test(info.fileName)) file.resume();
    kindOf(info.fileName);
    const obj = await storage.put(uploadKey(uploadId), file, { maxBytes: ctx.config.EMAIL_MAX_BYTES * 2 });
    return { ...obj, fileName: info.fileName };
  });
  const sheet = await readStored(ctx, uploadId, stored.fileName, await preferredMapping(ctx, query.clientId, query.mapping));
  const rows = planReport(sheet.rows, await existing(ctx.db, sheet));
  const done = await findConfirmedBySha(ctx.db, stored.sha256);
  return {
    uploadId, fileName: stored.fileName, sha256: stored.sha256, sheetName: sheet.sheetName, skippedSheets: sheet.skippedSheets, headers: sheet.headers,
    mapping: sheet.mapping, counts: countOutcomes(rows), rows, alreadyImported: done ? { reportUid: done.reportUid, id: done.id } : null,
  };
}

/** The result report kept with the import. */
export function resultReport(rows: readonly RowOutcome[]): { created: number; updated: number; unchanged: number; duplicates: number; errors: number } {
  const c = countOutcomes(rows);
  return { created: c.new, updated: c.update, unchanged: c.unchanged, duplicates: c.duplicate, errors: c.error };
}

export async function confirmWeeklyReport(ctx: ServiceContext, body: ImportConfirmBody, onProgress: (done: number, total: number) => void = () => undefined): Promise<ImportResult> {
  const sheet = await readStored(ctx, body.uploadId, body.fileName, await preferredMapping(ctx, body.clientId, body.mapping));
  const storage = getStorage(ctx.config);
  const h = createHash('sha256');
  for await (const chunk of await storage.get(uploadKey(body.uploadId))) h.update(chunk as Buffer);
  const sha = h.digest('hex');
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    await lockImports(tx);
    const done = await findConfirmedBySha(tx, sha);
    if (done) return { batch: done, alreadyImported: true };
    const plan = planReport(sheet.rows, await existing(tx, sheet));
    const local = new TZDate(now.getTime(), ctx.config.BUSINESS_TIMEZONE);
    const prefix = weeklyReportUid(getISOWeekYear(local), getISOWeek(local), 1).slice(0, -3);
    const reportUid = weeklyReportUid(getISOWeekYear(local), getISOWeek(local), (await lastReportSeq(tx, prefix)) + 1);
    const actor = { ...ctx.user, role: 'system', name: `${ctx.user.name} (weekly report ${reportUid})` };
    const rows = await applyPlan({ ...ctx, user: actor }, tx, plan, reportUid, onProgress);
    await saveColumnMapping(tx, scopeOf(body.clientId), sheet.mapping, ctx.user.id, now);
    const batch = await insertImportBatch(tx, {
      reportUid, fileName: body.fileName, fileSha256: sha, sheetName: sheet.sheetName, clientId: body.clientId ?? null, mapping: sheet.mapping,
      rowCount: rows.length, result: resultReport(rows), rowOutcomes: rows, createdBy: ctx.user.id, at: now,
    });
    return { batch, alreadyImported: false };
  });
  ctx.log.info({ reportUid: result.batch.reportUid, alreadyImported: result.alreadyImported, result: result.batch.result }, 'weekly report imported');
  return result;
}

export async function listWeeklyReports(ctx: ServiceContext, q: ImportListQuery): Promise<ImportBatch[] | ImportBatch> {
  if (q.id) {
    const b = await findImportBatch(ctx.db, q.id);
    if (!b) throw new NotFoundError('Import');
    return b;
  }
  return listImportBatches(ctx.db, q.limit);
}
