// Typed calls into the Rust core. Every argument and result type is generated from
// Rust (./generated/types.ts); this file only names the commands.
import { invoke } from '@tauri-apps/api/core';
import type {
  ErrorPayload,
  AppInfo,
  BackupSummary,
  Brief,
  BriefFormat,
  BriefRequest,
  DemoStatus,
  DemoSummary,
  Draft,
  Entry,
  EntryInput,
  EntryPage,
  ExportFormat,
  ExportSummary,
  Evidence,
  FollowUpItem,
  GoalInput,
  GoalItem,
  GoalStatus,
  Heatmap,
  ImportReport,
  ImportSummary,
  Ladder,
  ListFilter,
  Person,
  Profile,
  RestoreSummary,
  Revision,
  SavedSearch,
  SearchRequest,
  SearchResults,
  SuggestRequest,
  Suggestion,
} from './generated/types';

export type * from './generated/types';

/** A command failed: the core's code (to branch on), message and, for bad input, field. */
export class CommandError extends Error {
  readonly code: string;
  readonly field?: string;
  constructor(e: ErrorPayload) {
    super(e.message);
    this.code = e.code;
    this.field = e.field;
  }
}

function isErrorPayload(e: unknown): e is ErrorPayload {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (isErrorPayload(e)) throw new CommandError(e);
    throw new CommandError({ code: 'ipc', message: String(e) });
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  listEntries: (filter: ListFilter, trash = false) =>
    call<EntryPage>('list_entries', { filter, trash }),
  getEntry: (id: string) => call<Entry>('get_entry', { id }),
  entryInput: (id: string) => call<EntryInput>('entry_input', { id }),
  addEntry: (input: EntryInput) => call<Entry>('add_entry', { input }),
  updateEntry: (id: string, input: EntryInput) => call<Entry>('update_entry', { id, input }),
  deleteEntry: (id: string) => call<Entry>('delete_entry', { id }),
  restoreEntry: (id: string) => call<Entry>('restore_entry', { id }),
  entryHistory: (id: string) => call<Revision[]>('entry_history', { id }),
  revertEntry: (id: string, revision: number) => call<Entry>('revert_entry', { id, revision }),
  linkBehaviours: (id: string, behaviours: string[]) =>
    call<Entry>('link_behaviours', { id, behaviours }),
  unlinkBehaviours: (id: string, behaviours: string[]) =>
    call<Entry>('unlink_behaviours', { id, behaviours }),
  setFollowUpDone: (id: string, done: boolean) =>
    call<FollowUpItem>('set_follow_up_done', { id, done }),
  people: () => call<Person[]>('people'),
  renamePerson: (old: string, newName: string) => call<Person>('rename_person', { old, new: newName }),
  mergePeople: (from: string, into: string) => call<Person>('merge_people', { from, into }),
  setMentee: (name: string, mentee: boolean) => call<Person>('set_mentee', { name, mentee }),
  followUps: (openOnly: boolean) => call<FollowUpItem[]>('follow_ups', { openOnly }),
  tags: () => call<string[]>('tags'),
  ladder: () => call<Ladder>('ladder'),
  evidence: () => call<Evidence[]>('evidence'),
  profile: () => call<Profile>('profile'),
  setProfileLevel: (level: string | null) => call<Profile>('set_profile_level', { level }),
  pickLadderFiles: () => call<string[]>('pick_ladder_files'),
  importLadder: (paths: string[], track: string | null, dryRun: boolean) =>
    call<ImportReport>('import_ladder', { paths, track, dryRun }),
  suggest: (request: SuggestRequest) => call<Suggestion[]>('suggest_behaviours', { request }),
  search: (request: SearchRequest) => call<SearchResults>('search', { request }),
  savedSearches: () => call<SavedSearch[]>('saved_searches'),
  /** Refused with code `conflict` when `name` is taken, unless `replace`. */
  saveSearch: (name: string, request: SearchRequest, replace = false) =>
    call<SavedSearch>('save_search', { name, request, replace }),
  deleteSavedSearch: (name: string) => call<null>('delete_saved_search', { name }),
  renderMarkdown: (markdown: string) => call<string>('render_markdown', { markdown }),
  loadDemo: () => call<DemoSummary>('load_demo'),
  removeDemo: () => call<DemoSummary>('remove_demo'),
  demoStatus: () => call<DemoStatus>('demo_status'),
  saveDraft: (slot: string, data: string) => call<Draft>('save_draft', { slot, data }),
  getDraft: (slot: string) => call<Draft | null>('get_draft', { slot }),
  discardDraft: (slot: string) => call<null>('discard_draft', { slot }),
  brief: (request: BriefRequest) => call<Brief>('brief', { request }),
  heatmap: (request: BriefRequest) => call<Heatmap>('heatmap', { request }),
  /** Opens the save dialog and writes the brief; the path written, null if cancelled. */
  saveBrief: (request: BriefRequest, format: BriefFormat, fileName: string) =>
    call<string | null>('save_brief', { request, format, fileName }),
  goals: (openOnly: boolean) => call<GoalItem[]>('goals', { openOnly }),
  addGoal: (conversation: string, goal: GoalInput) => call<GoalItem>('add_goal', { conversation, goal }),
  setGoalStatus: (goal: string, status: GoalStatus) => call<GoalItem>('set_goal_status', { goal, status }),
  // Each asks for its path in a native dialog and resolves to null if it was cancelled.
  exportJournal: (format: ExportFormat) => call<ExportSummary | null>('export_journal', { format }),
  importJournal: (folder: boolean) => call<ImportSummary | null>('import_journal', { folder }),
  backupJournal: () => call<BackupSummary | null>('backup_journal'),
  restoreJournal: () => call<RestoreSummary | null>('restore_journal'),
};
