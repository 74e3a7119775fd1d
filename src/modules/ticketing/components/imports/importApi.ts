// Browser calls of the weekly report import: the preview upload (with the client and an edited mapping) and the
// confirm, read as NDJSON so the progress bar moves while the import runs.
import { API_BASE, ApiError, toQuery } from '../../hooks/api';
import { uploadFile } from '../../hooks/upload';

export type Mapping = Record<'ftRef' | 'drNumber' | 'area' | 'issue' | 'status' | 'date', string | null>;

export interface RowView {
  row: number;
  outcome: 'update' | 'unchanged' | 'new' | 'duplicate' | 'error';
  reason?: string;
  ftRef?: string | null;
  drNumber?: string | null;
  issue?: string | null;
  date?: string | null;
  status?: string;
  ticketUid?: string;
}

export interface PreviewView {
  uploadId: string;
  fileName: string;
  sheetName: string;
  skippedSheets: string[];
  headers: string[];
  mapping: Mapping;
  counts: Record<RowView['outcome'], number>;
  rows: RowView[];
  alreadyImported: { reportUid: string; id: string } | null;
}

export interface BatchView {
  id: string;
  reportUid: string;
  fileName: string;
  rowCount: number;
  result: { created: number; updated: number; unchanged: number; duplicates: number; errors: number };
  createdAt: string;
}

export function previewUpload(file: File, clientId: string, mapping: Mapping | null, onProgress: (f: number) => void): Promise<PreviewView> {
  const q = toQuery({ clientId, mapping: mapping ? JSON.stringify(mapping) : undefined });
  return uploadFile<PreviewView>(`imports-weekly-report${q}`, file, onProgress);
}

/** Confirms a preview; calls onProgress(done, total) as lines arrive; resolves with the batch. */
export async function confirmImport(p: PreviewView, clientId: string, mapping: Mapping, onProgress: (done: number, total: number) => void): Promise<{ batch: BatchView; alreadyImported: boolean }> {
  const res = await fetch(`${API_BASE}/imports-weekly-report`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
    body: JSON.stringify({ action: 'confirm', uploadId: p.uploadId, fileName: p.fileName, clientId: clientId || null, mapping }),
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'HTTP_ERROR', body?.error?.message ?? `Import failed (${res.status})`);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value, { stream: !done });
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const l of lines.filter(Boolean)) {
      const msg = JSON.parse(l) as { progress?: { done: number; total: number }; result?: { batch: BatchView; alreadyImported: boolean }; error?: { message: string } };
      if (msg.progress) onProgress(msg.progress.done, msg.progress.total);
      if (msg.error) throw new ApiError(422, 'IMPORT_FAILED', msg.error.message);
      if (msg.result) return msg.result;
    }
    if (done) throw new ApiError(0, 'IMPORT_FAILED', 'The import ended without a result');
  }
}
