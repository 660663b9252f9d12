//! Rungs desktop app: a Tauri v2 shell over the `rungs` core library. It opens the
//! same journal the CLI does (`--data-dir`, `RUNGS_DATA_DIR`, the per-user dir) and
//! exposes the core through thin commands; the Svelte UI lives in `ui/`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod command_list;
mod commands;
mod data;
mod e2e;
mod error;
mod links;
mod pick;
mod save;
mod state;
mod types;

use tauri::Manager;

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let state = state::AppState::open(state::data_dir_arg(std::env::args()));
    let app = tauri::Builder::default()
        .manage(state)
        .plugin(links::guard())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_entries,
            commands::get_entry,
            commands::entry_input,
            commands::add_entry,
            commands::update_entry,
            commands::delete_entry,
            commands::restore_entry,
            commands::entry_history,
            commands::revert_entry,
            commands::link_behaviours,
            commands::unlink_behaviours,
            commands::set_follow_up_done,
            commands::follow_ups,
            commands::people,
            commands::rename_person,
            commands::merge_people,
            commands::set_mentee,
            commands::tags,
            commands::ladder,
            commands::evidence,
            commands::profile,
            commands::set_profile_level,
            commands::pick_ladder_files,
            commands::import_ladder,
            commands::suggest_behaviours,
            commands::search,
            commands::saved_searches,
            commands::save_search,
            commands::delete_saved_search,
            commands::render_markdown,
            commands::load_demo,
            commands::remove_demo,
            commands::demo_status,
            commands::save_draft,
            commands::get_draft,
            commands::discard_draft,
            commands::brief,
            commands::heatmap,
            commands::save_brief,
            commands::goals,
            commands::add_goal,
            commands::set_goal_status,
            commands::export_journal,
            commands::import_journal,
            commands::backup_journal,
            commands::restore_journal,
        ])
        .build(tauri::generate_context!())
        .expect("start the Rungs window");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            handle.state::<state::AppState>().close();
        }
    });
}
