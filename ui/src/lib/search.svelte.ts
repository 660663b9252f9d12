// The search view's state, kept here rather than in the view so that opening a result
// and coming back shows the same query, filters and highlighted row; the saved searches
// the sidebar lists; and the few recent queries the empty search view offers again.
import { api, type Kind, type SavedSearch, type SearchRequest, type Sort } from './api';
import { go, nav } from './nav.svelte';

export interface SearchFilters {
  kind: Kind | null;
  person: string | null;
  tag: string | null;
  behaviour: string | null;
  level: string | null;
  since: string;
  until: string;
}

export const NO_FILTERS: SearchFilters = {
  kind: null,
  person: null,
  tag: null,
  behaviour: null,
  level: null,
  since: '',
  until: '',
};

export const searchView = $state<{ query: string; filters: SearchFilters; sort: Sort; active: number }>({
  query: '',
  filters: { ...NO_FILTERS },
  sort: 'relevance',
  active: -1,
});

/** Whether any filter is set. */
export function filtered(f: SearchFilters): boolean {
  return Object.values(f).some((v) => v !== null && v !== '');
}

/** The core's request for a query, filters and sort (a page of `limit` from `offset`). */
export function toRequest(query: string, f: SearchFilters, sort: Sort, limit: number, offset = 0): SearchRequest {
  return {
    query,
    kind: f.kind,
    person: f.person,
    tag: f.tag,
    behaviour: f.behaviour,
    level: f.level,
    since: f.since || null,
    until: f.until || null,
    sort,
    limit,
    offset: offset || null,
  };
}

/** Puts a saved request on screen (the view reruns it). */
export function applyRequest(r: SearchRequest): void {
  searchView.query = r.query ?? '';
  searchView.sort = r.sort ?? 'relevance';
  searchView.filters = {
    kind: r.kind ?? null,
    person: r.person ?? null,
    tag: r.tag ?? null,
    behaviour: r.behaviour ?? null,
    level: r.level ?? null,
    since: r.since ?? '',
    until: r.until ?? '',
  };
  searchView.active = -1;
}

export const saved = $state<{ list: SavedSearch[]; loaded: boolean }>({ list: [], loaded: false });

export async function loadSaved(): Promise<void> {
  saved.list = await api.savedSearches();
  saved.loaded = true;
}

/** Reruns a saved search in the search view. */
export function runSaved(s: SavedSearch): void {
  applyRequest(s.request);
  if (nav.view.name !== 'search') go({ name: 'search' });
}

// ---- recent queries (the window's storage, kept per journal; not journal data) ----

let recentKey = 'rungs.recent-searches';

/** Keeps recent queries apart per journal (the app's storage is shared by all). */
export function scopeRecent(dataDir: string): void {
  recentKey = `rungs.recent-searches:${dataDir}`;
}

export function forgetRecent(): void {
  localStorage.removeItem(recentKey);
}
const RECENT_MAX = 6;

export function recentSearches(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(recentKey) ?? '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

/** Remembers `query` as the most recent (once, case-insensitively). */
export function rememberSearch(query: string): void {
  const q = query.trim();
  if (!q) return;
  const rest = recentSearches().filter((x) => x.toLowerCase() !== q.toLowerCase());
  try {
    localStorage.setItem(recentKey, JSON.stringify([q, ...rest].slice(0, RECENT_MAX)));
  } catch {
    // storage full or unavailable: recent searches are a convenience
  }
}
