// DO NOT EDIT. Generated from the Rust types by src-tauri/src/types.rs.
// Regenerate with: UPDATE_TYPES=1 cargo test -p rungs-app types

export type ErrorPayload = { code: string, message: string, field?: string, };

export type AppInfo = { version: string, data_dir: string, 
/**
 * Today as YYYY-MM-DD, from the core's clock (`RUNGS_TODAY` pins it), so the UI's
 * "This week" and dates agree with the core's (the demo's dates are relative to it).
 */
today: string, };

export type Kind = "pairing" | "feedback" | "learning" | "conversation";

export type Role = "driver" | "navigator" | "mentor" | "mentee" | "pair";

export type Direction = "given" | "received";

export type Tone = "appreciation" | "coaching";

export type Entry = { id: string, title: string, 
/**
 * `YYYY-MM-DD`.
 */
date: string, 
/**
 * `HH:MM`, when given.
 */
time: string | null, created_at: string, updated_at: string, revision: number, 
/**
 * Set while the entry is in the trash.
 */
deleted_at: string | null, 
/**
 * Part of the demo journal (removed by `rungs demo --remove`).
 */
demo: boolean, tags: Array<string>, behaviours: Array<BehaviourRef>, } & ({ "kind": "pairing" } & Pairing | { "kind": "feedback" } & Feedback | { "kind": "learning" } & Learning | { "kind": "conversation" } & Conversation);

export type Details = { "kind": "pairing" } & Pairing | { "kind": "feedback" } & Feedback | { "kind": "learning" } & Learning | { "kind": "conversation" } & Conversation;

export type Pairing = { partners: Array<string>, role: Role | null, minutes: number | null, area: string | null, ticket: string | null, notes: string | null, learned: string | null, follow_ups: Array<FollowUp>, };

export type Feedback = { direction: Direction, person: string, situation: string, observed: string, impact: string, tone: Tone | null, reflection: string | null, };

export type Learning = { body: string, source: string | null, };

export type Conversation = { 
/**
 * The person the conversation was with: my lead or mentor when it is about my
 * growth, a mentee (`rungs person mentee`) when it is about theirs.
 */
person: string, 
/**
 * Markdown.
 */
notes: string | null, 
/**
 * The goals agreed, in the order they were added.
 */
goals: Array<Goal>, };

export type Goal = { id: string, text: string, 
/**
 * Behaviour ids the goal is about.
 */
behaviours: Array<string>, status: GoalStatus, };

export type GoalStatus = "open" | "achieved" | "dropped";

export type GoalItem = { id: string, text: string, status: GoalStatus, behaviours: Array<BehaviourRef>, 
/**
 * The conversation's date: when the goal was agreed.
 */
agreed_on: string, conversation_id: string, 
/**
 * Who the conversation was with.
 */
person: string, };

export type GoalInput = { text: string, behaviours: Array<string>, };

export type FollowUp = { id: string, text: string, done: boolean, };

export type EntryContent = { 
/**
 * Required for pairing and learning; for feedback and conversations, `None` derives it.
 */
title: string | null, date: string, time: string | null, tags: Array<string>, 
/**
 * Behaviour ids.
 */
behaviours: Array<string>, } & ({ "kind": "pairing" } & Pairing | { "kind": "feedback" } & Feedback | { "kind": "learning" } & Learning | { "kind": "conversation" } & Conversation);

export type EntryPage = { total: number, offset: number, entries: Array<Entry>, 
/**
 * A one-line plain-text summary of each entry (same order as `entries`), made
 * from its Markdown by [`crate::render::excerpt`].
 */
excerpts: Array<string>, };

export type ListFilter = { kind: Kind | null, person: string | null, tag: string | null, 
/**
 * Inclusive `YYYY-MM-DD`.
 */
since: string | null, 
/**
 * Inclusive `YYYY-MM-DD`.
 */
until: string | null, 
/**
 * Only entries linked to this behaviour id (its evidence), e.g. `L1.2.4`.
 */
behaviour?: string, limit: number | null, offset: number | null, };

