// Pure repeat-fault rule: which of a fault's network elements crossed their threshold in the window.
export const ELEMENT_KINDS = ['drop', 'pole', 'pon', 'zone'] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

export const DEFAULT_THRESHOLDS: Record<ElementKind, number> = { drop: 2, pole: 3, pon: 5, zone: 10 };

export interface ElementCount {
  kind: ElementKind;
  key: string;
  /** Fault tickets of any status on the element in the window, the new one included. */
  faults: number;
}

export interface HotElement extends ElementCount {
  threshold: number;
}

const WORDS: Record<ElementKind, string> = { drop: 'drop', pole: 'pole', pon: 'PON', zone: 'zone' };

/** Elements at or over their threshold, most specific first (a drop before its pole, PON and zone). */
export function hotElements(counts: readonly ElementCount[], thresholds: Partial<Record<ElementKind, number>>): HotElement[] {
  return counts
    .map((c) => ({ ...c, threshold: thresholds[c.kind] ?? DEFAULT_THRESHOLDS[c.kind] }))
    .filter((c) => c.key.trim() !== '' && c.faults >= c.threshold)
    .sort((a, b) => ELEMENT_KINDS.indexOf(a.kind) - ELEMENT_KINDS.indexOf(b.kind));
}

/** The infrastructure ticket's title and description for a hot element. */
export function alertText(e: HotElement, windowDays: number): { title: string; description: string } {
  return {
    title: `Repeat faults on ${WORDS[e.kind]} ${e.key}: ${e.faults} in ${windowDays} days`,
    description:
      `${e.faults} fault tickets were logged on ${WORDS[e.kind]} ${e.key} in the last ${windowDays} days ` +
      `(threshold ${e.threshold}). Inspect the ${WORDS[e.kind]} itself; the faults are linked to this ticket.`,
  };
}
