// The demo journal as the app knows it: asked from the core whenever the journal view
// opens and after loading or removing the demo, never kept from startup, so the offer to
// load it (an empty journal) and to remove it (demo entries present) are always right.
import { api, type DemoSummary } from './api';

export const demo = $state({ empty: false, entries: 0 });

/** Asks the core again. */
export async function refreshDemo(): Promise<void> {
  const s = await api.demoStatus();
  demo.empty = s.empty;
  demo.entries = s.demo_entries;
}

/** Loads the demo into the empty journal. */
export async function loadDemo(): Promise<DemoSummary> {
  try {
    return await api.loadDemo();
  } finally {
    await refreshDemo();
  }
}

/** Removes the demo; the user's entries (and demo entries they changed) stay. */
export async function removeDemo(): Promise<DemoSummary> {
  try {
    return await api.removeDemo();
  } finally {
    await refreshDemo();
  }
}

/** "Removed the demo journal: 64 entries, 9 people." plus what was kept. */
export function removedMessage(s: DemoSummary): string {
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const kept = s.kept ? ` Kept ${n(s.kept, 'demo entry you changed', 'demo entries you changed')}: ${s.kept === 1 ? 'it is' : 'they are'} yours now.` : '';
  return `Removed the demo journal: ${n(s.entries, 'entry', 'entries')}, ${n(s.people, 'person', 'people')}.${kept}`;
}
