// The command palette's registry: every view and action the palette can run. Any module
// adds its own (a view while it is on screen, the app for navigation and new entries)
// with `register`, and removes them with the function it returns; the palette reads
// them afresh each time it opens. `filterCommands` is its fuzzy match.

export interface PaletteCommand {
  /** Unique among all commands (also the option's DOM id suffix). */
  id: string;
  title: string;
  /** Heading it is listed under: "Go to", "New", "Saved searches", "Journal"… */
  group: string;
  /** The keyboard shortcut, as shown ("Ctrl N"). */
  shortcut?: string;
  /** More words it is found by ("add write" for a new entry). */
  keywords?: string;
  run: () => void | Promise<void>;
}

type Source = () => PaletteCommand[];

const sources = new Map<string, Source>();

/** Adds `source`'s commands (a list, or a function read when the palette opens) under
 *  `key`, replacing what was registered under it; returns the function that removes them. */
export function register(key: string, source: PaletteCommand[] | Source): () => void {
  const fn: Source = typeof source === 'function' ? source : () => source;
  sources.set(key, fn);
  return () => {
    if (sources.get(key) === fn) sources.delete(key);
  };
}

/** Every command registered now, in registration order. */
export function allCommands(): PaletteCommand[] {
  return [...sources.values()].flatMap((s) => s());
}

export interface Match {
  command: PaletteCommand;
  score: number;
  /** Indices into the title of the characters matched (for highlighting). */
  indices: number[];
}

const isWordStart = (s: string, i: number) => i === 0 || /[\s\-_/:.(]/.test(s[i - 1]);

/** Fuzzy match of `query` (its letters in order, not necessarily adjacent) in `text`:
 *  null if absent, else a score that favours matches at word starts, runs of adjacent
 *  letters and an early start. */
export function fuzzy(query: string, text: string): { score: number; indices: number[] } | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const t = text.toLowerCase();
  if (!q) return { score: 0, indices: [] };
  // Each letter where it starts a word or continues the previous match, when it can;
  // if that greedy choice runs out of text, the leftmost match (always found if any is).
  const indices = place(q, t, true) ?? place(q, t, false);
  if (!indices) return null;
  let score = t.startsWith(q) ? 5 : 0;
  indices.forEach((at, k) => {
    score += isWordStart(t, at) ? 4 : 1;
    const prev = indices[k - 1];
    if (prev !== undefined) score += at === prev + 1 ? 2 : -Math.min(3, (at - prev - 1) * 0.25);
  });
  return { score: score - indices[0] * 0.05, indices };
}

function place(q: string, t: string, preferStarts: boolean): number[] | null {
  const indices: number[] = [];
  let from = 0;
  for (const c of q) {
    let at = -1;
    for (let i = from; i < t.length; i++) {
      if (t[i] !== c) continue;
      if (at < 0) at = i;
      if (!preferStarts || isWordStart(t, i) || i === from) {
        at = i;
        break;
      }
    }
    if (at < 0) return null;
    indices.push(at);
    from = at + 1;
  }
  return indices;
}

/** The commands matching `query`, best first (ties keep registration order). A command
 *  matched only through its group or keywords ranks below title matches. */
export function filterCommands(commands: PaletteCommand[], query: string): Match[] {
  if (!query.trim()) return commands.map((command) => ({ command, score: 0, indices: [] }));
  const out: Match[] = [];
  for (const command of commands) {
    const inTitle = fuzzy(query, command.title);
    if (inTitle) {
      out.push({ command, score: inTitle.score + 10, indices: inTitle.indices });
      continue;
    }
    const other = [command.group, command.keywords ?? '']
      .map((text) => fuzzy(query, text)?.score)
      .filter((s) => s !== undefined);
    if (other.length) out.push({ command, score: Math.max(...other), indices: [] });
  }
  return out
    .map((m, i) => ({ m, i }))
    .sort((a, b) => b.m.score - a.m.score || a.i - b.i)
    .map(({ m }) => m);
}
