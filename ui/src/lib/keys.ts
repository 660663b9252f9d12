// Keyboard shortcuts, one place. Ctrl on Linux and Windows, Cmd on macOS.

type Key = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

function mod(e: Key): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey;
}

export const isNewEntry = (e: Key) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'n';
export const isSave = (e: Key) => mod(e) && e.key === 'Enter';
export const isPalette = (e: Key) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'k';

/** Ctrl+F anywhere, or `/` when not typing in a field: go to search. */
export function isFind(e: Key & { target: EventTarget | null }): boolean {
  if (mod(e) && !e.shiftKey && e.key.toLowerCase() === 'f') return true;
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return false;
  const t = e.target;
  return !(t instanceof HTMLElement && (t.isContentEditable || t.closest('input, textarea, select, [contenteditable]')));
}

/** Ctrl+1 … Ctrl+5: the journal, the ladder, people, follow-ups, the brief (as the sidebar lists them). */
export const VIEW_KEYS = ['journal', 'ladder', 'people', 'follow-ups', 'brief'] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];

/** The view a Ctrl+digit asks for (from `code`, so it works on every keyboard layout), or null. */
export function viewShortcut(e: Key & { code?: string }): ViewKey | null {
  if (!mod(e) || e.shiftKey) return null;
  const m = /^Digit([1-5])$/.exec(e.code ?? '') ?? /^([1-5])$/.exec(e.key);
  return m ? VIEW_KEYS[Number(m[1]) - 1] : null;
}

/** Esc leaves the form, except inside the Markdown editor (where it only ends the key's
 *  own use, e.g. closing the editor's completion), so a keyboard user is never thrown
 *  out of a half-written entry. */
export function leavesForm(e: Key & { target: EventTarget | null }): boolean {
  if (e.key !== 'Escape') return false;
  const t = e.target;
  return !(t instanceof Element && t.closest('.cm-editor'));
}
