import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { CommandError, type SearchRequest, type SearchResults } from '../lib/api';

// The core as the search view sees it: `search` answers when the test says so.
const { api, pending } = vi.hoisted(() => {
  const pending: Array<{ req: SearchRequest; resolve: (r: SearchResults) => void }> = [];
  return {
    pending,
    api: {
      search: vi.fn((req: SearchRequest) => new Promise<SearchResults>((resolve) => pending.push({ req, resolve }))),
      ladder: vi.fn(async () => ({ levels: [] })),
      savedSearches: vi.fn(async () => []),
      saveSearch: vi.fn(),
    },
  };
});
vi.mock('../lib/api', () => ({
  api,
  CommandError: class extends Error {
    code: string;
    constructor(e: { code: string; message: string }) {
      super(e.message);
      this.code = e.code;
    }
  },
}));

import { nav } from '../lib/nav.svelte';
import { NO_FILTERS, saved, searchView } from '../lib/search.svelte';
import Search from './Search.svelte';

function answer(titles: string[], facets: Partial<SearchResults['facets']> = {}): SearchResults {
  return {
    total: titles.length,
    hits: titles.map((t) => ({
      id: `id-${t}`,
      kind: 'learning',
      title: t,
      date: '2026-11-20',
      score: 1,
      snippet: `about <mark>${t}</mark> &lt;b&gt;`,
      title_html: `<mark>${t}</mark>`,
    })),
    facets: { kind: {}, person: {}, tag: {}, behaviour: {}, level: {}, month: {}, ...facets },
  };
}

const shownTitles = () => screen.queryAllByTestId('hit-title').map((t) => t.textContent);

