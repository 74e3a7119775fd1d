// The drop behind a ticket: DR number, project, client, address, pole, install date and guarantee.
import { useDropLookup } from '../../hooks/useTicket';
import { formatDate } from '../format';
import { ErrorState, LoadingState } from '../ui/States';

export function DRPanel({ drNumber }: { drNumber: string | null }) {
  const { data: drop, error, isLoading } = useDropLookup(drNumber);
  if (!drNumber) return <p className="text-sm text-slate-600">No drop: this ticket is not tied to a home connection.</p>;
  if (isLoading) return <LoadingState label="Loading drop" />;
  if (error?.status === 404) {
    return (
      <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-950" data-testid="dr-panel">
        {drNumber} is not in the drop register: the ticket is flagged “unknown drop” for review, and billing waits until the drop is registered or the
        DR is corrected.
      </p>
    );
  }
  if (error || !drop) return <ErrorState error={error} title={`Drop ${drNumber}`} />;
  const rows: [string, string | null][] = [
    ['DR number', drop.drNumber],
    ['Project', drop.projectName],
    ['Client', drop.clientName],
    ['Address', drop.address],
    ['Pole', drop.poleNumber],
    ['PON / zone', [drop.pon, drop.zone].filter(Boolean).join(' / ') || null],
    ['ONT serial', drop.ontSerial],
    ['Installed', drop.installDate ? formatDate(drop.installDate) : null],
  ];
  return (
    <div data-testid="dr-panel">
      <dl className="grid grid-cols-3 gap-x-2 gap-y-1 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600">{k}</dt>
            <dd className="col-span-2 text-slate-900 [overflow-wrap:anywhere]">{v ?? '—'}</dd>
          </div>
        ))}
      </dl>
      <p className={`mt-3 rounded-md p-2 text-sm ${drop.guarantee.active ? 'bg-emerald-50 text-emerald-800' : 'bg-slate-100 text-slate-700'}`}>
        {drop.guarantee.active ? `In guarantee: ${drop.guarantee.daysLeft} days left. ` : 'Out of guarantee. '}
        {drop.guarantee.reason}
      </p>
    </div>
  );
}
