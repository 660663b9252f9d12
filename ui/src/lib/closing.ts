// Work that must finish before the window closes (a draft not yet saved). The window's
// close request waits for every registered flush, then the window closes.
import { getCurrentWindow } from '@tauri-apps/api/window';

const flushes = new Set<() => Promise<void>>();

/** Runs `flush` before the window closes; returns the unregister function. */
export function beforeClose(flush: () => Promise<void>): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

/** Listens for the window's close request: every registered flush (errors are the
 *  flush's own business), then let it close. */
export async function guardClose(): Promise<void> {
  await getCurrentWindow().onCloseRequested(async () => {
    await Promise.allSettled([...flushes].map((f) => f()));
  });
}
