//! The IPC commands: each takes the state, calls the core once and maps its error.
//! Every command is `async` so Tauri runs it on its worker pool, never on the window's
//! main thread: a slow call cannot freeze the window. No business logic lives here; the arguments and results are core types, whose
//! TypeScript declarations are generated (see `types.rs`).

use rungs::demo::{DemoStatus, DemoSummary};
use rungs::journal::browse::EntryPage;
use rungs::journal::drafts::Draft;
use rungs::journal::{
    Entry, EntryInput, FollowUpItem, GoalInput, GoalItem, GoalStatus, ListFilter, Person, Revision,
};
use rungs::ladder::import::{ImportReport, read_files};
use rungs::ladder::{Evidence, ImportOptions, Ladder, Profile};
use rungs::report::{Brief, BriefFormat, BriefRequest, Heatmap};
use rungs::search::saved::SavedSearch;
use rungs::search::{SearchRequest, SearchResults};
use rungs::store::backup::{BackupSummary, RestoreSummary};
use rungs::suggest::{SuggestRequest, Suggestion};
use rungs::transfer::{ExportSummary, ImportSummary};
use serde::Serialize;
use tauri::State;

use crate::data::{self, Ask, ExportFormat, Reporter};
use crate::error::AppResult;
use crate::state::AppState;

type S<'a> = State<'a, AppState>;

/// What the UI needs to know at start.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    /// Today as YYYY-MM-DD, from the core's clock (`RUNGS_TODAY` pins it), so the UI's
    /// "This week" and dates agree with the core's (the demo's dates are relative to it).
    pub today: String,
}

#[tauri::command(async)]
pub fn app_info(s: S) -> AppResult<AppInfo> {
    // Through the journal all the same: one that could not open says why here too.
    s.with(|_| {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            data_dir: s.data_dir.display().to_string(),
            today: rungs::clock::today()?.to_string(),
        })
    })
}

#[tauri::command(async)]
pub fn list_entries(s: S, filter: ListFilter, trash: bool) -> AppResult<EntryPage> {
    s.with(|j| j.list_page(&filter, trash))
}

#[tauri::command(async)]
pub fn get_entry(s: S, id: String) -> AppResult<Entry> {
    s.with(|j| j.get(&id))
}

/// The entry as the edit form starts from (a derived feedback title stays derived).
#[tauri::command(async)]
pub fn entry_input(s: S, id: String) -> AppResult<EntryInput> {
    s.with(|j| j.get(&id).map(|e| e.to_input()))
}

#[tauri::command(async)]
pub fn add_entry(s: S, input: EntryInput) -> AppResult<Entry> {
    s.with(|j| j.add(input))
}

#[tauri::command(async)]
pub fn update_entry(s: S, id: String, input: EntryInput) -> AppResult<Entry> {
    s.with(|j| j.update(&id, input))
}

#[tauri::command(async)]
pub fn delete_entry(s: S, id: String) -> AppResult<Entry> {
    s.with(|j| j.delete(&id))
}

#[tauri::command(async)]
pub fn restore_entry(s: S, id: String) -> AppResult<Entry> {
    s.with(|j| j.undelete(&id))
}

#[tauri::command(async)]
pub fn entry_history(s: S, id: String) -> AppResult<Vec<Revision>> {
    s.with(|j| j.history(&id))
}

#[tauri::command(async)]
pub fn revert_entry(s: S, id: String, revision: i64) -> AppResult<Entry> {
    s.with(|j| j.revert(&id, revision))
}

#[tauri::command(async)]
pub fn link_behaviours(s: S, id: String, behaviours: Vec<String>) -> AppResult<Entry> {
    s.with(|j| j.link(&id, &behaviours))
}

#[tauri::command(async)]
pub fn unlink_behaviours(s: S, id: String, behaviours: Vec<String>) -> AppResult<Entry> {
    s.with(|j| j.unlink(&id, &behaviours))
}

#[tauri::command(async)]
pub fn set_follow_up_done(s: S, id: String, done: bool) -> AppResult<FollowUpItem> {
    s.with(|j| j.set_follow_up_done(&id, done))
}

/// Follow-ups of every entry not in the trash, newest entry first.
#[tauri::command(async)]
pub fn follow_ups(s: S, open_only: bool) -> AppResult<Vec<FollowUpItem>> {
    s.with(|j| j.follow_ups(open_only))
}

#[tauri::command(async)]
pub fn people(s: S) -> AppResult<Vec<Person>> {
    s.with(|j| j.people())
}

#[tauri::command(async)]
pub fn rename_person(s: S, old: String, new: String) -> AppResult<Person> {
    s.with(|j| j.rename_person(&old, &new))
}

