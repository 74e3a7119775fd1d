// The QContact mapping screen (admins): category -> priority and type, QContact status labels -> ours, and our
// statuses -> the write values QContact accepts. Saved together; the sync and write-back use them at once.
import { useState } from 'react';
import { useApi, useMutation } from '../../hooks/useApi';
import { Panel } from '../ui/Panel';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, LoadingState, Notice } from '../ui/States';
import { CategoryTable, InboundTable, OutboundTable, type CategoryRow } from './QcontactMappingTables';

interface MappingsView {
  categories: CategoryRow[];
  inbound: Record<string, string>;
  outbound: Record<string, string | null>;
}

function Editor({ initial, onSaved }: { initial: MappingsView; onSaved: () => void }) {
  const [categories, setCategories] = useState<CategoryRow[]>(initial.categories);
  const [inbound, setInbound] = useState<[string, string][]>(Object.entries(initial.inbound));
  const [outbound, setOutbound] = useState<Record<string, string>>(Object.fromEntries(Object.entries(initial.outbound).map(([k, v]) => [k, v ?? ''])));
  const save = useMutation<MappingsView>();
  const [saved, setSaved] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setSaved(false);
    const body = {
      categories: categories.map((c) => ({ ...c, category: c.category.trim(), subcategory: c.subcategory.trim() })),
      inbound: Object.fromEntries(inbound.filter(([label]) => label.trim()).map(([label, s]) => [label.trim(), s])),
      outbound: Object.fromEntries(Object.entries(outbound).map(([k, v]) => [k, v.trim() ? v.trim() : null])),
    };
    if (await save.run('qcontact-mappings', { method: 'PUT', body })) {
      setSaved(true);
      onSaved();
    }
  }

  return (
    <form className="space-y-4" onSubmit={(e) => void submit(e)}>
      {saved && <Notice tone="success">Mappings saved.</Notice>}
      {save.error && <Notice tone="error">{save.error.message}{Object.keys(save.error.fields).length > 0 && `: ${Object.entries(save.error.fields).map(([f, m]) => `${f} ${m}`).join('; ')}`}</Notice>}
      <Panel title="Category → priority and type">
        <p className="mb-2 text-xs text-slate-600">QContact has no priority: a case gets the one of its category and subcategory, else of its category, else medium.</p>
        <CategoryTable rows={categories} onChange={setCategories} />
      </Panel>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="QContact status → our status">
          <p className="mb-2 text-xs text-slate-600">A label not listed opens the ticket as new and is flagged on the integration page.</p>
          <InboundTable rows={inbound} onChange={setInbound} />
        </Panel>
        <Panel title="Our status → QContact write value">
          <p className="mb-2 text-xs text-slate-600">Values are case-sensitive: Open, Assigned, InProgress, Escalated, InReview, Reviewed, Pending Company Response, Solved.</p>
          <OutboundTable values={outbound} onChange={setOutbound} />
        </Panel>
      </div>
      <button type="submit" className="btn-primary" disabled={save.pending}>{save.pending ? 'Saving…' : 'Save mappings'}</button>
    </form>
  );
}

export function QcontactMappings() {
  const { data, error, isLoading, mutate } = useApi<MappingsView>('qcontact-mappings');
  return (
    <div className="space-y-4">
      <PageHeader title="QContact mappings" description="How QContact cases become tickets, and what QContact is told when our side changes a ticket." />
      {isLoading ? <LoadingState label="Loading mappings" /> : error || !data ? <ErrorState error={error} onRetry={() => void mutate()} /> : <Editor initial={data} onSaved={() => void mutate()} />}
    </div>
  );
}
