// The follow-ups view's logic: items grouped by the entry they come from, and a tick
// that shows at once and is taken back if the core refuses it.
import type { FollowUpItem } from './generated/types';

export interface FollowUpGroup {
  entry_id: string;
  title: string;
  date: string;
  items: FollowUpItem[];
}

/** Consecutive items of one entry as one group, in the core's order (newest entry first). */
export function groupByEntry(items: FollowUpItem[]): FollowUpGroup[] {
  const groups: FollowUpGroup[] = [];
  const byId = new Map<string, FollowUpGroup>();
  for (const item of items) {
    let g = byId.get(item.entry_id);
    if (!g) {
      g = { entry_id: item.entry_id, title: item.entry_title, date: item.entry_date, items: [] };
      byId.set(item.entry_id, g);
      groups.push(g);
    }
    g.items.push(item);
  }
  return groups;
}

/** Sets `item.done` now, then asks the core; if the core fails, `item.done` goes back to
 *  what it was and the error is thrown to the caller (which shows it). */
export async function tickOptimistically(
  item: { done: boolean },
  done: boolean,
  save: () => Promise<unknown>,
): Promise<void> {
  const before = item.done;
  item.done = done;
  try {
    await save();
  } catch (e) {
    item.done = before;
    throw e;
  }
}
