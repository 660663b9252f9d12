// The coverage heatmap's geometry and scale, kept out of the component so they can be
// tested: behaviours are rows grouped under level and section headings, months are
// columns, and a cell's shade is its evidence count relative to the busiest cell.
import type { Heatmap, HeatmapRow } from './generated/types';

/** Sizes in SVG user units (pixels at 1:1). */
export const GEOMETRY = {
  /** Width of the behaviour labels on the left. */
  labelWidth: 340,
  cell: 24,
  gap: 3,
  /** Height of the month labels on top. */
  headHeight: 38,
  /** Height of a level or a section heading row. */
  levelHeight: 30,
  sectionHeight: 24,
};

/** The shades a count falls into: 0 for none, 1–4 from a little to the most. */
export const SHADES = 4;

/** The shade of `count` when the busiest cell holds `max`: 0 only for no evidence, and
 *  the busiest cell always the darkest, so one entry is never mistaken for none. */
export function shade(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(SHADES, Math.max(1, Math.ceil((count / max) * SHADES)));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11" → "Nov 2026". */
export function monthName(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** "3 entries", "1 entry", "no entries". */
export function entriesText(count: number): string {
  if (count === 0) return 'no entries';
  return count === 1 ? '1 entry' : `${count} entries`;
}

/** What a screen reader says for a cell: "L1.2.4 Writes KB articles, 2026-10: 3 entries". */
export function cellLabel(row: Pick<HeatmapRow, 'behaviour' | 'text'>, month: string, count: number): string {
  return `${row.behaviour} ${row.text}, ${month}: ${entriesText(count)}`;
}

/** `text` cut to `max` characters at a word where it can be, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface MonthColumn {
  month: string;
  x: number;
  /** "Nov"; the year shows under the first column and under every January. */
  short: string;
  year: string;
}

export interface Heading {
  kind: 'level' | 'section';
  text: string;
  y: number;
}

export interface CellBox {
  x: number;
  count: number;
  shade: number;
  label: string;
}

export interface RowBox {
  /** Index into the heatmap's rows. */
  index: number;
  y: number;
  row: HeatmapRow;
  cells: CellBox[];
}

export interface Layout {
  width: number;
  height: number;
  max: number;
  months: MonthColumn[];
  headings: Heading[];
  rows: RowBox[];
}

/** Where everything goes. A level heading opens each level, a section heading each
 *  section within it, in the order the rows come (the core's ladder order). */
export function layout(h: Heatmap, g = GEOMETRY): Layout {
  const step = g.cell + g.gap;
  const max = Math.max(0, ...h.rows.flatMap((r) => r.cells.map((c) => c.count)));
  const months = h.months.map((month, i) => {
    const [year, m] = month.split('-');
    return {
      month,
      x: g.labelWidth + i * step,
      short: MONTHS[Number(m) - 1] ?? m,
      year: i === 0 || m === '01' ? year : '',
    };
  });
  const headings: Heading[] = [];
  const rows: RowBox[] = [];
  let y = g.headHeight;
  let level: string | null = null;
  let section: string | null = null;
  h.rows.forEach((row, index) => {
    if (row.level !== level) {
      level = row.level;
      section = null;
      headings.push({ kind: 'level', text: row.level, y });
      y += g.levelHeight;
    }
    if (row.section !== section) {
      section = row.section;
      headings.push({ kind: 'section', text: row.section, y });
      y += g.sectionHeight;
    }
    rows.push({
      index,
      y,
      row,
      cells: row.cells.map((c, i) => ({
        x: g.labelWidth + i * step,
        count: c.count,
        shade: shade(c.count, max),
        label: cellLabel(row, h.months[i], c.count),
      })),
    });
    y += step;
  });
  return {
    width: g.labelWidth + Math.max(1, h.months.length) * step,
    height: y + g.gap,
    max,
    months,
    headings,
    rows,
  };
}

/** The cell the arrow keys, Home and End move to from (row, col) in a rows × cols grid
 *  (null for any other key). Moves stop at the edges. */
export function move(
  at: { row: number; col: number },
  key: string,
  rows: number,
  cols: number,
): { row: number; col: number } | null {
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(at.row - 1, rows), col: at.col };
    case 'ArrowDown':
      return { row: clamp(at.row + 1, rows), col: at.col };
    case 'ArrowLeft':
      return { row: at.row, col: clamp(at.col - 1, cols) };
    case 'ArrowRight':
      return { row: at.row, col: clamp(at.col + 1, cols) };
    case 'Home':
      return { row: at.row, col: 0 };
    case 'End':
      return { row: at.row, col: cols - 1 };
    default:
      return null;
  }
}