/// Merges `from` into `into` (every entry naming `from` names `into`).
#[tauri::command(async)]
pub fn merge_people(s: S, from: String, into: String) -> AppResult<Person> {
    s.with(|j| j.merge_people(&from, &into))
}

#[tauri::command(async)]
pub fn set_mentee(s: S, name: String, mentee: bool) -> AppResult<Person> {
    s.with(|j| j.set_mentee(&name, mentee))
}

#[tauri::command(async)]
pub fn tags(s: S) -> AppResult<Vec<String>> {
    s.with(|j| j.tags())
}

#[tauri::command(async)]
pub fn ladder(s: S) -> AppResult<Ladder> {
    s.with(|j| j.ladder())
}

/// How many entries link to each behaviour, and the latest one's date.
#[tauri::command(async)]
pub fn evidence(s: S) -> AppResult<Vec<Evidence>> {
    s.with(|j| j.evidence())
}

#[tauri::command(async)]
pub fn profile(s: S) -> AppResult<Profile> {
    s.with(|j| j.profile())
}

/// Sets the current level (`TRACK/CODE` or `CODE`), or clears it with `null`.
#[tauri::command(async)]
pub fn set_profile_level(s: S, level: Option<String>) -> AppResult<Profile> {
    s.with(|j| j.set_profile_level(level.as_deref()))
}

/// The ladder files the user picks in the native dialog (none if cancelled).
#[tauri::command(async)]
pub fn pick_ladder_files(app: tauri::AppHandle) -> Vec<String> {
    crate::pick::ladder_files(&app)
}

/// Plans (`dry_run`) or imports the ladder files at `paths`, into `track` if given.
#[tauri::command(async)]
pub fn import_ladder(
    s: S,
    paths: Vec<String>,
    track: Option<String>,
    dry_run: bool,
) -> AppResult<ImportReport> {
    s.with(|j| j.import_ladder(&read_files(&paths)?, &ImportOptions { track, dry_run }))
}

#[tauri::command(async)]
pub fn suggest_behaviours(s: S, request: SuggestRequest) -> AppResult<Vec<Suggestion>> {
    s.with(|j| j.suggest(&request))
}

#[tauri::command(async)]
pub fn search(s: S, request: SearchRequest) -> AppResult<SearchResults> {
    s.with(|j| j.search(&request))
}

#[tauri::command(async)]
pub fn saved_searches(s: S) -> AppResult<Vec<SavedSearch>> {
    s.with(|j| j.saved_searches())
}

#[tauri::command(async)]
pub fn save_search(
    s: S,
    name: String,
    request: SearchRequest,
    replace: bool,
) -> AppResult<SavedSearch> {
    s.with(|j| j.save_search(&name, &request, replace))
}

#[tauri::command(async)]
pub fn delete_saved_search(s: S, name: String) -> AppResult<()> {
    s.with(|j| j.delete_saved_search(&name))
}

#[tauri::command(async)]
pub fn render_markdown(markdown: String) -> String {
    rungs::render::markdown_to_html(&markdown)
}

#[tauri::command(async)]
pub fn load_demo(s: S) -> AppResult<DemoSummary> {
    s.with(|j| j.load_demo(false))
}

#[tauri::command(async)]
pub fn remove_demo(s: S) -> AppResult<DemoSummary> {
    s.with(|j| j.remove_demo())
}

/// Whether the journal is empty (the demo is offered) and holds demo entries (its
/// removal is offered); asked again whenever the journal view opens.
#[tauri::command(async)]
pub fn demo_status(s: S) -> AppResult<DemoStatus> {
    s.with(|j| j.demo_status())
}

#[tauri::command(async)]
pub fn save_draft(s: S, slot: String, data: String) -> AppResult<Draft> {
    s.with(|j| j.save_draft(&slot, &data))
}

#[tauri::command(async)]
pub fn get_draft(s: S, slot: String) -> AppResult<Option<Draft>> {
    s.with(|j| j.draft(&slot))
}

#[tauri::command(async)]
pub fn discard_draft(s: S, slot: String) -> AppResult<()> {
    s.with(|j| j.discard_draft(&slot))
}

/// The brief for a growth conversation (see `BriefRequest` for the defaults).
#[tauri::command(async)]
pub fn brief(s: S, request: BriefRequest) -> AppResult<Brief> {
    s.with(|j| j.brief(&request))
}

/// The coverage heatmap (the ladder view asks for a longer period than the brief's).
#[tauri::command(async)]
pub fn heatmap(s: S, request: BriefRequest) -> AppResult<Heatmap> {
    s.with(|j| j.heatmap(&request))
}

