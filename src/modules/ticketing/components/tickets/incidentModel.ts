// Pure helpers of the mass-incident panel: reading pasted ticket references and naming what a candidate shares.
import type { IncidentCandidate } from '../../db/incidentRepo';

/** Pasted references (UIDs or ids) split on spaces, commas, semicolons or new lines; upper-cased UIDs, no repeats. */
export function parseTicketRefs(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(/[\s,;]+/)) {
    const ref = raw.trim().replace(/^#/, '');
    if (!ref) continue;
    seen.add(/^[0-9a-f-]{36}$/i.test(ref) ? ref.toLowerCase() : ref.toUpperCase());
  }
  return [...seen];
}

/** The pasted references and the ticked candidates together, each once, in the order the agent gave them. */
export function refsToLink(pasted: string, ticked: readonly string[]): string[] {
  return [...new Set([...parseTicketRefs(pasted), ...ticked])];
}

const SHARED: Record<IncidentCandidate['sharedOn'], string> = { pole: 'same pole', pon: 'same PON', zone: 'same zone' };

export function sharedLabel(on: IncidentCandidate['sharedOn']): string {
  return SHARED[on];
}

/** The sentence after a link: how many joined, and that the rest were already there. */
export function linkedMessage(asked: number, linked: readonly string[]): string {
  const n = linked.length;
  const joined = n === 0 ? 'No ticket was added' : `Added ${n} ticket${n === 1 ? '' : 's'}: ${linked.join(', ')}`;
  return asked > n ? `${joined} (${asked - n} already part of this incident).` : `${joined}.`;
}
