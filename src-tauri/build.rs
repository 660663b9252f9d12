//! Declares this app's commands so the capability file can grant exactly them.

const COMMANDS: &[&str] = &[
    "app_info",
    "list_entries",
    "get_entry",
    "entry_input",
    "add_entry",
    "update_entry",
    "delete_entry",
    "restore_entry",
    "entry_history",
    "revert_entry",
    "link_behaviours",
    "unlink_behaviours",
    "set_follow_up_done",
    "follow_ups",
    "people",
    "rename_person",
    "merge_people",
    "set_mentee",
    "tags",
    "ladder",
    "evidence",
    "profile",
    "set_profile_level",
    "pick_ladder_files",
    "import_ladder",
    "suggest_behaviours",
    "search",
    "saved_searches",
    "save_search",
    "delete_saved_search",
    "render_markdown",
    "load_demo",
    "remove_demo",
    "demo_status",
    "save_draft",
    "get_draft",
    "discard_draft",
    "brief",
    "heatmap",
    "save_brief",
    "goals",
    "add_goal",
    "set_goal_status",
    "export_journal",
    "import_journal",
    "backup_journal",
    "restore_journal",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
