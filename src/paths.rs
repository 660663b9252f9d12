//! Where the journal lives. One resolver, used by the CLI and the desktop app alike,
//! so both always open the same journal: `--data-dir`, else `RUNGS_DATA_DIR`, else the
//! OS per-user data directory.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

pub const DATA_DIR_ENV: &str = "RUNGS_DATA_DIR";
/// The SQLite database, the source of truth.
pub const DATABASE_FILE: &str = "journal.sqlite3";
/// Copies of the database taken before each migration.
pub const BACKUP_DIR: &str = "backups";
/// The search index, derived from the database and rebuildable.
pub const INDEX_DIR: &str = "index";
/// Held while a process opens (and perhaps migrates) the journal.
pub const LOCK_FILE: &str = "journal.lock";

/// Resolves the data directory without creating it.
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "Rungs")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::invalid(
                "data-dir",
                format!("no home directory found; pass --data-dir or set {DATA_DIR_ENV}"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_dir_wins() {
        let d = resolve_data_dir(Some(Path::new("/tmp/x"))).unwrap();
        assert_eq!(d, PathBuf::from("/tmp/x"));
    }
}
