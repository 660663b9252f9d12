//! Test-only crash and pause points: `RUNGS_FAILPOINT=NAME` makes the process abort
//! (no destructors, no flushes, as a power cut or `kill -9` would) when it reaches the
//! point named `NAME`, so tests can crash it exactly where a guarantee matters
//! instead of by chance. With `RUNGS_FAILPOINT_GATE=PATH` as well, the process pauses
//! there instead: it creates `PATH.reached` and waits until `PATH` exists, so a test
//! can make another process act at exactly that moment (a race made deterministic).
//! Compiled into every build and inert unless the variable is set; nobody sets it
//! outside tests.
//!
//! | name | where |
//! |---|---|
//! | `after-sqlite-commit` | a write's SQLite transaction has committed; nothing has been done to the search index yet |
//! | `restore-before-lock` | a restore has checked and staged the backup; it has not taken the journal's write lock yet |
//! | `restore-locked` | a restore holds the journal's write lock; nothing is copied aside or replaced yet |
//! | `export-read-people` | a JSON export has read the entry ids and the people; no entry is read yet |

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The environment variable that names the point to crash (or pause) at.
pub const VAR: &str = "RUNGS_FAILPOINT";
/// The environment variable that turns the crash into a pause (see the module doc).
pub const GATE_VAR: &str = "RUNGS_FAILPOINT_GATE";

/// After a write's SQLite commit, before any index work.
pub const AFTER_SQLITE_COMMIT: &str = "after-sqlite-commit";
/// In a restore, after the backup is checked and staged, before the write lock.
pub const RESTORE_BEFORE_LOCK: &str = "restore-before-lock";
/// In a restore, with the write lock held, before the journal is copied aside.
pub const RESTORE_LOCKED: &str = "restore-locked";
/// In an export, after the entry ids and the people are read, before any entry.
pub const EXPORT_READ_PEOPLE: &str = "export-read-people";

/// How long a paused process waits for its gate before going on regardless (a test
/// that died must not leave a process waiting forever).
const GATE_LIMIT: Duration = Duration::from_secs(120);

/// Aborts the process (or pauses it, with a gate) if `RUNGS_FAILPOINT` names `point`.
pub(crate) fn hit(point: &str) {
    static ARMED: OnceLock<(Option<String>, Option<PathBuf>)> = OnceLock::new();
    let (armed, gate) = ARMED.get_or_init(|| {
        (
            std::env::var(VAR).ok(),
            std::env::var_os(GATE_VAR).map(PathBuf::from),
        )
    });
    if armed.as_deref() != Some(point) {
        return;
    }
    let Some(gate) = gate else {
        eprintln!("rungs: {VAR}={point}: aborting here on purpose");
        std::process::abort();
    };
    let mut reached = gate.clone().into_os_string();
    reached.push(".reached");
    if let Err(e) = std::fs::write(&reached, point) {
        eprintln!("rungs: {VAR}={point}: cannot write {reached:?}: {e}");
    }
    let started = Instant::now();
    while !gate.exists() && started.elapsed() < GATE_LIMIT {
        std::thread::sleep(Duration::from_millis(5));
    }
}
