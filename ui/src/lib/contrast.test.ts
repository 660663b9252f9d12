// WCAG 2.x contrast of every text colour on every background it is drawn on, in both
// themes, read from the colour variables in app.css (the only place colours are set).
import { describe, expect, it } from 'vitest';
import css from '../app.css?raw';

/** The custom properties declared in the first `:root { … }` after `from` in the CSS. */
function rootVars(from: number): Record<string, string> {
  const start = css.indexOf(':root {', from);
  if (start < 0) throw new Error('no :root block found in app.css');
  const body = css.slice(start, css.indexOf('}', start));
  const vars: Record<string, string> = {};
  for (const m of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars[m[1]] = m[2].trim();
  return vars;
}

const light = rootVars(0);
const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');
const dark = { ...light, ...rootVars(darkAt) };

type Rgb = [number, number, number];

function hex(value: string, name: string): Rgb {
  const m = /^#([0-9a-f]{6})$/i.exec(value);
  if (!m) throw new Error(`${name} is not a #rrggbb colour: ${value}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Text colours and the backgrounds each is drawn on (see the components' styles):
// the page (--bg), cards and inputs (--surface), the sidebar and hovers (--surface-2),
// selected items (--accent-2), error boxes (--danger-2), buttons and toasts.
const plainBackgrounds = ['--bg', '--surface', '--surface-2', '--accent-2'];
const pairs: [string, string][] = [
  ...['--text', '--text-2', '--text-3', '--accent', '--danger', '--pairing', '--feedback', '--learning', '--conversation'].flatMap(
    (fg) => plainBackgrounds.map((bg): [string, string] => [fg, bg]),
  ),
  ['--text-2', '--border'], // sidebar item under the pointer
  ['--text', '--border'],
  ['--danger', '--danger-2'],
  ['--text', '--danger-2'],
  ['--accent-text', '--accent'], // primary buttons, the logo
  ['--bg', '--text'], // toasts
  ['--danger-text', '--danger'], // error toasts
];

describe.each([
  ['light', light],
  ['dark', dark],
])('contrast in the %s theme', (_theme, vars) => {
  it.each(pairs)('%s on %s is at least 4.5:1', (fg, bg) => {
    expect(vars[fg], `${fg} is not declared`).toBeDefined();
    expect(vars[bg], `${bg} is not declared`).toBeDefined();
    const ratio = contrast(hex(vars[fg], fg), hex(vars[bg], bg));
    expect(ratio, `${fg} ${vars[fg]} on ${bg} ${vars[bg]}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(4.5);
  });
});

describe('contrast()', () => {
  it('matches known WCAG ratios', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([255, 255, 255], [255, 255, 255])).toBe(1);
    // #767676 on white is the classic just-passing grey (4.54:1).
    expect(contrast([0x76, 0x76, 0x76], [255, 255, 255])).toBeCloseTo(4.54, 2);
  });
});
