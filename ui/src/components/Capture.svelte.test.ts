import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { allCommands } from '../lib/commands';
import { nav } from '../lib/nav.svelte';

// The core as the capture form sees it: no draft, nothing known yet; saving returns the entry.
const { api, CommandError } = vi.hoisted(() => ({
  CommandError: class extends Error {},
  api: {
    people: vi.fn(async () => []),
    tags: vi.fn(async () => []),
    ladder: vi.fn(async () => ({ levels: [] })),
    getDraft: vi.fn(async () => null),
    saveDraft: vi.fn(async () => undefined),
    discardDraft: vi.fn(async () => undefined),
    suggest: vi.fn(async () => []),
    renderMarkdown: vi.fn(async (md: string) => `<p>${md}</p>`),
    addEntry: vi.fn(async () => ({ id: 'new1' })),
    updateEntry: vi.fn(),
    entryInput: vi.fn(),
  },
}));
vi.mock('../lib/api', () => ({ api, CommandError }));

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('Capture palette commands', () => {
  it('offers Save (Ctrl ↵), Preview, the other kinds and Close (Esc) while on screen, and runs them', async () => {
    const user = userEvent.setup();
    const { default: Capture } = await import('./Capture.svelte');
    const view = render(Capture, { kind: 'learning' });
    const title = await screen.findByLabelText(/^Title/);

    const byId = () => new Map(allCommands().map((c) => [c.id, c]));
    expect(byId().get('capture-save')?.shortcut).toBe('Ctrl ↵');
    expect(byId().get('capture-cancel')?.shortcut).toBe('Esc');
    expect([...byId().keys()].filter((k) => k.startsWith('capture-kind-'))).toEqual([
      'capture-kind-pairing',
      'capture-kind-feedback',
      'capture-kind-conversation',
    ]);

    // Switching kind from the palette is the same as its radio button.
    byId().get('capture-kind-pairing')!.run();
    await waitFor(() => expect(screen.getByTestId('kind-pairing').getAttribute('aria-checked')).toBe('true'));
    byId().get('capture-kind-learning')!.run();
    await waitFor(() => expect(screen.getByTestId('kind-learning').getAttribute('aria-checked')).toBe('true'));

    // Preview shows each text field's rendered preview; the command then goes back to writing.
    expect(byId().get('capture-preview')!.title).toBe('Preview the text');
    byId().get('capture-preview')!.run();
    await waitFor(() => expect(screen.getAllByRole('tabpanel', { name: 'Preview' }).length).toBeGreaterThan(0));
    expect(byId().get('capture-preview')!.title).toBe('Back to writing the text');
    byId().get('capture-preview')!.run();
    await waitFor(() => expect(screen.queryAllByRole('tabpanel', { name: 'Preview' })).toHaveLength(0));

    await user.type(title, 'cert-manager renews early');
    await byId().get('capture-save')!.run();
    expect(api.addEntry).toHaveBeenCalledWith(expect.objectContaining({ title: 'cert-manager renews early', kind: 'learning' }));
    expect(nav.view).toEqual({ name: 'entry', id: 'new1' });

    view.unmount();
    expect(allCommands().some((c) => c.id.startsWith('capture-'))).toBe(false);
  }, 15000);
});
