import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Entry, Revision } from '../lib/api';

// The core as the view sees it: one learning entry with three revisions, listed
// oldest first as `Journal::history` returns them.
const { api } = vi.hoisted(() => ({
  api: {
    getEntry: vi.fn(),
    entryHistory: vi.fn(),
    renderMarkdown: vi.fn(async (md: string) => `<p>${md}</p>`),
    suggest: vi.fn(async () => []),
    revertEntry: vi.fn(),
  },
}));
vi.mock('../lib/api', () => ({ api }));

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

function entry(revision: number): Entry {
  return {
    id: 'e1',
    title: 'Read the tracing RFC',
    date: '2026-11-20',
    time: null,
    created_at: '2026-11-20T09:00:00Z',
    updated_at: '2026-11-20T09:00:00Z',
    revision,
    deleted_at: null,
    demo: false,
    tags: [],
    behaviours: [],
    kind: 'learning',
    body: 'Spans and events',
    source: null,
  };
}

const revisions = (n: number): Revision[] =>
  Array.from({ length: n }, (_, i) => ({
    revision: i + 1,
    at: '2026-11-20T09:00:00Z',
    entry: entry(i + 1),
    changed: i ? ['body'] : [],
  }));

const shown = () =>
  screen.getAllByText(/^Revision \d+$/).map((el) => Number(el.textContent!.replace('Revision ', '')));

describe('EntryView history', () => {
  it('lists revisions newest first, and still does after a revert reloads it', async () => {
    const user = userEvent.setup();
    api.getEntry.mockResolvedValue(entry(3));
    api.entryHistory.mockResolvedValue(revisions(3));
    const { default: EntryView } = await import('./EntryView.svelte');
    render(EntryView, { id: 'e1' });

    await user.click(await screen.findByTestId('history'));
    await waitFor(() => expect(shown()).toEqual([3, 2, 1]));

    // Reverting writes revision 4 and reloads the entry with the history open.
    api.revertEntry.mockResolvedValue(entry(4));
    api.getEntry.mockResolvedValue(entry(4));
    api.entryHistory.mockResolvedValue(revisions(4));
    await user.click(screen.getByTestId('revert-1'));
    await waitFor(() => expect(shown()).toEqual([4, 3, 2, 1]));
    expect(api.revertEntry).toHaveBeenCalledWith('e1', 1);
  });
});

describe('EntryView text', () => {
  it('renders each filled field of a feedback entry under its own heading, and no empty one', async () => {
    api.getEntry.mockResolvedValue({
      ...entry(1),
      kind: 'feedback',
      direction: 'given',
      person: 'Priya',
      situation: 'the *escalation* call',
      observed: 'kept the customer updated',
      impact: 'the customer calmed down',
      tone: null,
      reflection: null,
    } as Entry);
    const { default: EntryView } = await import('./EntryView.svelte');
    render(EntryView, { id: 'e1' });

    expect((await screen.findByTestId('rendered-situation')).innerHTML).toBe('<p>the *escalation* call</p>');
    expect(screen.getByTestId('rendered-observed').innerHTML).toBe('<p>kept the customer updated</p>');
    expect(screen.getByTestId('rendered-impact').innerHTML).toBe('<p>the customer calmed down</p>');
    expect(screen.queryByTestId('rendered-reflection')).toBeNull();
    expect(api.renderMarkdown).toHaveBeenCalledTimes(3);
  });
});

describe('EntryView palette commands', () => {
  it('registers its actions with their shortcuts while on screen, runs them, and removes them after', async () => {
    const { allCommands } = await import('../lib/commands');
    const nav = await import('../lib/nav.svelte');
    api.getEntry.mockResolvedValue(entry(3));
    api.entryHistory.mockResolvedValue(revisions(3));
    const { default: EntryView } = await import('./EntryView.svelte');
    const view = render(EntryView, { id: 'e1' });
    await screen.findByTestId('edit');

    const byId = () => new Map(allCommands().map((c) => [c.id, c]));
    expect(byId().get('entry-edit')?.shortcut).toBe('E');
    expect(byId().get('entry-back')?.shortcut).toBe('Esc');
    expect(byId().has('entry-delete')).toBe(true);

    // Show the history from the palette: the revisions appear, and each older one is a revert command.
    await byId().get('entry-history')!.run();
    await waitFor(() => expect(shown()).toEqual([3, 2, 1]));
    expect(byId().get('entry-history')!.title).toBe('Hide the history');
    expect([...byId().keys()].filter((k) => k.startsWith('entry-revert-'))).toEqual(['entry-revert-2', 'entry-revert-1']);
    api.revertEntry.mockResolvedValue(entry(4));
    await byId().get('entry-revert-1')!.run();
    expect(api.revertEntry).toHaveBeenCalledWith('e1', 1);

    // Edit goes to the capture form for this entry.
    byId().get('entry-edit')!.run();
    expect(nav.nav.view).toEqual({ name: 'capture', editId: 'e1' });

    view.unmount();
    expect(allCommands().some((c) => c.id.startsWith('entry-'))).toBe(false);
  });
});
