import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { FollowUpItem } from '../lib/api';

const { api } = vi.hoisted(() => ({
  api: { followUps: vi.fn(), setFollowUpDone: vi.fn() },
}));
vi.mock('../lib/api', () => ({ api }));

const item = (id: string, entry: string, text: string): FollowUpItem => ({
  id,
  entry_id: entry,
  text,
  done: false,
  entry_title: `Session ${entry}`,
  entry_date: '2026-11-20',
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

describe('FollowUps', () => {
  it('groups by entry, ticks in place, and takes a refused tick back with the reason', async () => {
    const user = userEvent.setup();
    api.followUps.mockResolvedValue([item('a', 'e1', 'Write the KB'), item('b', 'e1', 'Ping Tom'), item('c', 'e2', 'Close SUP-1')]);
    const { default: FollowUps } = await import('./FollowUps.svelte');
    render(FollowUps);
    await screen.findByText('Session e1');
    expect(api.followUps).toHaveBeenCalledWith(true);
    const groups = screen.getAllByRole('heading', { level: 2 }).map((h) => h.closest('section')!);
    expect(groups.map((g) => g.querySelector('[data-testid="followup-entry"]')!.textContent!.trim())).toEqual([
      'Session e1',
      'Session e2',
    ]);
    expect(groups.map((g) => [...g.querySelectorAll('[data-testid="followup-text"]')].map((t) => t.textContent))).toEqual([
      ['Write the KB', 'Ping Tom'],
      ['Close SUP-1'],
    ]);
    expect(screen.getByTestId('open-count').textContent).toBe('3 open');

    // Accepted: stays ticked, one fewer open.
    api.setFollowUpDone.mockResolvedValueOnce({});
    const [first, second] = screen.getAllByTestId('followup-check') as HTMLInputElement[];
    await user.click(first);
    expect(api.setFollowUpDone).toHaveBeenCalledWith('a', true);
    await waitFor(() => expect(screen.getByTestId('open-count').textContent).toBe('2 open'));
    expect(first.checked).toBe(true);

    // Refused: unticked again, the count restored, the reason beside it.
    api.setFollowUpDone.mockRejectedValueOnce(new Error('the journal is busy'));
    await user.click(second);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Not saved: the journal is busy');
    expect(second.checked).toBe(false);
    expect(screen.getByTestId('open-count').textContent).toBe('2 open');
  });
});