beforeAll(() => {
  Element.prototype.scrollIntoView ??= () => {};
});
beforeEach(() => {
  Object.assign(searchView, { query: '', filters: { ...NO_FILTERS }, sort: 'relevance', active: -1 });
  nav.view = { name: 'search' };
  nav.stack = [{ name: 'journal' }];
  pending.length = 0;
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('Search', () => {
  it('a late answer to older text never replaces the answer to newer text', async () => {
    const user = userEvent.setup();
    render(Search);
    const input = screen.getByTestId('search-input');
    const asked = (q: string) => pending.find((p) => p.req.query === q);
    await user.type(input, 'ce');
    await waitFor(() => expect(asked('ce')).toBeTruthy());
    await user.type(input, 'rt');
    await waitFor(() => expect(asked('cert')).toBeTruthy());
    asked('cert')!.resolve(answer(['cert-manager']));
    await waitFor(() => expect(shownTitles()).toEqual(['cert-manager']));
    for (const p of pending) if (p.req.query !== 'cert') p.resolve(answer(['ceph', 'certbot']));
    await new Promise((r) => setTimeout(r, 20));
    expect(shownTitles()).toEqual(['cert-manager']);
    // The snippet's markup from the entry stays text; the match is a <mark>.
    const snippet = screen.getByTestId('hit-snippet');
    expect(snippet.querySelector('b')).toBeNull();
    expect(snippet.textContent).toBe('about cert-manager <b>');
    expect(snippet.querySelector('mark')?.textContent).toBe('cert-manager');
  });

  it('arrows move the active result, Enter opens it, Esc clears then leaves', async () => {
    const user = userEvent.setup();
    render(Search);
    const input = screen.getByTestId('search-input');
    await user.type(input, 'tls');
    await waitFor(() => expect(pending).toHaveLength(1));
    pending[0].resolve(answer(['one', 'two', 'three']));
    await waitFor(() => expect(shownTitles()).toHaveLength(3));
    expect(input.getAttribute('aria-activedescendant')).toBe('hit-0');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(input.getAttribute('aria-activedescendant')).toBe('hit-1');
    expect(screen.getAllByRole('option')[1].getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    expect(nav.view).toEqual({ name: 'entry', id: 'id-two' });

    nav.view = { name: 'search' };
    nav.stack = [{ name: 'journal' }];
    input.focus();
    await user.keyboard('{Escape}');
    expect(searchView.query).toBe('');
    expect(nav.view).toEqual({ name: 'search' });
    await user.keyboard('{Escape}');
    expect(nav.view).toEqual({ name: 'journal' });
  });

  it('a facet value filters at once and shows as a removable chip; no match offers to drop filters', async () => {
    const user = userEvent.setup();
    render(Search);
    await user.type(screen.getByTestId('search-input'), 'proxy');
    await waitFor(() => expect(pending).toHaveLength(1));
    pending[0].resolve(answer(['a', 'b'], { person: { 'Tom Becker': 2 }, tag: { tls: 1 } }));
    const tom = await screen.findByRole('button', { name: /Tom Becker/ });
    expect(tom.textContent).toContain('2');
    await user.click(tom);
    await waitFor(() => expect(pending).toHaveLength(2));
    expect(pending[1].req).toMatchObject({ query: 'proxy', person: 'Tom Becker' });
    pending[1].resolve(answer([]));
    await screen.findByTestId('search-none');
    expect(screen.getByRole('heading', { name: 'No entries match “proxy”' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove filter Tom Becker' })).toBeTruthy();
    await user.click(screen.getByTestId('clear-filters'));
    await waitFor(() => expect(pending).toHaveLength(3));
    expect(pending[2].req.person).toBeNull();
  });

  it('months with results are listed newest first with counts; a month sets From and To to it', async () => {
    const user = userEvent.setup();
    render(Search);
    await user.type(screen.getByTestId('search-input'), 'proxy');
    await waitFor(() => expect(pending).toHaveLength(1));
    // Fourteen months: twelve shown, the rest behind "Show all".
    const month: Record<string, number> = { '2024-02': 0 };
    for (let i = 0; i < 14; i++) {
      const d = new Date(Date.UTC(2025, i, 1));
      month[`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`] = i + 1;
    }
    pending[0].resolve(answer(['a'], { month }));
    await screen.findByRole('list', { name: 'Months' });
    const shown = () => screen.getAllByTestId('facet-month');
    expect(shown().map((b) => b.dataset.value)).toEqual([
      '2026-02', '2026-01', '2025-12', '2025-11', '2025-10', '2025-09',
      '2025-08', '2025-07', '2025-06', '2025-05', '2025-04', '2025-03',
    ]);
    expect(shown()[0].textContent).toContain('Feb 2026');
    expect(shown()[0].textContent).toContain('14');
    await user.click(screen.getByRole('button', { name: 'Show all 14' }));
    expect(shown().map((b) => b.dataset.value).slice(-2)).toEqual(['2025-02', '2025-01']);
    // February 2026 has 28 days.
    await user.click(shown()[0]);
    await waitFor(() => expect(pending).toHaveLength(2));
    expect(pending[1].req).toMatchObject({ query: 'proxy', since: '2026-02-01', until: '2026-02-28' });
    pending[1].resolve(answer(['a'], { month: { '2026-02': 14 } }));
    await waitFor(() => expect(shown()[0].getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByRole('button', { name: /^Remove filter From / })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Remove filter To / })).toBeTruthy();
    // Choosing it again clears both dates.
    await user.click(shown()[0]);
    await waitFor(() => expect(pending).toHaveLength(3));
    expect(pending[2].req).toMatchObject({ since: null, until: null });
  });

  it('saving under a taken name asks "Replace saved search NAME?" and replaces only when told', async () => {
    const user = userEvent.setup();
    saved.list = [{ name: 'Proxy errors', request: { query: 'proxy' } as SearchRequest, updated_at: '2026-11-20' }];
    const taken = { code: 'conflict', message: 'a saved search named "Proxy errors" already exists' };
    api.saveSearch.mockImplementation(async (_name: string, request: SearchRequest, replace?: boolean) => {
      if (!replace) throw new CommandError(taken as never);
      return { name: 'Proxy errors', request, updated_at: '2026-11-21' };
    });
    render(Search);
    await user.type(screen.getByTestId('search-input'), 'x509');
    await waitFor(() => expect(pending).toHaveLength(1));
    pending[0].resolve(answer(['a']));
    await user.click(screen.getByTestId('save-search'));
    const name = screen.getByTestId('save-name');
    await user.clear(name);
    await user.type(name, 'proxy ERRORS{Enter}');
    // Asked about the stored name; nothing replaced yet; Replace has the focus.
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Replace saved search “Proxy errors”?');
    expect(api.saveSearch).toHaveBeenCalledTimes(1);
    expect(api.saveSearch.mock.calls[0][2]).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('save-replace')));
    // "Choose another name" goes back to the name, nothing saved.
    await user.click(screen.getByTestId('save-rename'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((screen.getByTestId('save-name') as HTMLInputElement).value).toBe('proxy ERRORS');
    // Asked again, and this time replaced.
    await user.click(screen.getByTestId('save-confirm'));
    await user.click(await screen.findByTestId('save-replace'));
    await waitFor(() => expect(api.saveSearch).toHaveBeenCalledTimes(3));
    expect(api.saveSearch.mock.calls[2][0]).toBe('proxy ERRORS');
    expect(api.saveSearch.mock.calls[2][1]).toMatchObject({ query: 'x509' });
    expect(api.saveSearch.mock.calls[2][2]).toBe(true);
    await waitFor(() => expect(screen.queryByTestId('save-name')).toBeNull());
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('with no words and no filter it asks nothing and shows hints', async () => {
    render(Search);
    expect(await screen.findByTestId('search-idle')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 120));
    expect(api.search).not.toHaveBeenCalled();
  });
});
