// What the "Journal data" dialog says at the end of an export, import, backup or
// restore: plain lines built from the core's summaries (kept apart from the dialog so
// they are tested without a window).
import type { BackupSummary, ExportSummary, ImportSummary, RestoreSummary } from './generated/types';

const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;

export function exportLines(s: ExportSummary, format: 'json' | 'markdown'): string[] {
  return [
    format === 'json' ? `Exported the journal to ${s.path}.` : `Exported the journal as a Markdown vault in ${s.path}.`,
    `${n(s.entries, 'entry', 'entries')} with ${n(s.revisions, 'revision', 'revisions')}, ${n(s.people, 'person', 'people')}${format === 'markdown' ? `, ${n(s.files, 'file', 'files')}` : ''}.`,
  ];
}

export function importLines(s: ImportSummary): string[] {
  const out =
    s.mode === 'whole'
      ? [`Imported ${n(s.added, 'entry', 'entries')} into the empty journal.`]
      : [`Merged: ${n(s.added, 'entry', 'entries')} added, ${s.updated} updated, ${s.unchanged} unchanged.`];
  if (s.metadata_missing)
    out.push('The vault has no .rungs/journal.json: only its entry files were read; the ladder, people and history were left as they are.');
  if (s.edited > 0) out.push(`${n(s.edited, 'entry was', 'entries were')} edited in the vault, each saved as a new revision.`);
  const added = [
    s.people_added && n(s.people_added, 'person', 'people'),
    s.tags_added && n(s.tags_added, 'tag', 'tags'),
    s.behaviours_added && n(s.behaviours_added, 'behaviour', 'behaviours'),
    s.saved_searches_added && n(s.saved_searches_added, 'saved search', 'saved searches'),
  ].filter(Boolean);
  if (added.length) out.push(`Added ${added.join(', ')}.`);
  for (const p of s.people_renamed) out.push(`${p.kept} is called ${p.imported} in the import; the name here is kept.`);
  if (s.conflicts.length)
    out.push(
      `${n(s.conflicts.length, 'entry was', 'entries were')} changed on both sides: your version stays and the imported one is kept beside it as a copy.`,
    );
  return out;
}

export function backupLines(s: BackupSummary): string[] {
  return [`Backed up the journal to ${s.path}.`, `${(s.bytes / 1024).toFixed(0)} KiB, schema version ${s.schema_version}.`];
}

export function restoreLines(s: RestoreSummary): string[] {
  return [`Restored the journal from ${s.restored_from}.`, `The journal as it was is kept in ${s.kept_aside}.`];
}

/** "2026-11-20 14:03" from a revision time (RFC 3339), as the entry views show times. */
export function when(at: string): string {
  return at.replace('T', ' ').slice(0, 16);
}

/** Whole percent of `done` in `total` (0 while the total is unknown). */
export function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0;
}