/// Asks where to save the brief (the native save dialog, starting at `file_name`) and
/// writes it there in `format`; the path written, or `None` if the user cancelled.
#[tauri::command(async)]
pub fn save_brief(
    app: tauri::AppHandle,
    s: S,
    request: BriefRequest,
    format: BriefFormat,
    file_name: String,
) -> AppResult<Option<String>> {
    let Some(path) = crate::save::brief_path(&app, format, &file_name) else {
        return Ok(None);
    };
    s.with(|j| j.save_brief(&request, format, &path))?;
    Ok(Some(path.display().to_string()))
}

/// Goals of conversations not in the trash (only open ones with `open_only`).
#[tauri::command(async)]
pub fn goals(s: S, open_only: bool) -> AppResult<Vec<GoalItem>> {
    s.with(|j| j.goals(open_only))
}

#[tauri::command(async)]
pub fn add_goal(s: S, conversation: String, goal: GoalInput) -> AppResult<GoalItem> {
    s.with(|j| j.add_goal(&conversation, goal))
}

#[tauri::command(async)]
pub fn set_goal_status(s: S, goal: String, status: GoalStatus) -> AppResult<GoalItem> {
    s.with(|j| j.set_goal_status(&goal, status))
}

/// Asks where to export (a file for JSON, a folder for the Markdown vault) and writes
/// the whole journal there, reporting progress; `None` if the user cancelled. The
/// dialog has asked before replacing a file; a vault is refreshed in place (see
/// `data::vault_target` for where a vault goes in a folder that is not one).
#[tauri::command(async)]
pub fn export_journal(
    app: tauri::AppHandle,
    s: S,
    format: ExportFormat,
) -> AppResult<Option<ExportSummary>> {
    let ask = match format {
        ExportFormat::Json => Ask::SaveFile {
            title: "Export the journal as JSON",
            name: format!("{}.json", data::dated("rungs")),
            filter: ("JSON", "json"),
        },
        ExportFormat::Markdown => Ask::Folder {
            title: "Export as a Markdown vault: choose a vault to refresh, or a folder to put it in",
        },
    };
    let Some(mut path) = data::choose(&app, ask) else {
        return Ok(None);
    };
    if format == ExportFormat::Markdown {
        path = data::vault_target(path);
    }
    let mut r = Reporter::new(&app);
    s.with(|j| match format {
        ExportFormat::Json => j.export_json(&path, true, &mut |d, t| r.report(d, t)),
        ExportFormat::Markdown => j.export_markdown(&path, true, &mut |d, t| r.report(d, t)),
    })
    .map(Some)
}

/// Asks for a JSON export (a file) or a Markdown vault (`folder`) and imports it:
/// the whole journal into an empty one, else merged with conflicts reported.
#[tauri::command(async)]
pub fn import_journal(
    app: tauri::AppHandle,
    s: S,
    folder: bool,
) -> AppResult<Option<ImportSummary>> {
    let ask = if folder {
        Ask::Folder {
            title: "Import a Markdown vault",
        }
    } else {
        Ask::OpenFile {
            title: "Import a JSON export",
            filter: ("JSON", &["json"]),
        }
    };
    let Some(path) = data::choose(&app, ask) else {
        return Ok(None);
    };
    let mut r = Reporter::new(&app);
    s.with(|j| {
        if path.is_dir() {
            let vault = data::vault_source(path);
            j.import_markdown(&vault, &mut |d, t| r.report(d, t))
        } else {
            j.import_json(&path, &mut |d, t| r.report(d, t))
        }
    })
    .map(Some)
}

/// Asks where to save a backup and writes a consistent copy of the journal there.
#[tauri::command(async)]
pub fn backup_journal(app: tauri::AppHandle, s: S) -> AppResult<Option<BackupSummary>> {
    let ask = Ask::SaveFile {
        title: "Back up the journal",
        name: format!("{}.sqlite3", data::dated("rungs")),
        filter: ("Rungs backup (SQLite)", "sqlite3"),
    };
    let Some(path) = data::choose(&app, ask) else {
        return Ok(None);
    };
    s.with(|j| j.backup(&path, true)).map(Some)
}

/// Asks for a backup and replaces the journal with it, after the core has checked it;
/// the journal as it was is kept in the data folder's `backups/`.
#[tauri::command(async)]
pub fn restore_journal(app: tauri::AppHandle, s: S) -> AppResult<Option<RestoreSummary>> {
    let ask = Ask::OpenFile {
        title: "Restore the journal from a backup",
        filter: ("Rungs backup (SQLite)", &["sqlite3", "sqlite", "db"]),
    };
    let Some(path) = data::choose(&app, ask) else {
        return Ok(None);
    };
    let mut r = Reporter::new(&app);
    s.with(|j| j.restore(&path, &mut |d, t| r.report(d, t)))
        .map(Some)
}
