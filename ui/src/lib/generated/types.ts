// DO NOT EDIT. Generated from the Rust types by src-tauri/src/types.rs.
// Regenerate with: UPDATE_TYPES=1 cargo test -p rungs-app types

export type ErrorPayload = { code: string, message: string, field?: string, };

export type AppInfo = { version: string, data_dir: string, 
/**
 * No entry at all yet (the UI offers the demo journal).
 */
empty: boolean, 
/**
 * Today as YYYY-MM-DD, from the core's clock (`RUNGS_TODAY` pins it), so the UI's
 * "This week" and dates agree with the core's (the demo's dates are relative to it).
 */
today: string, };

export type Kind = "pairing" | "feedback" | "learning";

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
demo: boolean, tags: Array<string>, behaviours: Array<BehaviourRef>, } & ({ "kind": "pairing" } & Pairing | { "kind": "feedback" } & Feedback | { "kind": "learning" } & Learning);

export type Details = { "kind": "pairing" } & Pairing | { "kind": "feedback" } & Feedback | { "kind": "learning" } & Learning;

export type Pairing = { partners: Array<string>, role: Role | null, minutes: number | null, area: string | null, ticket: string | null, notes: string | null, learned: string | null, follow_ups: Array<FollowUp>, };

export type Feedback = { direction: Direction, person: string, situation: string, observed: string, impact: string, tone: Tone | null, reflection: string | null, };

export type Learning = { body: string, source: string | null, };

export type FollowUp = { id: string, text: string, done: boolean, };

export type EntryContent = { 
/**
 * Required for pairing and learning; for feedback, `None` derives it.
 */
title: string | null, date: string, time: string | null, tags: Array<string>, 
/**
 * Behaviour ids.
 */
behaviours: Array<string>, } & ({ "kind": "pairing" } & Pairing | { "kind": "feedback" } & Feedback | { "kind": "learning" } & Learning);

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

export type Facets = { kind: { [key in string]: number }, person: { [key in string]: number }, tag: { [key in string]: number }, behaviour: { [key in string]: number }, level: { [key in string]: number }, };

export type SavedSearch = { name: string, request: SearchRequest, updated_at: string, };

export type EntryInput = EntryContent;
