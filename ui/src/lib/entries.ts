// Small read-only helpers over entries for display (no business rules).
import type { Entry, Kind } from './generated/types';

export const KIND_LABEL: Record<Kind, string> = {
  pairing: 'Pairing session',
  feedback: 'Feedback',
  learning: 'Learning',
  conversation: 'Growth conversation',
};

/** A stored word in sentence case for display: "received" → "Received" (as KIND_LABEL's
 *  "Pairing session"; no CSS capitalize, which would give "Pairing Session"). */
export function sentence(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** How the form names a field the core reports by its serialized name. */
const FIELD_LABEL: Record<string, string> = {
  kind: 'Kind',
  title: 'Title',
  date: 'Date',
  time: 'Time',
  tags: 'Tags',
  behaviours: 'Behaviours',
  partners: 'Paired with',
  role: 'Role',
  minutes: 'Minutes',
  area: 'Area',
  ticket: 'Ticket',
  notes: 'Notes',
  learned: 'What I learned',
  follow_ups: 'Follow-ups',
  direction: 'Direction',
  person: 'Person',
  situation: 'Situation',
  observed: 'Behaviour',
  impact: 'Impact',
  tone: 'Tone',
  reflection: 'Reflection',
  body: 'Text',
  source: 'Source',
  goals: 'Goals',
};

/** A core error under its field, as a sentence: "impact: is required…" → "Impact is
 *  required…"; a message that names its own subject ("'x' is not a date") keeps it. */
export function fieldMessage(field: string, message: string): string {
  const rest = message.replace(/^[\w-]+: /, '');
  if (/^(is|are|must|has|have|cannot|can't|should) /.test(rest)) return `${FIELD_LABEL[field] ?? sentence(field)} ${rest}`;
  return sentence(rest);
}

/** "Created", or "Changed: Title, Tags" for a revision's changed fields. */
export function describeChange(revision: number, changed: string[]): string {
  if (revision === 1) return 'Created';
  if (changed.length === 0) return 'No change in content';
  const names = changed.map((f) => FIELD_LABEL[f] ?? f);
  return `Changed: ${names.join(', ')}`;
}

/** The people an entry names: pairing partners, the feedback's or the conversation's person. */
export function peopleOf(e: Entry): string[] {
  if (e.kind === 'pairing') return e.partners;
  if (e.kind === 'feedback' || e.kind === 'conversation') return [e.person];
  return [];
}

/** Open and total follow-ups (pairing only). */
export function followUpCounts(e: Entry): { open: number; total: number } {
  if (e.kind !== 'pairing') return { open: 0, total: 0 };
  return { open: e.follow_ups.filter((f) => !f.done).length, total: e.follow_ups.length };
}
