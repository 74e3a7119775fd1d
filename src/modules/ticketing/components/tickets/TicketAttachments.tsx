// Attachments: drag-and-drop (or pick) upload with progress, image previews and downloads.
import { useRef, useState, type DragEvent } from 'react';
import { API_BASE } from '../../hooks/api';
import { useTicketAttachments, type Attachment } from '../../hooks/useTicket';
import { uploadFile } from '../../hooks/upload';
import { formatDateTime } from '../format';
import { useMe } from '../../hooks/useMe';
import { humanBytes, humanTypes } from '@/src/lib/humanText';
import { ErrorState, LoadingState, Notice } from '../ui/States';

interface Upload {
  name: string;
  progress: number;
  error?: string;
}

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Pure: why a file cannot be uploaded under the server's limits, or null when it can (or the limits are unknown). */
export function uploadProblem(file: { size: number; type: string }, limits?: { maxBytes: number; allowedTypes: string[] }): string | null {
  if (!limits) return null;
  if (file.size > limits.maxBytes) return `Too large (${humanBytes(file.size)}): the limit is ${humanBytes(limits.maxBytes)}`;
  if (!limits.allowedTypes.includes(file.type.toLowerCase())) return `This kind of file is not accepted: upload ${humanTypes(limits.allowedTypes)}`;
  return null;
}

export function TicketAttachments({ ticketId, canUpload, onChanged }: { ticketId: string; canUpload: boolean; onChanged: () => void }) {
  const { me } = useMe();
  const { data, error, isLoading, mutate } = useTicketAttachments(ticketId);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const fileUrl = (a: Attachment, inline = false) => `${API_BASE}/tickets-attachments?id=${encodeURIComponent(ticketId)}&attachmentId=${a.id}${inline ? '&inline=1' : ''}`;

  async function send(files: FileList | File[]) {
    const all = [...files];
    // Size and type are checked here, before a byte is sent: no 11 MB upload just to hear it is too big.
    const refused = all.map((f) => ({ f, why: uploadProblem(f, me?.uploads) }));
    const list = refused.filter((r) => !r.why).map((r) => r.f);
    setUploads((u) => [
      ...u,
      ...refused.filter((r) => r.why).map((r) => ({ name: r.f.name, progress: 0, error: r.why as string })),
      ...list.map((f) => ({ name: f.name, progress: 0 })),
    ]);
    if (list.length === 0) return;
    for (const file of list) {
      const update = (patch: Partial<Upload>) => setUploads((u) => u.map((x) => (x.name === file.name ? { ...x, ...patch } : x)));
      try {
        await uploadFile<Attachment>(`tickets-attachments?id=${encodeURIComponent(ticketId)}`, file, (p) => update({ progress: p }));
        setUploads((u) => u.filter((x) => x.name !== file.name));
      } catch (err) {
        update({ error: (err as Error).message });
      }
    }
    await mutate();
    onChanged();
  }

  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length) void send(e.dataTransfer.files);
  }

  return (
    <div className="space-y-3">
      {canUpload && (
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={drop}
          className={`rounded-md border-2 border-dashed p-4 text-center text-sm ${over ? 'border-brand-500 bg-brand-50' : 'border-slate-300'}`}
          data-testid="dropzone"
        >
          <p className="text-slate-600">Drop files here, or</p>
          <button type="button" className="btn-secondary mt-2" onClick={() => input.current?.click()}>
            Choose files
          </button>
          <input ref={input} type="file" multiple className="sr-only" aria-label="Upload attachments" onChange={(e) => e.target.files && void send(e.target.files)} />
        </div>
      )}
      {uploads.map((u) =>
        u.error ? (
          <Notice key={u.name} tone="error">
            {u.name}: {u.error}
          </Notice>
        ) : (
          <div key={u.name} className="text-xs text-slate-600">
            <label className="font-normal">
              Uploading {u.name}
              <progress className="mt-1 block w-full" max={1} value={u.progress} />
            </label>
          </div>
        ),
      )}
      {isLoading ? (
        <LoadingState label="Loading attachments" />
      ) : error ? (
        <ErrorState error={error} />
      ) : !data?.length ? (
        <p className="text-sm text-slate-500">No attachments yet.</p>
      ) : (
        <ul className="space-y-2" aria-label="Attachments">
          {data.map((a) => (
            <li key={a.id} className="flex items-center gap-3 text-sm" data-testid="attachment">
              {a.mimeType.startsWith('image/') ? (
                // A plain img: the file is private and served by our authenticated route, which next/image cannot proxy.
                <img src={fileUrl(a, true)} alt={`Preview of ${a.fileName}`} className="h-12 w-12 rounded object-cover ring-1 ring-slate-200" />
              ) : (
                <span aria-hidden="true" className="flex h-12 w-12 items-center justify-center rounded bg-slate-100 text-xs text-slate-500">
                  {a.fileName.split('.').pop()?.toUpperCase()}
                </span>
              )}
              <div className="min-w-0 flex-1">
                <a href={fileUrl(a)} className="block truncate font-medium text-brand-700 hover:underline" download={a.fileName}>
                  {a.fileName}
                </a>
                <span className="text-xs text-slate-500">
                  {sizeText(a.sizeBytes)} · {a.uploaderName ?? 'System'} · {formatDateTime(a.createdAt)}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
