// The brief view's state and the small readings of a Brief it shows. The core computes
// every figure; this only names, indexes and counts what it returned.
import type { BehaviourEvidence, Brief, BriefRequest, EvidenceEntry, Kind, SinceSource } from './generated/types';

/** The file name the save dialog suggests: "brief-2026-11-23", "brief-lena-fischer-2026-11-23". */
export function briefFileName(b: Pick<Brief, 'person' | 'until'>): string {
  const who = (b.person ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return who ? `brief-${who}-${b.until}` : `brief-${b.until}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "25 Aug – 23 Nov 2026", or "20 Dec 2025 – 23 Jan 2026" across a year's end. */
export function periodText(since: string, until: string): string {
  const parts = (d: string) => {
    const [y, m, day] = d.split('-');
    return { y, dm: `${Number(day)} ${MONTHS[Number(m) - 1] ?? m}` };
  };
  const a = parts(since);
  const b = parts(until);
  return a.y === b.y ? `${a.dm} – ${b.dm} ${b.y}` : `${a.dm} ${a.y} – ${b.dm} ${b.y}`;
}

/** Where the period's start came from, in words. */
export function sinceNote(source: SinceSource, lastConversation: string | null): string {
  if (source === 'given') return 'as chosen';
  if (source === 'last_conversation') return `since the last growth conversation${lastConversation ? ` (${lastConversation})` : ''}`;
  return 'the last 90 days: no growth conversation recorded before';
}

export interface EntryRef {
  id: string;
  kind: Kind | null;
  title: string;
  date: string;
}

/** Every entry the brief cites, by id, so a talking point (which holds only ids) can name
 *  its entries. Feedback quotes have no title: they are named after the person. */
export function entryIndex(b: Brief): Map<string, EntryRef> {
  const out = new Map<string, EntryRef>();
  const add = (e: EvidenceEntry) => {
    if (!out.has(e.id)) out.set(e.id, { id: e.id, kind: e.kind, title: e.title, date: e.date });
  };
  for (const level of b.levels)
    for (const s of level.sections)
      for (const be of s.behaviours) {
        be.entries.forEach(add);
        be.strongest.forEach(add);
      }
  b.learnings.forEach(add);
  b.goals.forEach((g) => g.evidence_since.forEach(add));
  for (const f of [...b.feedback_received, ...b.feedback_given]) {
    if (!out.has(f.entry_id)) {
      const title = f.direction === 'received' ? `Feedback from ${f.person}` : `Feedback to ${f.person}`;
      out.set(f.entry_id, { id: f.entry_id, kind: 'feedback', title, date: f.date });
    }
  }
  return out;
}

export interface LevelCounts {
  code: string;
  target: boolean;
  behaviours: number;
  evidenced: number;
  stale: number;
  gaps: number;
}

/** Per level of the brief: how many behaviours are evidenced, stale and gaps. */
export function levelCounts(b: Brief): LevelCounts[] {
  return b.levels.map((l) => {
    const all: BehaviourEvidence[] = l.sections.flatMap((s) => s.behaviours);
    return {
      code: l.level.code,
      target: l.target,
      behaviours: all.length,
      evidenced: all.filter((x) => x.coverage === 'evidenced').length,
      stale: all.filter((x) => x.coverage === 'stale').length,
      gaps: all.filter((x) => x.coverage === 'gap').length,
    };
  });
}

/** A request with only the fields the user chose (empty strings are "the default"). */
export function cleanRequest(r: BriefRequest): BriefRequest {
  const v = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
  return { person: v(r.person), level: v(r.level), target: v(r.target), since: v(r.since), until: v(r.until) };
}
