// A search hit's snippet as text segments, marked or not, so the view renders them as
// text nodes and <mark> elements: never as HTML. The core sends HTML-escaped text with
// the matches in <mark>…</mark>; we undo exactly that escaping and split at the marks.
// Anything else that looks like a tag stays literal text, so even a snippet the core
// had failed to escape could not inject markup.

export interface Segment {
  text: string;
  mark: boolean;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Undoes HTML escaping: the five named entities and numeric ones; unknown ones stay. */
export function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITY[name.toLowerCase()] ?? whole;
  });
}

/** `a <mark>b</mark> c` → [{a }, {b, mark}, { c}], adjacent equal segments merged,
 *  empty ones dropped; an unclosed <mark> marks to the end, a stray </mark> is ignored. */
export function segments(html: string): Segment[] {
  const out: Segment[] = [];
  let mark = false;
  for (const piece of html.split(/(<\/?mark>)/i)) {
    const tag = piece.toLowerCase();
    if (tag === '<mark>') mark = true;
    else if (tag === '</mark>') mark = false;
    else if (piece) {
      const text = unescapeHtml(piece);
      const last = out[out.length - 1];
      if (last && last.mark === mark) last.text += text;
      else out.push({ text, mark });
    }
  }
  return out;
}
