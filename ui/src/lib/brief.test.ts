import { describe, expect, it } from 'vitest';
import type { BehaviourEvidence, Brief, Coverage, EvidenceEntry, LevelRef } from './generated/types';
import { briefFileName, cleanRequest, entryIndex, levelCounts, periodText, sinceNote } from './brief';

const ref = (code: string): LevelRef => ({ track: 'DevOps Support Engineer', track_slug: 'support', code, title: code });
const ev = (id: string, date: string): EvidenceEntry => ({ id, kind: 'pairing', title: `Title ${id}`, date, snippet: '' });

function behaviour(id: string, coverage: Coverage, entries: EvidenceEntry[] = []): BehaviourEvidence {
  return {
    id,
    level: id.split('.')[0],
    section: 'Impact',
    text: `Text ${id}`,
    count: entries.length,
    latest: entries[0]?.date ?? null,
    coverage,
    entries,
    strongest: entries.slice(0, 1),
    feedback: [],
  };
}

const brief: Brief = {
  person: 'Léna Fischer',
  level: ref('L1'),
  target: ref('L2'),
  since: '2026-08-25',
  until: '2026-11-23',
  since_source: 'default',
  last_conversation: null,
  levels: [
    {
      level: ref('L1'),
      target: false,
      sections: [
        {
          title: 'Impact',
          behaviours: [
            behaviour('L1.1.1', 'evidenced', [ev('a', '2026-11-02'), ev('b', '2026-10-01')]),
            behaviour('L1.1.2', 'stale'),
            behaviour('L1.1.3', 'gap'),
          ],
        },
      ],
    },
    { level: ref('L2'), target: true, sections: [{ title: 'Impact', behaviours: [behaviour('L2.1.1', 'gap')] }] },
  ],
  gaps: ['L1.1.3', 'L2.1.1'],
  stale: ['L1.1.2'],
  feedback_received: [
    {
      entry_id: 'f1',
      date: '2026-11-10',
      person: 'Tom Becker',
      direction: 'received',
      tone: 'coaching',
      situation: 's',
      behaviour: 'b',
      impact: 'i',
      behaviours: [],
    },
  ],
  feedback_given: [],
  learnings: [ev('l1', '2026-09-09')],
  open_follow_ups: [],
  goals: [],
  talking_points: [],
  heatmap: { months: [], rows: [] },
};

describe('brief helpers', () => {
  it('suggest a file name from whose brief it is and its end date', () => {
    expect(briefFileName(brief)).toBe('brief-lena-fischer-2026-11-23');
    expect(briefFileName({ person: null, until: '2026-11-23' })).toBe('brief-2026-11-23');
  });

  it('index every cited entry once, feedback named after its person', () => {
    const idx = entryIndex(brief);
    expect([...idx.keys()].sort()).toEqual(['a', 'b', 'f1', 'l1']);
    expect(idx.get('a')?.title).toBe('Title a');
    expect(idx.get('f1')).toEqual({ id: 'f1', kind: 'feedback', title: 'Feedback from Tom Becker', date: '2026-11-10' });
  });

  it('count evidenced, stale and gap behaviours per level', () => {
    expect(levelCounts(brief)).toEqual([
      { code: 'L1', target: false, behaviours: 3, evidenced: 1, stale: 1, gaps: 1 },
      { code: 'L2', target: true, behaviours: 1, evidenced: 0, stale: 0, gaps: 1 },
    ]);
  });

  it('say where the period starts and keep only the chosen fields of a request', () => {
    expect(sinceNote('last_conversation', '2026-09-01')).toBe('since the last growth conversation (2026-09-01)');
    expect(sinceNote('default', null)).toMatch(/90 days/);
    expect(periodText('2026-08-25', '2026-11-23')).toBe('25 Aug – 23 Nov 2026');
    expect(periodText('2025-12-20', '2026-01-03')).toBe('20 Dec 2025 – 3 Jan 2026');
    expect(cleanRequest({ person: ' ', level: 'L1', target: null, since: '', until: ' 2026-11-01 ' })).toEqual({
      person: null,
      level: 'L1',
      target: null,
      since: null,
      until: '2026-11-01',
    });
  });
});
