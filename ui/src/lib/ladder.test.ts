import { describe, expect, it } from 'vitest';
import type { ImportReport, Level } from './generated/types';
import { byTrack, coverage, errorParts, evidenceById, importCounts, isCurrent, levelKey, shownText } from './ladder';

function level(track: string, code: string, ids: string[][]): Level {
  return {
    code,
    title: `${code} title`,
    summary: '',
    track,
    sections: ids.map((s, i) => ({ title: `S${i + 1}`, behaviours: s.map((id) => ({ id, text: id })) })),
  };
}

const report = (over: Partial<ImportReport>): ImportReport => ({
  dry_run: false,
  tracks: [],
  levels: [{ track: 'T', code: 'L1', title: 't', new: false }],
  unchanged: 0,
  reworded: [],
  added: [],
  retired: [],
  ...over,
});

describe('ladder helpers', () => {
  it('counts the behaviours of a level that have evidence', () => {
    const ev = evidenceById([
      { behaviour: 'L1.1.1', entries: 3, latest: '2026-11-20' },
      { behaviour: 'L1.2.1', entries: 1, latest: '2026-10-01' },
      { behaviour: 'L2.1.1', entries: 1, latest: '2026-10-01' },
    ]);
    expect(ev.get('L1.1.1')?.entries).toBe(3);
    expect(coverage(level('T', 'L1', [['L1.1.1', 'L1.1.2'], ['L1.2.1']]), ev)).toEqual({ covered: 2, total: 3 });
    expect(coverage(level('T', 'L3', []), ev)).toEqual({ covered: 0, total: 0 });
  });

  it('groups levels by track in ladder order', () => {
    const groups = byTrack([level('A', 'L1', []), level('A', 'L2', []), level('B', 'D1', [])]);
    expect(groups.map((g) => [g.track, g.levels.map((l) => l.code)])).toEqual([
      ['A', ['L1', 'L2']],
      ['B', ['D1']],
    ]);
  });

  it('knows the current level by track and code, not by code alone', () => {
    const ref = { track: 'A', track_slug: 'a', code: 'L1', title: 'x' };
    const profile = { level: ref, next_level: null };
    expect(isCurrent(level('A', 'L1', []), profile)).toBe(true);
    expect(isCurrent(level('B', 'L1', []), profile)).toBe(false);
    expect(isCurrent(level('A', 'L1', []), { level: null, next_level: null })).toBe(false);
    expect(levelKey(level('Platform Engineer', 'L3', []))).toBe('Platform Engineer/L3');
  });

  it('says what an import changes, or that it changes nothing', () => {
    expect(importCounts(report({ unchanged: 4 }))).toBe('4 unchanged: nothing changed');
    expect(
      importCounts(
        report({
          unchanged: 2,
          reworded: [{ id: 'a', from: 'x', to: 'y' }],
          retired: [{ id: 'b', text: 'z' }],
        }),
      ),
    ).toBe('2 unchanged, 1 reworded, 1 retired');
    const fresh = report({ added: [{ id: 'c', text: 'w' }], levels: [{ track: 'T', code: 'L9', title: 't', new: true }] });
    expect(importCounts(fresh)).toBe('1 added');
  });

  it('shows a label only when the text does not already start with it', () => {
    expect(shownText({ text: 'Promotion: Creates services', label: 'Promotion' })).toBe('Promotion: Creates services');
    expect(shownText({ text: 'Writes runbooks', label: 'Operations' })).toBe('Operations: Writes runbooks');
    expect(shownText({ text: 'Writes runbooks' })).toBe('Writes runbooks');
    expect(shownText({ text: 'Writes runbooks', label: null })).toBe('Writes runbooks');
  });

  it('splits a core error into its field and the problem', () => {
    expect(errorParts({ code: 'invalid_input', field: 'ladder file a.md', message: 'ladder file a.md: no levels found' })).toEqual({
      field: 'ladder file a.md',
      problem: 'no levels found',
    });
    expect(errorParts({ code: 'io', message: 'reading x: No such file' })).toEqual({ field: '', problem: 'reading x: No such file' });
  });
});
