//! The progress bar long commands show on a terminal (nothing when stderr is not
//! one, so scripts and tests see only the result): `rungs reindex`, restore,
//! export and import.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

pub struct Bar(Option<ProgressBar>);

impl Bar {
    /// A bar reading `{what} [bar] done/total {unit} (eta left)`.
    pub fn new(what: &str, unit: &str) -> Self {
        if !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let b = ProgressBar::new(0);
        b.set_style(
            ProgressStyle::with_template(&format!(
                "{what} {{bar:40}} {{pos}}/{{len}} {unit} ({{eta}} left)"
            ))
            .expect("valid template"),
        );
        Bar(Some(b))
    }

    /// The callback the core's long operations take: `(done, total)`.
    pub fn update(&self, done: usize, total: usize) {
        if let Some(b) = &self.0 {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    }

    pub fn finish(self) {
        if let Some(b) = self.0 {
            b.finish_and_clear();
        }
    }
}
