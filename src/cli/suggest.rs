//! `rungs suggest (--text TEXT | --entry ID) [--level CODE] [--limit N] [--json]`:
//! the ladder behaviours a text or an entry most likely evidences.

use std::io::Read;

use clap::Args as ClapArgs;

use super::output;
use crate::suggest::{SuggestRequest, Suggestion};
use crate::{Error, Journal, Result};

#[derive(ClapArgs)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["text", "entry"])))]
pub struct Args {
    /// The text to suggest behaviours for (`-` reads stdin)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    text: Option<String>,
    /// A saved entry to suggest behaviours for (its links are left out)
    #[arg(long, value_name = "ID")]
    entry: Option<String>,
    /// Only behaviours of this level, e.g. L2
    #[arg(long, value_name = "CODE")]
    level: Option<String>,
    /// At most this many suggestions (default 5)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    limit: Option<u32>,
    /// Print JSON: [{id, level, section, text, score}]
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, a: Args) -> Result<()> {
    let text = match a.text {
        Some(t) if t == "-" => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Error::io("text: reading stdin", e))?;
            Some(
                String::from_utf8(buf)
                    .map_err(|_| Error::invalid("text", "stdin is not valid UTF-8"))?,
            )
        }
        other => other,
    };
    if let Some(t) = &text
        && t.trim().is_empty()
    {
        return Err(Error::invalid(
            "text",
            "is empty: give the words to suggest behaviours for",
        ));
    }
    let request = SuggestRequest {
        text,
        entry: a.entry,
        input: None,
        level: a.level,
        limit: a.limit,
    };
    // A one-shot process reads fewer linked entries (see ONE_SHOT_PER_BEHAVIOUR).
    journal.set_suggest_link_cap(crate::suggest::links::ONE_SHOT_PER_BEHAVIOUR);
    let list = journal.suggest(&request)?;
    if a.json {
        return output::json(&list);
    }
    output::print(&human(&list))
}

fn human(list: &[Suggestion]) -> String {
    if list.is_empty() {
        return "No suggestions: nothing in the text matches a behaviour of the ladder.\n".into();
    }
    let mut s = String::new();
    for (i, x) in list.iter().enumerate() {
        s.push_str(&format!(
            "{}. {:<8} {}\n   {} · score {:.2}\n",
            i + 1,
            x.id,
            x.text,
            x.section,
            x.score
        ));
    }
    s
}
