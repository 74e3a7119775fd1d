// The drop register import: upload + preview (nothing written to the register), re-preview with an edited mapping,
// and confirm, which applies the file in one transaction, remembers the mapping and re-checks affected tickets.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ConflictError, NotFoundError, PayloadTooLargeError, UnprocessableError } from '@/src/lib/api/errors';
import { readSingleFile } from '@/src/lib/api/multipart';
import type { Queryable } from '@/src/lib/db';
import { getStorage, ObjectTooLargeError } from '@/src/lib/storage';
import { dropsWithOpenTickets, lockDropRegister, findBatch, findMapping, insertBatch, insertDrops, listBatches, saveMapping, updateBatch, updateDrops, type ImportBatch } from '../../db/dropImportRepo';
import { findRegisterDrop } from '../../db/dropRegisterRepo';
import { findRegisterClient, projectKeysOfClient } from '../../db/networkRepo';
import { assertRegisterWritable } from '../../db/registerSource';
import { UUID_RE } from '../../db/uuid';
import type { NetworkDrop } from '../../types/network';
import type { ServiceContext } from '../context';
import type { HeaderMapping } from '../spreadsheet/headers';
import { detectFormat } from '../spreadsheet/reader';
import { recheckOpenTickets } from './dropRegisterService';
import { scanImport, type ScanSummary } from './dropImportScan';

