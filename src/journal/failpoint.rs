//! Test-only crash points: `RUNGS_FAILPOINT=NAME` makes the process abort (no
//! destructors, no flushes, as a power cut or `kill -9` would) when it reaches the
//! point named `NAME`, so tests can crash it exactly where a guarantee matters
//! instead of by chance. Compiled into every build and inert unless the variable is
//! set; nobody sets it outside tests.
//!
//! | name | where |
//! |---|---|
//! | `after-sqlite-commit` | a write's SQLite transaction has committed; nothing has been done to the search index yet |

use std::sync::OnceLock;

/// The environment variable that names the point to crash at.
pub const VAR: &str = "RUNGS_FAILPOINT";

/// After a write's SQLite commit, before any index work.
pub const AFTER_SQLITE_COMMIT: &str = "after-sqlite-commit";

/// Aborts the process if `RUNGS_FAILPOINT` names `point`.
pub(crate) fn hit(point: &str) {
    static ARMED: OnceLock<Option<String>> = OnceLock::new();
    let armed = ARMED.get_or_init(|| std::env::var(VAR).ok());
    if armed.as_deref() == Some(point) {
        eprintln!("rungs: {VAR}={point}: aborting here on purpose");
        std::process::abort();
    }
}
