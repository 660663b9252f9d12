// Which view is on screen. A tiny in-memory router: the app has no URLs to share.
import type { Kind } from './generated/types';

export type View =
  | { name: 'journal' }
  | { name: 'entry'; id: string }
  | { name: 'capture'; kind?: Kind; editId?: string }
  | { name: 'trash' };

export const nav = $state<{ view: View; stack: View[] }>({ view: { name: 'journal' }, stack: [] });

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