export const IMPORT_TYPES = [
  'text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

export interface ImportView extends Omit<ImportBatch, 'storageKey' | 'summary'> {
  summary: ScanSummary | Record<string, never>;
}

const view = (b: ImportBatch): ImportView => {
  const { storageKey: _key, ...rest } = b;
  return { ...rest, summary: b.summary as unknown as ScanSummary };
};

async function loadClient(q: Queryable, clientId: string) {
  const c = UUID_RE.test(clientId) ? await findRegisterClient(q, clientId) : null;
  if (!c) throw new UnprocessableError('Unknown client', { field: 'client' });
  return c;
}

/** The first bytes of a stored object (an xlsx file starts with the zip signature). */
async function firstBytesOf(storage: ReturnType<typeof getStorage>, key: string): Promise<Buffer> {
  const body = await storage.get(key);
  for await (const chunk of body) {
    body.destroy();
    return (chunk as Buffer).subarray(0, 8);
  }
  return Buffer.alloc(0);
}

type ScanHooks = Pick<Parameters<typeof scanImport>[3], 'onChunk' | 'onProgress'>;

async function scanStored(ctx: ServiceContext, q: Queryable, b: Pick<ImportBatch, 'storageKey' | 'format' | 'clientId'>, mapping: HeaderMapping, hooks: ScanHooks = {}) {
  const projects = await projectKeysOfClient(q, b.clientId);
  const body = await getStorage(ctx.config).get(b.storageKey);
  return scanImport(q, body, b.format, { projects, mapping, ...hooks });
}

interface StoredUpload {
  size: number;
  sha256: string;
  fileName: string;
}

/** Streams a file into storage under the import's key, within NETWORK_IMPORT_MAX_BYTES (a 413 past it). */
async function store(ctx: ServiceContext, storageKey: string, file: Readable, fileName: string): Promise<StoredUpload> {
  const storage = getStorage(ctx.config);
  const maxBytes = ctx.config.NETWORK_IMPORT_MAX_BYTES;
  try {
    return { ...(await storage.put(storageKey, file, { maxBytes })), fileName };
  } catch (err) {
    await storage.delete(storageKey);
    if (err instanceof ObjectTooLargeError) throw new PayloadTooLargeError(maxBytes);
    throw err;
  }
}

/** Reads the stored file with the client's remembered (or guessed) mapping and records a preview batch. */
async function previewStored(ctx: ServiceContext, clientId: string, id: string, storageKey: string, stored: StoredUpload): Promise<ImportView> {
  const storage = getStorage(ctx.config);
  const format = detectFormat(stored.fileName, await firstBytesOf(storage, storageKey));
  const mapping = (await findMapping(ctx.db, clientId)) ?? {};
  let summary: ScanSummary;
  try {
    summary = await scanStored(ctx, ctx.db, { storageKey, format, clientId }, mapping);
  } catch (err) {
    await storage.delete(storageKey);
    ctx.log.warn({ err, fileName: stored.fileName }, 'unreadable register file');
    throw new UnprocessableError(`The file could not be read as ${format === 'xlsx' ? 'an Excel workbook' : 'CSV'}`, { field: 'file' });
  }
  await insertBatch(ctx.db, {
    id, clientId, fileName: stored.fileName, fileSha256: stored.sha256, storageKey, format, mapping: summary.mapping,
    summary: summary as unknown as Record<string, unknown>, totalRows: summary.totalRows, createdBy: ctx.user.id, at: ctx.clock.now(),
  });
  return getImport(ctx, id);
}

/** The upload route: one multipart file part, stored, then previewed. Nothing is written to the register. */
export async function previewImport(ctx: ServiceContext, clientId: string, req: IncomingMessage): Promise<ImportView> {
  assertRegisterWritable();
  const client = await loadClient(ctx.db, clientId);
  const id = randomUUID();
  const storageKey = `network-imports/${id}`;
  const limits = { maxBytes: ctx.config.NETWORK_IMPORT_MAX_BYTES, allowedTypes: IMPORT_TYPES };
  const stored = await readSingleFile(req, limits, (file, info) => store(ctx, storageKey, file, info.fileName));
  return previewStored(ctx, client.id, id, storageKey, stored);
}

/** The same preview from a stream the caller already has (scripts, the benchmark). */
export async function previewImportFile(ctx: ServiceContext, clientId: string, fileName: string, body: Readable): Promise<ImportView> {
  assertRegisterWritable();
  const client = await loadClient(ctx.db, clientId);
  const id = randomUUID();
  const storageKey = `network-imports/${id}`;
  return previewStored(ctx, client.id, id, storageKey, await store(ctx, storageKey, body, fileName));
}

async function loadBatch(q: Queryable, id: string, lock = false): Promise<ImportBatch> {
  const b = UUID_RE.test(id) ? await findBatch(q, id, lock) : null;
  if (!b) throw new NotFoundError('Import');
  return b;
}

export async function getImport(ctx: ServiceContext, id: string): Promise<ImportView> {
  return view(await loadBatch(ctx.db, id));
}

export async function listImports(ctx: ServiceContext): Promise<ImportView[]> {
  return (await listBatches(ctx.db, 50)).map(view);
}

function assertPreview(b: ImportBatch): void {
  if (b.status !== 'preview') throw new ConflictError(`This import is already ${b.status}; upload the file again to import it again`, { status: b.status });
}

/** Reads the stored file again with an edited mapping (header text per field; null = do not import). */
export async function remapImport(ctx: ServiceContext, id: string, mapping: HeaderMapping): Promise<ImportView> {
  assertRegisterWritable();
  const b = await loadBatch(ctx.db, id);
  assertPreview(b);
  const summary = await scanStored(ctx, ctx.db, b, mapping);
  await updateBatch(ctx.db, b.id, { mapping: summary.mapping, summary: summary as unknown as Record<string, unknown>, totalRows: summary.totalRows });
  return getImport(ctx, id);
}

/**
 * Applies the batch in one transaction: inserts and updates in chunks, the mapping remembered for the client,
 * then open tickets on drops whose install date or project changed are re-checked. Error rows are skipped.
 */
export async function confirmImport(ctx: ServiceContext, id: string, onProgress?: (processed: number, total: number) => void): Promise<ImportView> {
  assertRegisterWritable();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const b = await loadBatch(tx, id, true);
    assertPreview(b);
    await lockDropRegister(tx);
    const rechecks: { id: string; before: { installDate: string | null; projectId: string } }[] = [];
    const summary = await scanStored(ctx, tx, b, b.mapping, {
      onChunk: async (w) => {
        await insertDrops(tx, w.inserts, now);
        await updateDrops(tx, w.updates.map((u) => u.after), now);
        for (const u of w.updates) {
          if (u.changed.includes('installDate') || u.changed.includes('projectId')) rechecks.push({ id: u.before.id, before: { installDate: u.before.installDate, projectId: u.before.projectId } });
        }
      },
      onProgress: (n) => onProgress?.(n, b.totalRows),
    });
    if (summary.missingRequired.length) throw new UnprocessableError(`Map the required columns first: ${summary.missingRequired.join(', ')}`, { field: 'mapping' });
    const withTickets = new Set(await dropsWithOpenTickets(tx, rechecks.map((r) => r.id)));
    let ticketsRechecked = 0;
    for (const r of rechecks.filter((x) => withTickets.has(x.id))) {
      const after = (await findRegisterDrop(tx, r.id)) as NetworkDrop;
      ticketsRechecked += await recheckOpenTickets(tx, ctx, { ...after, ...r.before }, after);
    }
    // Only the columns that were used: a field absent from this file is matched afresh in the next one.
    const used = Object.fromEntries(Object.entries(summary.mapping).filter(([, h]) => h !== null));
    await saveMapping(tx, b.clientId, used, ctx.user.id, now);
    const final = { ...summary, ticketsRechecked };
    await updateBatch(tx, b.id, { summary: final, totalRows: summary.totalRows, status: 'applied', appliedAt: now });
    ctx.log.info({ importId: b.id, ...summary.counts, ticketsRechecked }, 'drop register import applied');
  });
  return getImport(ctx, id);
}
