// The register import's browser side: its types, and the confirm call that streams NDJSON progress lines.
import { API_BASE, ApiError, type Envelope } from './api';

export interface ImportOutcome {
  rowNumber: number;
  drNumber: string | null;
  kind: 'insert' | 'update' | 'unchanged' | 'error';
  errors?: string[];
  changed?: string[];
}

export interface ImportBatch {
  id: string;
  fileName: string;
  status: 'preview' | 'applying' | 'applied' | 'failed';
  totalRows: number;
  mapping: Record<string, string | null>;
  summary: {
    headers: string[];
    missingRequired: string[];
    unmappedHeaders: string[];
    counts: Record<'insert' | 'update' | 'unchanged' | 'error', number>;
    rows: ImportOutcome[];
    ticketsRechecked?: number;
  };
}

/** Confirms an import; onProgress gets (processed, total) as the server applies it. */
export async function confirmImport(id: string, onProgress: (processed: number, total: number) => void): Promise<ImportBatch> {
  const res = await fetch(`${API_BASE}/network-import?id=${encodeURIComponent(id)}`, {
    method: 'PATCH',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
    body: JSON.stringify({ action: 'confirm' }),
  });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let last: Envelope<ImportBatch> | undefined;
  const handle = (line: string) => {
    if (!line.trim()) return;
    const msg = JSON.parse(line) as { progress?: { processed: number; total: number } } & Envelope<ImportBatch>;
    if (msg.progress) onProgress(msg.progress.processed, msg.progress.total);
    else last = msg;
  };
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    lines.forEach(handle);
  }
  handle(buffer);
  if (!res.ok || !last?.success) {
    const e = last?.error;
    throw new ApiError(res.status, e?.code ?? 'HTTP_ERROR', e?.message ?? `Import failed (${res.status})`, e?.details);
  }
  return last.data;
}
