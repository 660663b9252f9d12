// Short messages at the bottom of the window, some with an action (Undo).

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
}

export const toasts = $state<Toast[]>([]);
let next = 1;

export function toast(text: string, opts: Partial<Omit<Toast, 'id' | 'text'>> = {}, ms = 5000): void {
  const id = next++;
  // Two at most: a newer message replaces the oldest rather than covering the window.
  while (toasts.length >= 2) toasts.shift();
  toasts.push({ id, text, tone: opts.tone ?? 'info', action: opts.action });
  setTimeout(() => dismiss(id), ms);
}

export function dismiss(id: number): void {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}
