//! One error type for the whole core. Every boundary (CLI, app IPC, importers) shows
//! the same message, and the app branches on [`Error::code`], so the variants are few
//! and each names what the user can act on.

use rusqlite::ErrorCode;
use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: `field` names the field the user gave, `message` what is wrong with it.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },

    /// Something the user referred to does not exist.
    #[error("{what} not found: {key}")]
    NotFound { what: &'static str, key: String },

    /// The request clashes with what is stored (a taken name, an ambiguous id…).
    #[error("{0}")]
    Conflict(String),

    /// The database was written by a newer Rungs; we refuse to touch it.
    #[error(
        "this journal was written by a newer version of Rungs (schema version {found}; this \
         version knows up to {known}). Upgrade Rungs to open it; nothing was changed."
    )]
    TooNew { found: i64, known: i64 },

    /// The database file exists but is not a Rungs journal; we refuse to touch it.
    #[error(
        "{path} is not a Rungs journal ({reason}). Rungs leaves it exactly as it is; move \
         it aside or choose another --data-dir."
    )]
    NotAJournal { path: String, reason: String },

    /// A file given to restore from is not a usable backup of a Rungs journal; the
    /// journal was not touched.
    #[error(
        "{path} is not a usable backup of a Rungs journal ({reason}); the journal was not \
         changed. Choose another backup file."
    )]
    NotABackup { path: String, reason: String },

    /// A full disk and a read-only journal are said in those words (see
    /// [`database_message`]): the user can act on them, unlike most SQLite errors.
    #[error("{}", database_message(.0))]
    Database(#[from] rusqlite::Error),

    #[error("migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn not_found(what: &'static str, key: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            key: key.into(),
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// A stable, machine-readable code the app can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid_input",
            Error::NotFound { .. } => "not_found",
            Error::Conflict(_) => "conflict",
            Error::TooNew { .. } => "journal_too_new",
            Error::NotAJournal { .. } | Error::NotABackup { .. } => "not_a_journal",
            Error::Database(e) if is_busy(e) => "busy",
            Error::Database(e) if e.sqlite_error_code() == Some(ErrorCode::DiskFull) => "disk_full",
            Error::Database(e) if e.sqlite_error_code() == Some(ErrorCode::ReadOnly) => "read_only",
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull => {
                "disk_full"
            }
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::ReadOnlyFilesystem => {
                "read_only"
            }
            Error::Database(_) | Error::Migration(_) => "database",
            Error::Io { .. } => "io",
        }
    }

    /// The serializable form every shell hands to its caller.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message: self.to_string(),
            field: match self {
                Error::Invalid { field, .. } => Some(field.clone()),
                _ => None,
            },
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// SQLite's own words ("database or disk is full", "attempt to write a readonly
/// database") do not say what to do; for these two the message leads with the problem.
/// SQLite rolls the failed transaction back, so nothing of that write was stored.
fn database_message(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => {
            format!("the disk is full: nothing was saved; free some space and try again ({e})")
        }
        Some(ErrorCode::ReadOnly) => format!(
            "the journal is read-only (a read-only disk or folder): nothing was saved; make \
             the data directory writable and try again ({e})"
        ),
        _ => format!("database error: {e}"),
    }
}

/// `{code, message}` (plus, for bad input, the `field` at fault, so a form can put the
/// message under it): what every shell hands its caller, the app over IPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub field: Option<String>,
}

impl From<&Error> for ErrorPayload {
    fn from(e: &Error) -> Self {
        e.payload()
    }
}

impl From<Error> for ErrorPayload {
    fn from(e: Error) -> Self {
        e.payload()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_serializes_to_code_and_message() {
        let e = Error::invalid("date", "2026-02-30 is not a real date");
        let json = serde_json::to_value(e.payload()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "invalid_input",
                "message": "date: 2026-02-30 is not a real date",
                "field": "date"
            })
        );
        let e = Error::not_found("entry", "0193");
        assert_eq!(
            serde_json::to_value(e.payload()).unwrap(),
            serde_json::json!({"code": "not_found", "message": "entry not found: 0193"})
        );
        assert_eq!(e.to_string(), "entry not found: 0193");
        let e = Error::TooNew { found: 9, known: 2 };
        assert_eq!(e.code(), "journal_too_new");
        assert!(e.to_string().contains("schema version 9"));
    }

    #[test]
    fn a_full_disk_and_a_read_only_journal_are_named() {
        let sqlite = |code| {
            Error::Database(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        };
        let full = sqlite(rusqlite::ffi::SQLITE_FULL);
        assert_eq!(full.code(), "disk_full");
        assert!(full.to_string().starts_with("the disk is full"), "{full}");
        let read_only = sqlite(rusqlite::ffi::SQLITE_READONLY);
        assert_eq!(read_only.code(), "read_only");
        assert!(read_only.to_string().contains("read-only"), "{read_only}");
        assert_eq!(sqlite(rusqlite::ffi::SQLITE_CORRUPT).code(), "database");
        // ENOSPC and EROFS from the file system (the lock file, the index).
        let io = |errno| Error::io("cannot open x", std::io::Error::from_raw_os_error(errno));
        assert_eq!(io(28).code(), "disk_full");
        assert_eq!(io(30).code(), "read_only");
        assert_eq!(io(2).code(), "io");
    }
}
