// Read-only helpers for the ladder view: evidence by behaviour, coverage per level,
// tracks in ladder order, the current level, and import reports in words.
import type { Evidence, ImportReport, Level, Profile } from './generated/types';

/** A behaviour's text with its label in front when the text does not already start with
 *  it (a label inherited from a group heading is not part of the bullet's own text). */
export function shownText(b: { text: string; label?: string | null }): string {
  if (!b.label || b.text.toLowerCase().startsWith(b.label.toLowerCase())) return b.text;
  return `${b.label}: ${b.text}`;
}

/** The evidence of each behaviour that has any, by behaviour id. */
export function evidenceById(list: Evidence[]): Map<string, Evidence> {
  return new Map(list.map((e) => [e.behaviour, e]));
}

/** How many of a level's behaviours have evidence, out of how many. */
export function coverage(level: Level, evidence: Map<string, Evidence>): { covered: number; total: number } {
  let covered = 0;
  let total = 0;
  for (const s of level.sections) {
    for (const b of s.behaviours) {
      total++;
      if (evidence.has(b.id)) covered++;
    }
  }
  return { covered, total };
}

/** Levels grouped by track, tracks and levels in the ladder's order. */
export function byTrack(levels: Level[]): Array<{ track: string; levels: Level[] }> {
  const out: Array<{ track: string; levels: Level[] }> = [];
  for (const l of levels) {
    const last = out[out.length - 1];
    if (last && last.track === l.track) last.levels.push(l);
    else out.push({ track: l.track, levels: [l] });
  }
  return out;
}

/** What the core resolves a level from, unambiguous across tracks: `TRACK/CODE`. */
export function levelKey(level: Pick<Level, 'track' | 'code'>): string {
  return `${level.track}/${level.code}`;
}

export function isCurrent(level: Level, profile: Profile | null): boolean {
  const p = profile?.level;
  return !!p && p.track === level.track && p.code === level.code;
}

/** "12 unchanged, 1 reworded, 3 added, 2 retired" (only the non-zero parts, "nothing
 *  changed" when all are zero and no level is new). */
export function importCounts(r: ImportReport): string {
  const parts: string[] = [];
  if (r.unchanged) parts.push(`${r.unchanged} unchanged`);
  if (r.reworded.length) parts.push(`${r.reworded.length} reworded`);
  if (r.added.length) parts.push(`${r.added.length} added`);
  if (r.retired.length) parts.push(`${r.retired.length} retired`);
  const changed = r.reworded.length + r.added.length + r.retired.length > 0 || r.levels.some((l) => l.new);
  if (!changed) return parts.length ? `${parts.join(', ')}: nothing changed` : 'nothing changed';
  return parts.join(', ');
}

/** A core error split into the field it names and the problem, for display. */
export function errorParts(e: unknown): { field: string; problem: string } {
  const err = e as { field?: string; message?: string };
  const message = err?.message ?? String(e);
  const field = err?.field ?? '';
  if (field && message.startsWith(`${field}: `)) return { field, problem: message.slice(field.length + 2) };
  return { field, problem: message };
}
