// Small read-only helpers over entries for display (no business rules).
import type { Entry, Kind } from './generated/types';

export const KIND_LABEL: Record<Kind, string> = {
  pairing: 'Pairing session',
  feedback: 'Feedback',
  learning: 'Learning',
};

/** The people an entry names: pairing partners or the feedback's person. */
export function peopleOf(e: Entry): string[] {
  if (e.kind === 'pairing') return e.partners;
  if (e.kind === 'feedback') return [e.person];
  return [];
}

/** Open and total follow-ups (pairing only). */
export function followUpCounts(e: Entry): { open: number; total: number } {
  if (e.kind !== 'pairing') return { open: 0, total: 0 };
  return { open: e.follow_ups.filter((f) => !f.done).length, total: e.follow_ups.length };
}

/** A one-line summary for the timeline. */
export function excerpt(e: Entry, max = 140): string {
  let text = '';
  if (e.kind === 'pairing') text = e.learned ?? e.notes ?? e.area ?? '';
  else if (e.kind === 'feedback') text = e.observed;
  else text = e.body;
  text = text
    .replace(/[#>*_`~[\]()!-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? text.slice(0, max - 1).trimEnd() + '…' : text;
}
