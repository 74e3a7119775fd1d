// A manager's decision on billable work: approve (optional note) or reject (reason required).
import { useState } from 'react';
import { useMutation } from '../../hooks/useApi';
import type { DecisionResult } from '../../hooks/types';
import { Notice, Spinner } from '../ui/States';

export function DecisionButtons({ ticketUid, onDecided }: { ticketUid: string; onDecided: (r: DecisionResult) => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { run, pending, error } = useMutation<DecisionResult>();
  const uid = encodeURIComponent(ticketUid);

  async function decide(kind: 'approve' | 'reject') {
    const body = kind === 'reject' ? { reason: reason.trim() } : reason.trim() ? { reason: reason.trim() } : {};
    const r = await run(`billing-${kind}?uid=${uid}`, { method: 'POST', body });
    if (r) {
      setRejecting(false);
      setReason('');
      onDecided(r);
    }
  }

  const reasonId = `reason-${ticketUid}`;
  return (
    <div className="space-y-2">
      {rejecting && (
        <div>
          <label htmlFor={reasonId} className="text-xs">
            Why is it rejected? (the requester is told)
          </label>
          <textarea id={reasonId} className="input mt-1 min-h-16" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={error?.fields.reason ? true : undefined} />
          {error?.fields.reason && <p className="text-xs font-medium text-red-700">{error.fields.reason}</p>}
        </div>
      )}
      {error && !error.fields.reason && <Notice tone="error">{error.message}</Notice>}
      <div className="flex flex-wrap gap-2">
        {!rejecting ? (
          <>
            <button type="button" className="btn-primary" disabled={pending} onClick={() => void decide('approve')} aria-label={`Approve ${ticketUid}`}>
              {pending && <Spinner />} Approve
            </button>
            <button type="button" className="btn-secondary" disabled={pending} onClick={() => setRejecting(true)} aria-label={`Reject ${ticketUid}`}>
              Reject…
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn-danger" disabled={pending || reason.trim().length < 3} onClick={() => void decide('reject')}>
              {pending && <Spinner />} Confirm rejection
            </button>
            <button type="button" className="btn-secondary" onClick={() => setRejecting(false)}>
              Back
            </button>
          </>
        )}
      </div>
    </div>
  );
}
