//! Fixtures: a temporary data directory and the `rungs` binary run against it,
//! with today pinned so relative dates are reproducible.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-22";

pub struct Env {
    pub dir: TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir().join("journal.sqlite3")
    }

    /// `rungs --data-dir DIR ARGS...` with `RUNGS_TODAY` pinned.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = rungs_cmd();
        c.arg("--data-dir").arg(self.data_dir()).args(args);
        c
    }

    /// Runs a command that must succeed and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("run rungs");
        assert!(
            out.status.success(),
            "rungs {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs a command that must succeed and parses its stdout as JSON.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("rungs {args:?}: bad JSON {e}: {out}"))
    }

    /// Runs a command that must fail: non-zero exit, nothing on stdout, and returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        self.fails_with_stdin(args, "")
    }

    pub fn fails_with_stdin(&self, args: &[&str], stdin: &str) -> String {
        let out = self
            .cmd(args)
            .write_stdin(stdin)
            .output()
            .expect("run rungs");
        assert!(
            !out.status.success(),
            "rungs {args:?} should have failed but printed {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            out.stdout.is_empty(),
            "rungs {args:?} printed to stdout on error"
        );
        String::from_utf8(out.stderr).expect("utf-8 stderr")
    }

    /// Adds a pairing session and returns its id.
    pub fn add_pairing(&self, title: &str, extra: &[&str]) -> String {
        let mut args = vec![
            "add",
            "pairing",
            "--title",
            title,
            "--date",
            "2026-11-20",
            "--json",
        ];
        args.extend_from_slice(extra);
        self.json(&args)["id"].as_str().unwrap().to_string()
    }

    /// Adds a minimal feedback entry ([`feedback_args`]) and returns its id.
    pub fn add_feedback(&self, direction: &str, person: &str) -> String {
        let args = [feedback_args(direction, person), vec!["--json"]].concat();
        self.json(&args)["id"].as_str().unwrap().to_string()
    }
}

/// `add feedback` with only what it requires: `direction`, `person`, dated
/// 2026-11-20, situation `s`, observed `o`, impact `i`.
pub fn feedback_args<'a>(direction: &'a str, person: &'a str) -> Vec<&'a str> {
    vec![
        "add",
        "feedback",
        "--direction",
        direction,
        "--person",
        person,
        "--date",
        "2026-11-20",
        "--situation",
        "s",
        "--observed",
        "o",
        "--impact",
        "i",
    ]
}

/// The built `rungs` binary, for spawning processes directly.
pub fn rungs_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_rungs"))
}

pub fn rungs_cmd() -> Command {
    let mut c = Command::new(rungs_bin());
    c.env("RUNGS_TODAY", TODAY).env_remove("RUNGS_DATA_DIR");
    c
}

pub fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The path as a &str for argument lists.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Behaviours per section, per level, of `ladder show --json` levels.
pub fn sizes(levels: &[Value]) -> Vec<Vec<usize>> {
    levels
        .iter()
        .map(|l| {
            l["sections"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["behaviours"].as_array().unwrap().len())
                .collect()
        })
        .collect()
}
