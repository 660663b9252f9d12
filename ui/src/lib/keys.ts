// Keyboard shortcuts, one place. Ctrl on Linux and Windows, Cmd on macOS.

type Key = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

function mod(e: Key): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey;
}

export const isNewEntry = (e: Key) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'n';
export const isSave = (e: Key) => mod(e) && e.key === 'Enter';
export const isEscape = (e: Key) => e.key === 'Escape';
