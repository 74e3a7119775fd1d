// What a technician needs first, at the top of the ticket on every screen: what is wrong, where (with a map link),
// and who to call (tap to call, tap to mail).
import type { TicketView } from '../../hooks/types';
import { FAULT_CAUSE_LABEL, formatDateTime, labelOf } from '../format';
import { LongText } from '../ui/LongText';

/** Pure: a maps link for the ticket's GPS point, else its address; null when it has neither. */
export function mapHref(t: Pick<TicketView, 'gpsLat' | 'gpsLng' | 'address'>): string | null {
  const query = t.gpsLat !== null && t.gpsLng !== null ? `${t.gpsLat},${t.gpsLng}` : t.address;
  return query ? `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(query)}` : null;
}

/** Pure: a tel: link from a phone number as typed ("082 555 0101" -> "tel:0825550101"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export function JobCard({ ticket: t }: { ticket: TicketView }) {
  const map = mapHref(t);
  const where = [t.address, t.drNumber, t.projectName].filter(Boolean).join(' · ');
  return (
    <section className="card grid min-w-0 gap-4 p-4 md:grid-cols-3" aria-label="The job" data-testid="job-card">
      <div className="min-w-0 md:col-span-2">
        <h2 className="text-sm font-semibold text-slate-700">What is wrong</h2>
        <LongText text={t.description || 'No description.'} className="mt-1 text-sm text-slate-900" />
        {t.resolvedAt && (
          <p className="mt-2 text-sm text-slate-700">
            Resolved {formatDateTime(t.resolvedAt)}
            {t.faultCause && ` (${labelOf(FAULT_CAUSE_LABEL, t.faultCause)})`}
            {t.resolutionNotes && `: ${t.resolutionNotes}`}
          </p>
        )}
      </div>
      <div className="min-w-0 space-y-3">
        <div>
          <h2 className="text-sm font-semibold text-slate-700">Where</h2>
          <p className="mt-1 text-sm text-slate-900 [overflow-wrap:anywhere]">{where || 'No address or drop given.'}</p>
          {map && (
            <a className="btn-secondary mt-2" href={map} target="_blank" rel="noreferrer" data-testid="map-link">
              Open in maps
            </a>
          )}
        </div>
        <div>
          <h2 className="text-sm font-semibold text-slate-700">Who to call</h2>
          <p className="mt-1 text-sm text-slate-900">{t.reporterName ?? 'Reporter not named'}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {t.reporterPhone && (
              <a className="btn-primary" href={telHref(t.reporterPhone)} data-testid="call-link">
                Call {t.reporterPhone}
              </a>
            )}
            {t.reporterEmail && (
              <a className="btn-secondary [overflow-wrap:anywhere]" href={`mailto:${t.reporterEmail}`}>
                {t.reporterEmail}
              </a>
            )}
            {!t.reporterPhone && !t.reporterEmail && <span className="text-sm text-slate-600">No phone number or email on the ticket.</span>}
          </div>
        </div>
      </div>
    </section>
  );
}
