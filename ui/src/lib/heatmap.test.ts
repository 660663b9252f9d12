import { describe, expect, it } from 'vitest';
import type { EvidenceEntry, Heatmap, HeatmapRow } from './generated/types';
import { cellLabel, clip, entriesText, GEOMETRY as G, layout, monthName, move, shade } from './heatmap';

function entry(n: number, date: string): EvidenceEntry {
  return { id: `e${n}`, kind: 'pairing', title: `Entry ${n}`, date, snippet: '' };
}

function row(behaviour: string, level: string, section: string, counts: number[]): HeatmapRow {
  return {
    behaviour,
    text: `Text of ${behaviour}`,
    level,
    section,
    cells: counts.map((count, i) => ({
      count,
      entries: Array.from({ length: count }, (_, k) => entry(k, `2026-${String(10 + i).padStart(2, '0')}-01`)),
    })),
  };
}

const months = ['2026-10', '2026-11', '2026-12', '2027-01'];
const map: Heatmap = {
  months,
  rows: [
    row('L1.1.1', 'L1', 'Impact', [0, 1, 0, 2]),
    row('L1.1.2', 'L1', 'Impact', [0, 0, 0, 0]),
    row('L1.2.1', 'L1', 'Support', [8, 0, 3, 0]),
    row('L2.1.1', 'L2', 'Impact', [0, 4, 0, 0]),
  ],
};

describe('shade', () => {
  it('is 0 only for no evidence and 4 for the busiest cell', () => {
    expect(shade(0, 8)).toBe(0);
    expect(shade(1, 8)).toBe(1);
    expect(shade(2, 8)).toBe(1);
    expect(shade(3, 8)).toBe(2);
    expect(shade(5, 8)).toBe(3);
    expect(shade(8, 8)).toBe(4);
    // A single entry in the busiest cell is the darkest shade, not a faint one.
    expect(shade(1, 1)).toBe(4);
    expect(shade(0, 0)).toBe(0);
  });
});

describe('labels', () => {
  it('say the behaviour, the month and the count in words', () => {
    expect(cellLabel({ behaviour: 'L1.2.4', text: 'Writes KB articles' }, '2026-10', 3)).toBe(
      'L1.2.4 Writes KB articles, 2026-10: 3 entries',
    );
    expect(entriesText(1)).toBe('1 entry');
    expect(entriesText(0)).toBe('no entries');
    expect(monthName('2026-01')).toBe('Jan 2026');
  });

  it('clips long behaviour texts at a word', () => {
    expect(clip('short', 10)).toBe('short');
    const c = clip('I document what I learn to help others and build shared knowledge', 30);
    expect(c.length).toBeLessThanOrEqual(30);
    expect(c).toBe('I document what I learn to…');
  });
});

describe('layout', () => {
  const l = layout(map);

  it('opens every level and every section with a heading, in row order', () => {
    expect(l.headings.map((h) => `${h.kind}:${h.text}`)).toEqual([
      'level:L1',
      'section:Impact',
      'section:Support',
      'level:L2',
      'section:Impact',
    ]);
    // Headings and rows never overlap and go down the page in order.
    const ys = [...l.headings.map((h) => h.y), ...l.rows.map((r) => r.y)].sort((a, b) => a - b);
    expect(new Set(ys).size).toBe(ys.length);
    expect(l.rows[0].y).toBe(G.headHeight + G.levelHeight + G.sectionHeight);
    expect(l.rows[1].y - l.rows[0].y).toBe(G.cell + G.gap);
    expect(l.height).toBeGreaterThan(l.rows[3].y + G.cell);
  });

  it('puts one column per month right of the labels, the year on the first and on January', () => {
    expect(l.months.map((m) => m.x)).toEqual([0, 1, 2, 3].map((i) => G.labelWidth + i * (G.cell + G.gap)));
    expect(l.months.map((m) => `${m.short} ${m.year}`.trim())).toEqual(['Oct 2026', 'Nov', 'Dec', 'Jan 2027']);
    expect(l.width).toBe(G.labelWidth + 4 * (G.cell + G.gap));
  });

  it('shades every cell against the busiest one and labels it', () => {
    expect(l.max).toBe(8);
    expect(l.rows[2].cells.map((c) => c.shade)).toEqual([4, 0, 2, 0]);
    expect(l.rows[0].cells[3].label).toBe('L1.1.1 Text of L1.1.1, 2027-01: 2 entries');
    expect(l.rows[1].cells.every((c) => c.shade === 0)).toBe(true);
  });

  it('is empty but valid for a heatmap with no rows', () => {
    const e = layout({ months: ['2026-11'], rows: [] });
    expect(e.rows).toEqual([]);
    expect(e.max).toBe(0);
    expect(e.height).toBe(G.headHeight + G.gap);
  });
});

describe('move', () => {
  it('walks the grid with the arrow keys and stops at its edges', () => {
    expect(move({ row: 0, col: 0 }, 'ArrowDown', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(move({ row: 0, col: 0 }, 'ArrowUp', 3, 4)).toEqual({ row: 0, col: 0 });
    expect(move({ row: 2, col: 3 }, 'ArrowRight', 3, 4)).toEqual({ row: 2, col: 3 });
    expect(move({ row: 1, col: 2 }, 'Home', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(move({ row: 1, col: 0 }, 'End', 3, 4)).toEqual({ row: 1, col: 3 });
    expect(move({ row: 1, col: 1 }, 'a', 3, 4)).toBeNull();
  });
});
