//! `rungs edit ID [flags of add] [--clear FIELD]...`: a new revision of an entry.

use clap::Args as ClapArgs;

use super::entry_flags::{
    self, Common, ConversationFlags, FeedbackFlags, LearningFlags, PairingFlags, Stdin,
};
use super::output;
use crate::journal::{Details, Kind};
use crate::{Error, Journal, Result};

#[derive(ClapArgs)]
pub struct Args {
    /// Entry id (or a unique prefix of 8+ characters)
    id: String,
    #[command(flatten)]
    common: Common,
    #[command(flatten, next_help_heading = "Pairing")]
    pairing: PairingFlags,
    #[command(flatten, next_help_heading = "Feedback")]
    feedback: FeedbackFlags,
    #[command(flatten, next_help_heading = "Learning")]
    learning: LearningFlags,
    #[command(flatten, next_help_heading = "Conversation (its notes: --notes)")]
    conversation: ConversationFlags,
    /// Empty an optional field, e.g. --clear ticket (repeatable)
    #[arg(long, value_name = "FIELD")]
    clear: Vec<String>,
    /// Print the entry as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, mut a: Args) -> Result<()> {
    let kind = journal.get(&a.id)?.kind();
    // Flags that belong to another kind are a mistake, not something to ignore.
    // `--notes` is a field of conversations too.
    let pairing_given: Vec<&'static str> = a
        .pairing
        .given()
        .into_iter()
        .filter(|f| !(kind == Kind::Conversation && *f == "notes"))
        .collect();
    for (k, given) in [
        (Kind::Pairing, pairing_given),
        (Kind::Feedback, a.feedback.given()),
        (Kind::Learning, a.learning.given()),
        (Kind::Conversation, a.conversation.given()),
    ] {
        if k != kind
            && let Some(field) = given.first()
        {
            return Err(Error::invalid(
                *field,
                format!("is not a field of a {kind} entry"),
            ));
        }
    }
    let nothing = a.common.title.is_none()
        && a.common.date.is_none()
        && a.common.time.is_none()
        && a.common.behaviours.is_empty()
        && a.common.tags.is_empty()
        && a.pairing.given().is_empty()
        && a.feedback.given().is_empty()
        && a.learning.given().is_empty()
        && a.conversation.given().is_empty()
        && a.clear.is_empty();
    if nothing {
        return Err(Error::invalid(
            "edit",
            "nothing to change: give a field flag (see rungs edit --help) or --clear FIELD",
        ));
    }
    // `--clear notes --notes X` is a contradiction, not an order of operations.
    let mut given = [
        a.pairing.given(),
        a.feedback.given(),
        a.learning.given(),
        a.conversation.given(),
    ]
    .concat();
    for (name, set) in [
        ("title", a.common.title.is_some()),
        ("time", a.common.time.is_some()),
        ("tag", !a.common.tags.is_empty()),
        ("behaviour", !a.common.behaviours.is_empty()),
    ] {
        if set {
            given.push(name);
        }
    }
    for field in &a.clear {
        let canonical = entry_flags::flag_name(field);
        if given.contains(&canonical.as_str()) {
            return Err(Error::invalid(
                canonical,
                "is both given and cleared; give one or the other",
            ));
        }
    }
    let mut stdin = Stdin::default();
    a.common.read_stdin(&mut stdin)?;
    a.pairing.read_stdin(&mut stdin)?;
    a.feedback.read_stdin(&mut stdin)?;
    a.learning.read_stdin(&mut stdin)?;
    let Args {
        id,
        common,
        pairing,
        feedback,
        learning,
        conversation,
        clear,
        json,
    } = a;
    let mut is_conversation = false;
    let entry = journal
        .modify(&id, |input| {
            for field in &clear {
                entry_flags::clear(input, field)?;
            }
            common.apply(input);
            match &mut input.details {
                Details::Pairing(p) => pairing.apply(p),
                Details::Feedback(f) => feedback.apply(f),
                Details::Learning(l) => learning.apply(l),
                Details::Conversation(c) => {
                    is_conversation = true;
                    conversation.apply(c, pairing.notes)
                }
            }
        })
        .map_err(|e| match is_conversation {
            true => ConversationFlags::name_flags(e),
            false => e,
        })?;
    if json {
        output::json(&entry)
    } else {
        output::print(&format!(
            "Saved {} (revision {}): {}\n",
            entry.id, entry.revision, entry.title
        ))
    }
}
