// Admin: which status changes send a short message to the ticket's WhatsApp chat (one switch per template).
import { useApi, useMutation } from '../../hooks/useApi';
import { labelOf, STATUS_LABEL } from '../format';
import { ErrorState, LoadingState } from '../ui/States';

interface Template {
  status: string;
  enabled: boolean;
  text: string;
}

export function StatusTemplatesEditor() {
  const { data, error, isLoading, mutate } = useApi<Template[]>('whatsapp-templates');
  const save = useMutation<Template[]>();
  if (isLoading) return <LoadingState label="Loading templates" />;
  if (error) return <ErrorState error={error} onRetry={() => void mutate()} />;
  async function toggle(t: Template) {
    const r = await save.run('whatsapp-templates', { method: 'PUT', body: { templates: { [t.status]: !t.enabled } } });
    if (r) void mutate({ success: true, data: r, meta: {} }, { revalidate: false });
  }
  return (
    <fieldset className="space-y-2" aria-label="Status messages to the customer's WhatsApp">
      <legend className="text-sm font-semibold text-slate-700">Status messages to the customer</legend>
      {(data ?? []).map((t) => (
        <label key={t.status} className="flex items-start gap-2 text-sm font-normal">
          <input type="checkbox" className="mt-1" checked={t.enabled} disabled={save.pending} onChange={() => void toggle(t)} />
          <span className="min-w-0">
            <span className="font-medium">{labelOf(STATUS_LABEL, t.status)}</span>
            <span className="block break-words text-xs text-slate-600">{t.text}</span>
          </span>
        </label>
      ))}
      {save.error && <p className="text-xs text-red-700">{save.error.message}</p>}
    </fieldset>
  );
}
