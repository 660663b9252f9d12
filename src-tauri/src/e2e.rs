//! The end-to-end tests' stand-ins for native dialogs: WebDriver cannot drive a
//! native file dialog, so `RUNGS_E2E_LADDER_FILE` (`pick.rs`), `RUNGS_E2E_SAVE_PATH`
//! (`save.rs`) and `RUNGS_E2E_DATA_PATH` (`data.rs`) supply the path instead.
//! They are honoured only in a debug build (what `make e2e` runs:
//! `target/debug/rungs-app`), never in a release build: there a variable left in the
//! environment (a shell profile, a launcher) would otherwise silently choose where the
//! journal is exported, imported or restored from, with no dialog shown.

use std::ffi::OsString;

/// The value of the stand-in variable `var`, in a debug build only.
pub fn stand_in(var: &str) -> Option<OsString> {
    honoured(cfg!(debug_assertions), var)
}

fn honoured(debug_build: bool, var: &str) -> Option<OsString> {
    if debug_build {
        std::env::var_os(var)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `PATH` is set wherever tests run: it stands for a stand-in that is set.
    #[test]
    fn a_release_build_ignores_the_stand_ins_and_a_debug_build_reads_them() {
        assert!(std::env::var_os("PATH").is_some());
        assert_eq!(honoured(true, "PATH"), std::env::var_os("PATH"));
        assert_eq!(honoured(false, "PATH"), None);
        assert_eq!(
            stand_in("PATH").is_some(),
            cfg!(debug_assertions),
            "this build reads the stand-ins exactly when it is a debug build"
        );
    }
}