export type Revision = { revision: number, at: string, entry: Entry, 
/**
 * The fields this revision changed from the one before, by their serialized
 * names (`title`, `notes`, `follow_ups`…), sorted by name; empty for
 * the first revision. Lets a history show what "revert to this" would undo.
 */
changed: Array<string>, };

export type Person = { id: number, name: string, mentee: boolean, entries: number, };

export type FollowUpItem = { id: string, entry_id: string, text: string, done: boolean, entry_title: string, entry_date: string, };

export type Ladder = { levels: Array<Level>, };

export type Level = { code: string, title: string, summary: string, track: string, 
/**
 * Facts about the level that are not behaviours ("Planning horizon").
 */
attributes?: Array<Attribute>, sections: Array<Section>, };

export type Attribute = { name: string, value: string, };

export type Section = { title: string, 
/**
 * A competency code from the heading (`Craftsmanship (C3)` → `C3`).
 */
code?: string | null, summary?: string, 
/**
 * `<details>` example blocks of the section.
 */
examples?: Array<string>, behaviours: Array<Behaviour>, };

export type Behaviour = { id: string, text: string, label?: string | null, examples?: Array<string>, 
/**
 * Earlier wordings, oldest first, when the ladder reworded it.
 */
previous?: Array<string>, 
/**
 * No longer in the ladder file; kept so links to it keep their meaning.
 */
retired?: boolean, };

export type BehaviourRef = { id: string, text: string, retired?: boolean, };

export type Evidence = { 
/**
 * The behaviour id (`L1.2.4`).
 */
behaviour: string, 
/**
 * Entries not in the trash that link to it.
 */
entries: number, 
/**
 * The date (`YYYY-MM-DD`) of the latest of them.
 */
latest: string, };

export type LevelRef = { track: string, track_slug: string, code: string, title: string, };

export type Profile = { 
/**
 * The current level, once set with `rungs profile --level`.
 */
level: LevelRef | null, 
/**
 * The level after it in its track.
 */
next_level: LevelRef | null, };

export type ImportReport = { dry_run: boolean, tracks: Array<TrackReport>, levels: Array<LevelReport>, unchanged: number, reworded: Array<Reworded>, added: Array<BehaviourNote>, retired: Array<BehaviourNote>, };

export type TrackReport = { name: string, slug: string, new: boolean, 
/**
 * How the track was chosen when `--track` was not given.
 */
inferred_from: string | null, };

export type LevelReport = { track: string, code: string, title: string, new: boolean, 
/**
 * The tree that would be imported (dry runs only).
 */
sections?: Array<SectionTree>, };

export type SectionTree = { title: string, behaviours: Array<BehaviourTree>, };

export type BehaviourTree = { id: string, text: string, label?: string, 
/**
 * unchanged, reworded, restored or added
 */
change: string, };

export type Reworded = { id: string, from: string, to: string, };

export type BehaviourNote = { id: string, text: string, };

export type DemoSummary = { entries: number, people: number, 
/**
 * Removing: demo entries the user had changed, kept as theirs.
 */
kept: number, };

export type DemoStatus = { 
/**
 * No entry at all, trash included ([`Journal::load_demo`] accepts the journal).
 */
empty: boolean, 
/**
 * Demo entries the user has not changed, trash included: what
 * [`Journal::remove_demo`] deletes.
 */
demo_entries: number, };

export type Draft = { 
/**
 * Which form: `new` for quick capture, `edit:<entry id>` for an edit.
 */
slot: string, 
/**
 * The form's state as the UI serialised it (JSON).
 */
data: string, saved_at: string, };

export type SuggestRequest = { text: string | null, 
/**
 * An entry id (or a unique prefix of 8+ characters).
 */
entry: string | null, 
/**
 * An entry as the app's form holds it (saved or not): its text is read as
 * `entry`'s would be, and the behaviours it links are left out. Optional in
 * TypeScript, so that callers without it need not say `input: null`.
 */
input?: EntryContent, 
/**
 * Only behaviours of this level, e.g. `L2`.
 */
level: string | null, 
/**
 * At most this many suggestions (default [`DEFAULT_LIMIT`]).
 */
limit: number | null, };

