import { describe, expect, it } from 'vitest';
import { backupLines, exportLines, importLines, percent, restoreLines, when } from './data';
import type { ImportSummary } from './generated/types';

const base: ImportSummary = {
  mode: 'whole',
  added: 0,
  updated: 0,
  unchanged: 0,
  edited: 0,
  conflicts: [],
  people_added: 0,
  people_renamed: [],
  tags_added: 0,
  behaviours_added: 0,
  saved_searches_added: 0,
  metadata_missing: false,
};

describe('data summaries', () => {
  it('says what an import into an empty journal brought', () => {
    expect(importLines({ ...base, added: 64, people_added: 9, tags_added: 1 })).toEqual([
      'Imported 64 entries into the empty journal.',
      'Added 9 people, 1 tag.',
    ]);
  });

  it('counts a merge and explains its conflicts', () => {
    const conflict = {
      entry_id: 'e1',
      local_revision: 3,
      local_at: '2026-11-20T10:00:00Z',
      incoming_revision: 2,
      incoming_at: '2026-11-21T09:30:00Z',
      copy_id: 'e2',
    };
    const lines = importLines({ ...base, mode: 'merge', added: 1, updated: 2, unchanged: 5, edited: 1, conflicts: [conflict] });
    expect(lines[0]).toBe('Merged: 1 entry added, 2 updated, 5 unchanged.');
    expect(lines[1]).toBe('1 entry was edited in the vault, each saved as a new revision.');
    expect(lines[2]).toMatch(/^1 entry was changed on both sides/);
  });

  it('names a person renamed on the other side, whose name here is kept', () => {
    const lines = importLines({ ...base, mode: 'merge', unchanged: 3, people_renamed: [{ kept: 'Tom B.', imported: 'Tom Becker' }] });
    expect(lines).toEqual(['Merged: 0 entries added, 0 updated, 3 unchanged.', 'Tom B. is called Tom Becker in the import; the name here is kept.']);
  });

  it('says when a vault had no metadata file and only its entry files were read', () => {
    expect(importLines({ ...base, added: 3, metadata_missing: true })).toEqual([
      'Imported 3 entries into the empty journal.',
      'The vault has no .rungs/journal.json: only its entry files were read; the ladder, people and history were left as they are.',
    ]);
    expect(importLines({ ...base, added: 3 })).toEqual(['Imported 3 entries into the empty journal.']);
  });

  it('names the files written and the copy kept aside', () => {
    expect(exportLines({ path: '/t/j.json', entries: 1, revisions: 2, people: 1, files: 1 }, 'json')).toEqual([
      'Exported the journal to /t/j.json.',
      '1 entry with 2 revisions, 1 person.',
    ]);
    expect(exportLines({ path: '/t/v', entries: 2, revisions: 2, people: 0, files: 5 }, 'markdown')[1]).toBe(
      '2 entries with 2 revisions, 0 people, 5 files.',
    );
    expect(backupLines({ path: '/t/b.sqlite3', bytes: 204800, schema_version: 7 })).toEqual([
      'Backed up the journal to /t/b.sqlite3.',
      '200 KiB, schema version 7.',
    ]);
    expect(restoreLines({ restored_from: '/t/b.sqlite3', kept_aside: '/d/backups/x.sqlite3', schema_version: 7 })[1]).toBe(
      'The journal as it was is kept in /d/backups/x.sqlite3.',
    );
  });

  it('shows progress as whole percents and revision times to the minute', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 4)).toBe(100);
    expect(when('2026-11-21T09:30:12.345Z')).toBe('2026-11-21 09:30');
  });
});
