import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { EvidenceEntry, Heatmap as HeatmapData } from '../lib/api';
import Heatmap from './Heatmap.svelte';

afterEach(cleanup);

const e = (id: string, date: string): EvidenceEntry => ({ id, kind: 'pairing', title: `Session ${id}`, date, snippet: '' });

// Two behaviours × three months: one month with one entry, one with two, the rest empty.
const data: HeatmapData = {
  months: ['2026-09', '2026-10', '2026-11'],
  rows: [
    {
      behaviour: 'L1.2.4',
      text: 'Writes KB articles',
      level: 'L1',
      section: 'Support',
      cells: [
        { count: 0, entries: [] },
        { count: 1, entries: [e('a', '2026-10-03')] },
        { count: 0, entries: [] },
      ],
    },
    {
      behaviour: 'L1.2.5',
      text: 'Keeps people informed',
      level: 'L1',
      section: 'Support',
      cells: [
        { count: 0, entries: [] },
        { count: 0, entries: [] },
        { count: 2, entries: [e('b', '2026-11-20'), e('c', '2026-11-02')] },
      ],
    },
  ],
};

const cells = () => screen.getAllByRole('gridcell');

describe('Heatmap', () => {
  it('labels every cell with behaviour, month and count, and is one tab stop', () => {
    render(Heatmap, { heatmap: data, onopen: vi.fn() });
    expect(cells().map((c) => c.getAttribute('aria-label'))).toEqual([
      'L1.2.4 Writes KB articles, 2026-09: no entries',
      'L1.2.4 Writes KB articles, 2026-10: 1 entry',
      'L1.2.4 Writes KB articles, 2026-11: no entries',
      'L1.2.5 Keeps people informed, 2026-09: no entries',
      'L1.2.5 Keeps people informed, 2026-10: no entries',
      'L1.2.5 Keeps people informed, 2026-11: 2 entries',
    ]);
    expect(cells().filter((c) => c.getAttribute('tabindex') === '0')).toHaveLength(1);
    expect(screen.getAllByRole('row')).toHaveLength(2);
  });

  it('moves with the arrows and opens a single entry with Enter', async () => {
    const user = userEvent.setup();
    const onopen = vi.fn();
    render(Heatmap, { heatmap: data, onopen });
    cells()[0].focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(cells()[1]);
    expect(cells()[1].getAttribute('tabindex')).toBe('0');
    // Focus lists the month's entries.
    expect(screen.getByRole('tooltip').textContent).toContain('Session a');
    await user.keyboard('{Enter}');
    expect(onopen).toHaveBeenCalledWith('a');
  });

  it('lists a month of several entries to pick from on a click, and Esc closes the list', async () => {
    const user = userEvent.setup();
    const onopen = vi.fn();
    render(Heatmap, { heatmap: data, onopen });
    await user.click(cells()[5]);
    expect(onopen).not.toHaveBeenCalled();
    const list = screen.getByRole('dialog');
    expect(list.textContent).toContain('2 entries');
    await user.click(screen.getByRole('button', { name: /Session c/ }));
    expect(onopen).toHaveBeenCalledWith('c');
    cells()[5].focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('does nothing on an empty month', async () => {
    const user = userEvent.setup();
    const onopen = vi.fn();
    render(Heatmap, { heatmap: data, onopen });
    await user.click(cells()[0]);
    expect(onopen).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