export type Suggestion = { id: string, level: string, section: string, text: string, score: number, };

export type BriefRequest = { person: string | null, 
/**
 * `CODE` or `TRACK/CODE`.
 */
level: string | null, 
/**
 * `CODE` or `TRACK/CODE`.
 */
target: string | null, 
/**
 * Inclusive `YYYY-MM-DD`.
 */
since: string | null, 
/**
 * Inclusive `YYYY-MM-DD`.
 */
until: string | null, };

export type BriefFormat = "md" | "html" | "json";

export type Brief = { 
/**
 * Whose brief: `None` for mine, else the person's current name.
 */
person: string | null, level: LevelRef, target: LevelRef | null, 
/**
 * The period, inclusive `YYYY-MM-DD`.
 */
since: string, until: string, 
/**
 * Where `since` came from when it was not given.
 */
since_source: SinceSource, 
/**
 * The last growth conversation up to `until` (whose goals are listed), if any.
 */
last_conversation: ConversationRef | null, 
/**
 * The level, then the target level, each with its sections and behaviours.
 */
levels: Array<BriefLevel>, 
/**
 * Behaviour ids with no evidence at all up to `until`, in ladder order.
 */
gaps: Array<string>, 
/**
 * Behaviour ids with evidence before `since` but none in the period.
 */
stale: Array<string>, 
/**
 * Feedback received in the period, newest first (for a mentee: feedback I gave them).
 */
feedback_received: Array<FeedbackQuote>, 
/**
 * Feedback given in the period, newest first (for a mentee: feedback they gave me).
 */
feedback_given: Array<FeedbackQuote>, 
/**
 * Learnings in the period, newest first (mine only: a learning has no person).
 */
learnings: Array<EvidenceEntry>, 
/**
 * Follow-ups not done yet, of sessions up to `until` (for a mentee: sessions with them).
 */
open_follow_ups: Array<FollowUpItem>, 
/**
 * The goals agreed at the last growth conversation.
 */
goals: Array<GoalProgress>, talking_points: Array<TalkingPoint>, heatmap: Heatmap, };

export type SinceSource = "given" | "last_conversation" | "default";

export type ConversationRef = { id: string, date: string, person: string, title: string, };

export type BriefLevel = { level: LevelRef, 
/**
 * True for the target level.
 */
target: boolean, sections: Array<BriefSection>, };

export type BriefSection = { title: string, behaviours: Array<BehaviourEvidence>, };

export type Coverage = "evidenced" | "stale" | "gap";

export type BehaviourEvidence = { id: string, 
/**
 * The level's code.
 */
level: string, 
/**
 * The section's title.
 */
section: string, text: string, 
/**
 * Evidence entries in the period.
 */
count: number, 
/**
 * The date of the latest evidence up to `until` (before the period for a stale one).
 */
latest: string | null, coverage: Coverage, 
/**
 * Every evidence entry in the period, newest first.
 */
entries: Array<EvidenceEntry>, 
/**
 * The strongest of them (see [`brief`] for the ranking), at most three.
 */
strongest: Array<EvidenceEntry>, 
/**
 * Feedback received in the period that links to the behaviour, newest first.
 */
feedback: Array<FeedbackQuote>, };

export type EvidenceEntry = { id: string, kind: Kind, title: string, date: string, 
/**
 * One line of plain text from the entry's main field (Markdown dropped).
 */
snippet: string, };

export type FeedbackQuote = { entry_id: string, date: string, 
/**
 * The other person: who gave it (received) or who got it (given).
 */
person: string, 
/**
 * As stored on the entry (a mentee's brief shows my given feedback as theirs received).
 */
direction: Direction, tone: Tone | null, situation: string, 
/**
 * The observed behaviour.
 */
behaviour: string, impact: string, 
/**
 * Behaviour ids the entry links to.
 */
behaviours: Array<string>, };

export type GoalProgress = { id: string, text: string, status: GoalStatus, behaviours: Array<BehaviourRef>, agreed_on: string, conversation_id: string, 
/**
 * Evidence linked to the goal's behaviours dated from `agreed_on` to `until`,
 * newest first.
 */
evidence_since: Array<EvidenceEntry>, };

