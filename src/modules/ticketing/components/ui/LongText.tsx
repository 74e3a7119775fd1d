// Text of any length that never widens the page: wraps anywhere (long links, unbroken strings) and folds a long
// text behind "Show more".
import { useId, useState } from 'react';

const FOLD_CHARS = 600;
const FOLD_LINES = 10;

/** Pure: where a long text is cut for its folded view, or null when it is short enough to show whole. */
export function foldAt(text: string, chars = FOLD_CHARS, lines = FOLD_LINES): number | null {
  const lineEnd = text.split('\n', lines).join('\n').length;
  const cut = Math.min(chars, lineEnd);
  return cut < text.length ? cut : null;
}

export function LongText({ text, className = '' }: { text: string; className?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const cut = foldAt(text);
  const shown = cut === null || open ? text : `${text.slice(0, cut).trimEnd()}…`;
  return (
    <div className={className}>
      <p id={id} className="whitespace-pre-wrap [overflow-wrap:anywhere]" data-testid="long-text">
        {shown}
      </p>
      {cut !== null && (
        <button type="button" className="mt-1 text-xs font-semibold text-brand-700 underline" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
          {open ? 'Show less' : `Show more (${new Intl.NumberFormat('en-ZA').format(text.length)} characters)`}
        </button>
      )}
    </div>
  );
}
