// A titled card section, labelled by its heading for screen readers.
import { useId, type ReactNode } from 'react';

export function Panel({ title, children, actions, className = '' }: { title: string; children: ReactNode; actions?: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={`card p-4 ${className}`} aria-labelledby={id}>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id={id} className="text-sm font-semibold text-slate-700">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
