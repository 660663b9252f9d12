import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import type { Entry, ListFilter } from '../lib/api';
import { allCommands } from '../lib/commands';
import { journalView } from '../lib/nav.svelte';

// The core as the journal sees it: one learning and one pairing entry, filtered by kind.
const { api } = vi.hoisted(() => ({
  api: {
    listEntries: vi.fn(),
    people: vi.fn(async () => []),
    tags: vi.fn(async () => []),
    demoStatus: vi.fn(async () => ({ empty: false, demo_entries: 0 })),
  },
}));
vi.mock('../lib/api', () => ({ api }));
// jsdom has no layout: no scrolling either, and the list's measured height (bind:clientHeight) needs the observer to exist.
vi.stubGlobal(
  'ResizeObserver',
  class {
    observe() {}
    unobserve() {}
    disconnect() {}
  },
);
Element.prototype.scrollTo = function () {};

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const entry = (id: string, kind: 'learning' | 'pairing', title: string) =>
  ({
    id,
    title,
    date: '2026-11-20',
    time: null,
    created_at: '2026-11-20T09:00:00Z',
    updated_at: '2026-11-20T09:00:00Z',
    revision: 1,
    deleted_at: null,
    demo: false,
    tags: [],
    behaviours: [],
    kind,
    ...(kind === 'learning' ? { body: 'x', source: null } : { notes: 'x', learned: null, partners: [], minutes: null, follow_ups: [] }),
  }) as unknown as Entry;

describe('Journal palette commands', () => {
  it('offers the kind filters and Clear while on screen, and running one filters the list', async () => {
    const all = [entry('a', 'learning', 'Read the tracing RFC'), entry('b', 'pairing', 'Pairing on the parser')];
    api.listEntries.mockImplementation(async (f: ListFilter) => {
      const entries = all.filter((e) => !f.kind || e.kind === f.kind);
      return { entries, total: entries.length };
    });
    const { default: Timeline } = await import('./Timeline.svelte');
    const view = render(Timeline);
    await waitFor(() => expect(screen.getByTestId('entry-count').textContent).toBe('2 entries'));

    const ids = () => allCommands().map((c) => c.id);
    expect(ids()).toEqual(['journal-kind-pairing', 'journal-kind-feedback', 'journal-kind-learning', 'journal-kind-conversation']);

    allCommands().find((c) => c.title === 'Show only Pairing entries')!.run();
    await waitFor(() => expect(screen.getByTestId('entry-count').textContent).toBe('1 entry'));
    expect(screen.getByTestId('filter-pairing').getAttribute('aria-pressed')).toBe('true');
    expect(api.listEntries).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'pairing' }));
    expect(ids()).toContain('journal-kind-all');
    expect(ids()).not.toContain('journal-kind-pairing');

    allCommands().find((c) => c.id === 'journal-clear-filters')!.run();
    await waitFor(() => expect(screen.getByTestId('entry-count').textContent).toBe('2 entries'));
    expect(ids()).not.toContain('journal-clear-filters');

    view.unmount();
    expect(ids()).toEqual([]);
    Object.assign(journalView, { kind: '' });
  });
});
