import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { DataProgress, ImportSummary } from '../lib/api';

const { api, events } = vi.hoisted(() => ({
  api: { importJournal: vi.fn(), restoreJournal: vi.fn(), exportJournal: vi.fn(), backupJournal: vi.fn(), getEntry: vi.fn() },
  events: { handler: null as null | ((e: { payload: DataProgress }) => void), unlistened: 0 },
}));
vi.mock('../lib/api', () => ({ api }));
vi.mock('@tauri-apps/api/event', () => ({
  listen: vi.fn(async (_name: string, h: (e: { payload: DataProgress }) => void) => {
    events.handler = h;
    return () => {
      events.unlistened++;
      events.handler = null;
    };
  }),
}));

const { closeData, data, onChanged, openData } = await import('../lib/data.svelte');
const { default: DataPanel } = await import('./DataPanel.svelte');

afterEach(() => {
  closeData();
  cleanup();
  vi.clearAllMocks();
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('DataPanel', () => {
  it('asks before a restore, naming where the current journal is kept, and reloads after it', async () => {
    const user = userEvent.setup();
    const changed = vi.fn();
    onChanged(changed);
    render(DataPanel, { dataDir: '/home/me/.local/share/rungs' });
    openData();
    await user.click(await screen.findByTestId('data-restore'));
    expect(screen.getByRole('dialog').textContent).toContain('/home/me/.local/share/rungs/backups/');
    expect(api.restoreJournal).not.toHaveBeenCalled();

    // Cancel goes back to the menu, nothing restored.
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(await screen.findByTestId('data-restore'));
    api.restoreJournal.mockResolvedValueOnce({
      restored_from: '/tmp/b.sqlite3',
      kept_aside: '/home/me/.local/share/rungs/backups/before-restore.sqlite3',
      schema_version: 7,
    });
    await user.click(screen.getByTestId('data-restore-confirm'));
    const summary = await screen.findByTestId('data-summary');
    expect(api.restoreJournal).toHaveBeenCalledTimes(1);
    expect(summary.textContent).toContain('kept in /home/me/.local/share/rungs/backups/before-restore.sqlite3');
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('shows the progress of an import, then its counts and each conflict with both revision times', async () => {
    const user = userEvent.setup();
    const changed = vi.fn();
    onChanged(changed);
    render(DataPanel, { dataDir: '/d' });
    openData();
    const pending = deferred<ImportSummary>();
    api.importJournal.mockReturnValueOnce(pending.promise);
    api.getEntry.mockResolvedValue({ title: 'Pairing with Tom on the outbox' });
    await user.click(await screen.findByTestId('data-import-json'));
    expect(api.importJournal).toHaveBeenCalledWith(false);

    await waitFor(() => expect(events.handler).not.toBeNull());
    events.handler!({ payload: { done: 50, total: 200 } });
    const bar = await screen.findByRole('progressbar');
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('25'));
    expect(screen.getByRole('dialog').textContent).toContain('50 of 200 · 25%');
    // Esc does not close the dialog while the work runs.
    await user.keyboard('{Escape}');
    expect(screen.getByRole('progressbar')).toBeTruthy();

    pending.resolve({
      mode: 'merge',
      added: 2,
      updated: 1,
      unchanged: 60,
      edited: 0,
      conflicts: [
        {
          entry_id: 'e-1',
          local_revision: 3,
          local_at: '2026-11-20T10:00:00Z',
          incoming_revision: 3,
          incoming_at: '2026-11-21T09:30:00Z',
          copy_id: 'e-2',
        },
      ],
      people_added: 0,
      people_renamed: [],
      tags_added: 0,
      behaviours_added: 0,
      saved_searches_added: 0,
      metadata_missing: false,
    });
    const summary = await screen.findByTestId('data-summary');
    expect(summary.textContent).toContain('Merged: 2 entries added, 1 updated, 60 unchanged.');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Import done, with conflicts');
    const row = (await screen.findByTestId('data-conflicts')).querySelector('tbody tr')!;
    expect(api.getEntry).toHaveBeenCalledWith('e-1');
    expect([...row.querySelectorAll('td')].map((td) => td.textContent!.trim())).toEqual([
      'Pairing with Tom on the outbox e-1',
      '2026-11-20 10:00',
      '2026-11-21 09:30',
    ]);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(events.unlistened).toBeGreaterThan(0);
  });

  it('lists two conflicts of one entry (a file holding it twice), one row per copy', async () => {
    const user = userEvent.setup();
    render(DataPanel, { dataDir: '/d' });
    openData();
    api.getEntry.mockResolvedValue({ title: 'Twice in the file' });
    const conflict = (copy: string, at: string) => ({
      entry_id: 'e-1',
      local_revision: 3,
      local_at: '2026-11-20T10:00:00Z',
      incoming_revision: 2,
      incoming_at: at,
      copy_id: copy,
    });
    api.importJournal.mockResolvedValueOnce({
      mode: 'merge',
      added: 0,
      updated: 0,
      unchanged: 0,
      edited: 0,
      conflicts: [conflict('c-1', '2026-11-21T09:30:00Z'), conflict('c-2', '2026-11-22T08:00:00Z')],
      people_added: 0,
      people_renamed: [],
      tags_added: 0,
      behaviours_added: 0,
      saved_searches_added: 0,
      metadata_missing: false,
    });
    await user.click(await screen.findByTestId('data-import-json'));
    const rows = (await screen.findByTestId('data-conflicts')).querySelectorAll('tbody tr');
    expect([...rows].map((r) => r.querySelectorAll('td')[2].textContent!.trim())).toEqual(['2026-11-21 09:30', '2026-11-22 08:00']);
  });

  it('goes back to the menu when the file dialog is cancelled and shows a refusal as an alert', async () => {
    const user = userEvent.setup();
    render(DataPanel, { dataDir: '/d' });
    openData();
    api.backupJournal.mockResolvedValueOnce(null);
    await user.click(await screen.findByTestId('data-backup'));
    await waitFor(() => expect(data.phase).toBe('menu'));
    expect(screen.queryByTestId('data-summary')).toBeNull();

    api.exportJournal.mockRejectedValueOnce(new Error('/x/journal.json exists; choose another name'));
    await user.click(screen.getByTestId('data-export-json'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('/x/journal.json exists');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Exporting the journal as JSON failed');
  });
});
