// Autocomplete ranking: names that start with what was typed first, then names with a
// word that does, then names that contain it; case-insensitive; already-chosen excluded.

export function rank(options: string[], typed: string, exclude: string[] = [], limit = 8): string[] {
  const t = typed.trim().toLowerCase();
  const skip = new Set(exclude.map((x) => x.toLowerCase()));
  const scored: Array<[number, string]> = [];
  for (const o of options) {
    const l = o.toLowerCase();
    if (skip.has(l)) continue;
    let score: number;
    if (!t) score = 3;
    else if (l.startsWith(t)) score = 0;
    else if (l.split(/[\s\-_/]+/).some((w) => w.startsWith(t))) score = 1;
    else if (l.includes(t)) score = 2;
    else continue;
    scored.push([score, o]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, limit).map(([, o]) => o);
}
