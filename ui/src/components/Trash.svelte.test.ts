import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import type { Entry } from '../lib/api';
import { allCommands } from '../lib/commands';

// The core as the trash sees it: two deleted entries; restoring one takes it off the list.
const { api } = vi.hoisted(() => ({
  api: { listEntries: vi.fn(), restoreEntry: vi.fn(async () => undefined) },
}));
vi.mock('../lib/api', () => ({ api }));

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const deleted = (id: string, title: string): Entry => ({
  id,
  title,
  date: '2026-11-20',
  time: null,
  created_at: '2026-11-20T09:00:00Z',
  updated_at: '2026-11-20T09:00:00Z',
  revision: 1,
  deleted_at: '2026-11-21T09:00:00Z',
  demo: false,
  tags: [],
  behaviours: [],
  kind: 'learning',
  body: 'x',
  source: null,
});

describe('Trash palette commands', () => {
  it('restores the selected entry from the palette while on screen, and removes its commands after', async () => {
    const a = deleted('a', 'Read the tracing RFC');
    const b = deleted('b', 'Pairing on the parser');
    api.listEntries.mockResolvedValue({ entries: [a, b], total: 2 });
    const { default: Trash } = await import('./Trash.svelte');
    const view = render(Trash);
    await screen.findByText('Pairing on the parser');

    const ids = () => allCommands().map((c) => c.id);
    expect(ids()).toEqual(['trash-restore-a', 'trash-restore-b']);

    // Focusing a row selects it; the palette offers it first.
    screen.getAllByTestId('restore')[1].focus();
    const first = allCommands()[0];
    expect(first.title).toBe('Restore the selected entry “Pairing on the parser”');

    api.listEntries.mockResolvedValue({ entries: [a], total: 1 });
    await first.run();
    expect(api.restoreEntry).toHaveBeenCalledWith('b');
    await waitFor(() => expect(screen.queryByText('Pairing on the parser')).toBeNull());
    expect(ids()).toEqual(['trash-restore-a']);

    view.unmount();
    expect(ids()).toEqual([]);
  });
});
