// A DR number input that looks the drop up as soon as the number is complete and reports what it found.
import { useEffect, useId } from 'react';
import type { DropLookup } from '../../hooks/types';
import { useDropLookup } from '../../hooks/useTicket';
import { Spinner } from '../ui/States';

export const DR_PATTERN = /^DR\d{7}$/;

/** Pure: what was typed as a DR number: upper case, and "1734315" (digits only) as "DR1734315". */
export function normaliseDr(value: string): string {
  return value.trim().toUpperCase().replace(/^(DR)?\s*(\d{7})$/, 'DR$2');
}

interface DRLookupInputProps {
  value: string;
  onChange: (value: string) => void;
  onResolved: (drop: DropLookup | null) => void;
  required?: boolean;
  error?: string;
}

export function DRLookupInput({ value, onChange, onResolved, required, error }: DRLookupInputProps) {
  const id = useId();
  const dr = normaliseDr(value);
  const complete = DR_PATTERN.test(dr);
  const { data: drop, error: lookupError, isLoading } = useDropLookup(complete ? dr : null);

  useEffect(() => {
    onResolved(complete && drop ? drop : null);
  }, [complete, drop, onResolved]);

  const statusId = `${id}-status`;
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1">
      <label htmlFor={id}>
        DR number{required && <span aria-hidden="true" className="text-red-600"> *</span>}
      </label>
      <input
        id={id}
        name="drNumber"
        className="input font-mono uppercase"
        placeholder="DR1734472"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={`${statusId}${error ? ` ${errorId}` : ''}`}
      />
      <div id={statusId} role="status" aria-live="polite" className="text-xs" data-testid="dr-lookup-status">
        {!value.trim() ? (
          <span className="text-slate-600">DR and 7 digits (or just the digits); the drop fills in project, client and address.</span>
        ) : !complete ? (
          <span className="text-slate-600">Keep typing: DR and 7 digits.</span>
        ) : isLoading ? (
          <span className="inline-flex items-center gap-1 text-slate-600">
            <Spinner className="h-3 w-3" /> Looking up {dr}…
          </span>
        ) : drop ? (
          <span className="text-emerald-800">
            {drop.drNumber}: {drop.projectName} · {drop.clientName}
            {drop.address ? ` · ${drop.address}` : ''} · {drop.guarantee.active ? `in guarantee (${drop.guarantee.daysLeft} days left)` : 'out of guarantee'}
          </span>
        ) : (
          <span className="text-amber-900" data-testid="dr-unknown">
            {lookupError?.status === 404
              ? `No drop ${dr} is in the drop register. The ticket will be created flagged “unknown drop” for review; billing waits until the drop is registered or the DR is corrected.`
              : (lookupError?.message ?? '')}
          </span>
        )}
      </div>
      {error && (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
