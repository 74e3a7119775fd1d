// One headline figure on the dashboard; the whole card links to the tickets behind the number.
import Link from 'next/link';

const TONES = {
  neutral: 'border-slate-200',
  amber: 'border-amber-300 bg-amber-50',
  red: 'border-red-300 bg-red-50',
  blue: 'border-sky-300 bg-sky-50',
} as const;

export function StatCard({ label, value, href, tone = 'neutral', hint }: { label: string; value: string | number; href: string; tone?: keyof typeof TONES; hint?: string }) {
  return (
    <Link href={href} className={`card block p-4 hover:shadow-md ${TONES[tone]}`}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-700">{label}</div>
      <div className="mt-1 text-2xl font-semibold text-slate-900 sm:text-3xl">{value}</div>
      {hint && <div className="mt-1 text-xs text-slate-700">{hint}</div>}
    </Link>
  );
}
