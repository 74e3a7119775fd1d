// A titled list of counts with proportional bars; each row links to the list filtered by that value.
import Link from 'next/link';
import { labelOf } from '../format';

interface BreakdownProps {
  title: string;
  counts: Record<string, number>;
  order: readonly string[];
  labels: Record<string, string>;
  hrefFor: (key: string) => string;
}

export function Breakdown({ title, counts, order, labels, hrefFor }: BreakdownProps) {
  const rows = order.map((k) => ({ key: k, n: counts[k] ?? 0 })).filter((r) => r.n > 0);
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <section className="card p-4" aria-label={title}>
      <h2 className="text-sm font-semibold text-slate-700">{title}</h2>
      {rows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">No open tickets.</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {rows.map((r) => (
            <li key={r.key}>
              <Link href={hrefFor(r.key)} className="group block">
                <div className="flex justify-between text-sm">
                  <span className="text-slate-700 group-hover:underline">{labelOf(labels, r.key)}</span>
                  <span className="font-medium tabular-nums">{r.n}</span>
                </div>
                <div className="mt-1 h-1.5 rounded bg-slate-100" aria-hidden="true">
                  <div className="h-1.5 rounded bg-brand-500" style={{ width: `${(r.n / max) * 100}%` }} />
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
