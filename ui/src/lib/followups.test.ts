import { describe, expect, it } from 'vitest';
import type { FollowUpItem } from './generated/types';
import { groupByEntry, tickOptimistically } from './followups';

const item = (id: string, entry: string, done = false): FollowUpItem => ({
  id,
  entry_id: entry,
  text: `do ${id}`,
  done,
  entry_title: `entry ${entry}`,
  entry_date: entry === 'e1' ? '2026-11-20' : '2026-11-02',
});

describe('follow-ups', () => {
  it('groups items under their entry, in the order given', () => {
    const groups = groupByEntry([item('a', 'e1'), item('b', 'e1'), item('c', 'e2')]);
    expect(groups.map((g) => [g.entry_id, g.title, g.date, g.items.map((i) => i.id)])).toEqual([
      ['e1', 'entry e1', '2026-11-20', ['a', 'b']],
      ['e2', 'entry e2', '2026-11-02', ['c']],
    ]);
    expect(groupByEntry([])).toEqual([]);
  });

  it('ticks at once and keeps the tick when the core agrees', async () => {
    const it1 = item('a', 'e1');
    let seenDuringCall: boolean | undefined;
    await tickOptimistically(it1, true, async () => {
      seenDuringCall = it1.done;
    });
    expect(seenDuringCall).toBe(true);
    expect(it1.done).toBe(true);
  });

  it('takes the tick back and reports the error when the core refuses', async () => {
    const it1 = item('a', 'e1', true);
    await expect(
      tickOptimistically(it1, false, async () => {
        throw new Error('busy');
      }),
    ).rejects.toThrow('busy');
    expect(it1.done).toBe(true);
  });
});