export type TalkingPointKind = "strength" | "gap" | "theme";

export type TalkingPoint = { text: string, kind: TalkingPointKind, 
/**
 * Entry ids.
 */
entries: Array<string>, 
/**
 * Behaviour ids it is about.
 */
behaviours: Array<string>, };

export type Heatmap = { 
/**
 * `YYYY-MM`, every month from `since`'s to `until`'s.
 */
months: Array<string>, rows: Array<HeatmapRow>, };

export type HeatmapRow = { behaviour: string, text: string, 
/**
 * The level's code.
 */
level: string, 
/**
 * The section's title.
 */
section: string, 
/**
 * One per month, in the order of [`Heatmap::months`].
 */
cells: Array<HeatmapCell>, };

export type HeatmapCell = { count: number, 
/**
 * The evidence entries of the month, newest first.
 */
entries: Array<EvidenceEntry>, };

export type Sort = "relevance" | "date";

export type SearchRequest = { query: string, kind: Kind | null, person: string | null, tag: string | null, behaviour: string | null, level: string | null, since: string | null, until: string | null, sort: Sort, limit: number | null, offset: number | null, };

export type SearchResults = { total: number, hits: Array<Hit>, facets: Facets, };

export type Hit = { id: string, kind: string, title: string, date: string, score: number, 
/**
 * HTML-escaped text with the matches in `<mark>`…`</mark>`.
 */
snippet: string, 
/**
 * The title, HTML-escaped, with its matches marked.
 */
title_html: string, };

export type Facets = { kind: { [key in string]: number }, person: { [key in string]: number }, tag: { [key in string]: number }, behaviour: { [key in string]: number }, level: { [key in string]: number }, 
/**
 * Results per month of their date, keyed `YYYY-MM`.
 */
month: { [key in string]: number }, };

export type SavedSearch = { name: string, request: SearchRequest, updated_at: string, };

export type ExportFormat = "json" | "markdown";

export type DataProgress = { done: number, total: number, };

export type ExportSummary = { path: string, entries: number, revisions: number, people: number, 
/**
 * Files written (Markdown: one per entry plus the ladder and the journal's files).
 */
files: number, };

export type ImportMode = "whole" | "merge";

export type ImportSummary = { mode: ImportMode, 
/**
 * Entries that were not in the journal.
 */
added: number, 
/**
 * Entries the import had newer revisions of (the journal's are kept before them).
 */
updated: number, 
/**
 * Entries the journal already had as imported.
 */
unchanged: number, 
/**
 * Entries edited in a Markdown vault: each edit is a new revision.
 */
edited: number, 
/**
 * Entries changed on both sides: the journal's version stays, the imported one
 * is kept beside it as a copy.
 */
conflicts: Array<Conflict>, people_added: number, 
/**
 * People the journal and the import both have (one came from the other) under
 * different names: the journal's name is kept.
 */
people_renamed: Array<PersonRenamed>, tags_added: number, behaviours_added: number, saved_searches_added: number, 
/**
 * A Markdown vault without `.rungs/journal.json` (made by hand, or the file was
 * deleted): only its entry files were read; the ladder, people's details and
 * history stayed as they were.
 */
metadata_missing: boolean, };

export type Conflict = { entry_id: string, 
/**
 * The journal's current revision and when it was written (kept as it is).
 */
local_revision: number, local_at: string, 
/**
 * The imported entry's current revision and when it was written.
 */
incoming_revision: number, incoming_at: string, 
/**
 * Where the imported version now is: a new entry with this id.
 */
copy_id: string, };

export type PersonRenamed = { 
/**
 * The journal's name, which is kept.
 */
kept: string, 
/**
 * The name in the import.
 */
imported: string, };

export type BackupSummary = { path: string, bytes: number, schema_version: number, };

export type RestoreSummary = { restored_from: string, 
/**
 * The journal as it was before the restore, copied here first.
 */
kept_aside: string, 
/**
 * The backup's schema version (older ones are migrated as they are restored).
 */
schema_version: number, };

export type EntryInput = EntryContent;
