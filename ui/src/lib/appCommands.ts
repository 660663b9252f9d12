// The palette's app-wide commands: the views, new entries, the demo journal and the
// saved searches. Views add their own while on screen (see Search.svelte).
import { register, type PaletteCommand } from './commands';
import { go, home, nav, type View } from './nav.svelte';
import { runSaved, saved } from './search.svelte';

export interface AppActions {
  /** Whether the journal has no entry (the demo is offered then). */
  empty: () => boolean;
  /** Demo entries in the journal (removing the demo is offered while there are any). */
  demoEntries: () => number;
  loadDemo: () => Promise<void>;
  removeDemo: () => Promise<void>;
}

function view(id: string, title: string, to: View, shortcut?: string, keywords?: string): PaletteCommand {
  return {
    id: `go-${id}`,
    title,
    group: 'Go to',
    shortcut,
    keywords,
    run: () => {
      if (to.name === 'journal') home();
      else if (nav.view.name !== to.name) go(to);
    },
  };
}

/** Registers the app's commands; returns the function that removes them. */
export function registerAppCommands(actions: AppActions): () => void {
  const offViews = register('app-views', [
    view('journal', 'Journal', { name: 'journal' }, 'Ctrl 1', 'timeline entries home'),
    view('search', 'Search', { name: 'search' }, 'Ctrl F', 'find'),
    view('ladder', 'Ladder', { name: 'ladder' }, 'Ctrl 2', 'behaviours evidence levels career'),
    view('people', 'People', { name: 'people' }, 'Ctrl 3', 'persons mentees partners'),
    view('follow-ups', 'Follow-ups', { name: 'follow-ups' }, 'Ctrl 4', 'todo tasks open'),
    view('brief', 'Growth conversation brief', { name: 'brief' }, 'Ctrl 5', 'prepare review heatmap export print goals'),
    view('trash', 'Trash', { name: 'trash' }, undefined, 'deleted restore'),
  ]);
  const offNew = register('app-new', [
    { id: 'new-entry', title: 'New entry', group: 'New', shortcut: 'Ctrl N', keywords: 'add write', run: () => go({ name: 'capture' }) },
    ...(
      [
        ['pairing', 'New pairing session'],
        ['feedback', 'New feedback'],
        ['learning', 'New learning'],
        ['conversation', 'New growth conversation'],
      ] as const
    ).map(([kind, title]) => ({
      id: `new-${kind}`,
      title,
      group: 'New',
      keywords: 'add write',
      run: () => go({ name: 'capture', kind }),
    })),
  ]);
  const offJournal = register('app-journal', () => [
    ...(actions.empty()
      ? [{ id: 'load-demo', title: 'Load the demo journal', group: 'Journal', keywords: 'example sample', run: actions.loadDemo }]
      : []),
    ...(actions.demoEntries() > 0
      ? [{ id: 'remove-demo', title: 'Remove the demo journal', group: 'Journal', keywords: 'example sample delete clear', run: actions.removeDemo }]
      : []),
  ]);
  const offSaved = register('saved-searches', () =>
    saved.list.map((s) => ({
      id: `saved-${s.name}`,
      title: s.name,
      group: 'Saved searches',
      keywords: s.request.query ?? '',
      run: () => runSaved(s),
    })),
  );
  return () => [offViews, offNew, offJournal, offSaved].forEach((off) => off());
}
