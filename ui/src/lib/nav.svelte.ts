// Which view is on screen. A tiny in-memory router: the app has no URLs to share.
import type { Kind } from './generated/types';

export type View =
  | { name: 'journal' }
  | { name: 'entry'; id: string }
  | { name: 'capture'; kind?: Kind; editId?: string; person?: string }
  | { name: 'trash' }
  | { name: 'ladder' }
  | { name: 'people' }
  | { name: 'follow-ups' }
  | { name: 'search' }
  | { name: 'brief' };

export const nav = $state<{ view: View; stack: View[] }>({ view: { name: 'journal' }, stack: [] });

/** What the journal view looked like when it was left, so coming back from an entry
 *  shows the same filters, the same scroll position and the same focused row. */
export interface JournalViewState {
  kind: Kind | '';
  person: string;
  tag: string;
  since: string;
  until: string;
  scrollTop: number;
  /** The row that had focus (or was opened), -1 for none. */
  focused: number;
}

export const journalView = $state<JournalViewState>({
  kind: '',
  person: '',
  tag: '',
  since: '',
  until: '',
  scrollTop: 0,
  focused: -1,
});

export function go(view: View): void {
  nav.stack.push(nav.view);
  nav.view = view;
}

export function back(): void {
  nav.view = nav.stack.pop() ?? { name: 'journal' };
}

export function home(): void {
  nav.stack = [];
  nav.view = { name: 'journal' };
}
