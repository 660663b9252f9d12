// Export, import, backup and restore as the app runs them: one at a time, in the
// "Journal data" dialog (components/DataPanel.svelte), which shows the core's progress
// (Tauri events from the Rust side) and then a summary. The paths come from native
// dialogs the Rust side opens. After an import or a restore everything shown is read
// again (`onChanged`).
import { listen } from '@tauri-apps/api/event';
import { api, type DataProgress, type Entry } from './api';
import { register } from './commands';
import { backupLines, exportLines, importLines, restoreLines } from './data';

export interface ConflictRow {
  entryId: string;
  copyId: string;
  title: string;
  localAt: string;
  incomingAt: string;
}

type Phase = 'menu' | 'confirm-restore' | 'running' | 'done' | 'error';

export const data = $state({
  open: false,
  phase: 'menu' as Phase,
  /** What is running ("Exporting the journal as JSON…"). */
  label: '',
  progress: null as DataProgress | null,
  title: '',
  lines: [] as string[],
  conflicts: [] as ConflictRow[],
});

let changed: () => void = () => {};

/** Called after an import or a restore changed the journal. */
export function onChanged(f: () => void): void {
  changed = f;
}

export function openData(phase: Phase = 'menu'): void {
  if (data.phase === 'running') {
    data.open = true;
    return;
  }
  data.phase = phase;
  data.lines = [];
  data.conflicts = [];
  data.open = true;
}

export function closeData(): void {
  if (data.phase !== 'running') data.open = false;
}

async function run<T>(label: string, work: () => Promise<T | null>, done: (r: T) => Promise<void> | void): Promise<void> {
  if (data.phase === 'running') return;
  data.open = true;
  data.phase = 'running';
  data.label = label;
  data.progress = null;
  data.lines = [];
  data.conflicts = [];
  const unlisten = await listen<DataProgress>('data-progress', (e) => {
    data.progress = e.payload;
  });
  try {
    const r = await work();
    if (r === null) {
      // Cancelled in the dialog: back to the menu, nothing happened.
      data.phase = 'menu';
      return;
    }
    await done(r);
    data.phase = 'done';
  } catch (e) {
    data.title = `${label.replace(/…$/, '')} failed`;
    data.lines = [(e as Error).message];
    data.phase = 'error';
  } finally {
    unlisten();
  }
}

export function exportJournal(format: 'json' | 'markdown'): Promise<void> {
  return run(
    format === 'json' ? 'Exporting the journal as JSON…' : 'Exporting the journal as a Markdown vault…',
    () => api.exportJournal(format),
    (s) => {
      data.title = 'Export done';
      data.lines = exportLines(s, format);
    },
  );
}

export function importJournal(folder: boolean): Promise<void> {
  return run(
    folder ? 'Importing a Markdown vault…' : 'Importing a JSON export…',
    () => api.importJournal(folder),
    async (s) => {
      data.title = s.conflicts.length ? 'Import done, with conflicts' : 'Import done';
      data.lines = importLines(s);
      data.conflicts = await Promise.all(
        s.conflicts.map(async (c) => ({
          entryId: c.entry_id,
          copyId: c.copy_id,
          title: await api.getEntry(c.entry_id).then(
            (e: Entry) => e.title,
            () => '',
          ),
          localAt: c.local_at,
          incomingAt: c.incoming_at,
        })),
      );
      changed();
    },
  );
}

export function backupJournal(): Promise<void> {
  return run('Backing up the journal…', api.backupJournal, (s) => {
    data.title = 'Backup done';
    data.lines = backupLines(s);
  });
}

export function restoreJournal(): Promise<void> {
  return run('Restoring the journal…', api.restoreJournal, (s) => {
    data.title = 'Restore done';
    data.lines = restoreLines(s);
    changed();
  });
}

/** The palette's "Journal data" commands; returns the function that removes them. */
export function registerDataCommands(): () => void {
  const group = 'Journal data';
  return register('journal-data', [
    { id: 'data-export-json', title: 'Export the journal as JSON', group, keywords: 'save file download take out', run: () => exportJournal('json') },
    { id: 'data-export-markdown', title: 'Export the journal as a Markdown vault', group, keywords: 'obsidian git folder files', run: () => exportJournal('markdown') },
    { id: 'data-import-json', title: 'Import a JSON export', group, keywords: 'load merge file', run: () => importJournal(false) },
    { id: 'data-import-markdown', title: 'Import a Markdown vault', group, keywords: 'load merge obsidian folder', run: () => importJournal(true) },
    { id: 'data-backup', title: 'Back up the journal', group, keywords: 'copy save sqlite', run: backupJournal },
    { id: 'data-restore', title: 'Restore the journal from a backup', group, keywords: 'undo recover sqlite', run: () => openData('confirm-restore') },
  ]);
}
