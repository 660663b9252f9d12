//! `rungs add pairing|feedback|learning|conversation`: capture a new entry.

use clap::{Args, Subcommand};

use super::entry_flags::{
    Common, ConversationFlags, FeedbackFlags, LearningFlags, PairingFlags, Stdin, require,
};
use super::output;
use crate::journal::{Conversation, Details, Direction, EntryInput, Feedback, Learning, Pairing};
use crate::{Journal, Result};

#[derive(Subcommand)]
pub enum Command {
    /// Log a pairing session (required: --title, --date)
    Pairing(PairingArgs),
    /// Record feedback given or received (required: --direction, --person, --date,
    /// --situation, --observed, --impact)
    Feedback(FeedbackArgs),
    /// Write down a learning (required: --title, --date, --body)
    Learning(LearningArgs),
    /// Record a growth conversation (required: --with, --date); add its goals with
    /// `rungs goal add`
    Conversation(ConversationArgs),
}

#[derive(Args)]
pub struct ConversationArgs {
    #[command(flatten)]
    common: Common,
    #[command(flatten)]
    conversation: ConversationFlags,
    /// Notes, Markdown (`-` reads stdin)
    #[arg(long, value_name = "TEXT")]
    notes: Option<String>,
    /// Print the new entry as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct PairingArgs {
    #[command(flatten)]
    common: Common,
    #[command(flatten)]
    pairing: PairingFlags,
    /// Print the new entry as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct FeedbackArgs {
    #[command(flatten)]
    common: Common,
    #[command(flatten)]
    feedback: FeedbackFlags,
    /// Print the new entry as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct LearningArgs {
    #[command(flatten)]
    common: Common,
    #[command(flatten)]
    learning: LearningFlags,
    /// Print the new entry as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, command: Command) -> Result<()> {
    let mut stdin = Stdin::default();
    let (input, json) = match command {
        Command::Pairing(mut a) => {
            require(&[
                ("title", a.common.title.is_some()),
                ("date", a.common.date.is_some()),
            ])?;
            a.common.read_stdin(&mut stdin)?;
            a.pairing.read_stdin(&mut stdin)?;
            let mut pairing = Pairing {
                partners: Vec::new(),
                role: None,
                minutes: None,
                area: None,
                ticket: None,
                notes: None,
                learned: None,
                follow_ups: Vec::new(),
            };
            a.pairing.apply(&mut pairing)?;
            (build(a.common, Details::Pairing(pairing)), a.json)
        }
        Command::Feedback(mut a) => {
            let f = &a.feedback;
            require(&[
                ("direction", f.direction.is_some()),
                ("person", f.person.is_some()),
                ("date", a.common.date.is_some()),
                ("situation", f.situation.is_some()),
                ("observed", f.observed.is_some()),
                ("impact", f.impact.is_some()),
            ])?;
            a.common.read_stdin(&mut stdin)?;
            a.feedback.read_stdin(&mut stdin)?;
            let mut feedback = Feedback {
                direction: Direction::Received,
                person: String::new(),
                situation: String::new(),
                observed: String::new(),
                impact: String::new(),
                tone: None,
                reflection: None,
            };
            a.feedback.apply(&mut feedback)?;
            (build(a.common, Details::Feedback(feedback)), a.json)
        }
        Command::Learning(mut a) => {
            require(&[
                ("title", a.common.title.is_some()),
                ("date", a.common.date.is_some()),
                ("body", a.learning.body.is_some()),
            ])?;
            a.common.read_stdin(&mut stdin)?;
            a.learning.read_stdin(&mut stdin)?;
            let mut learning = Learning {
                body: String::new(),
                source: None,
            };
            a.learning.apply(&mut learning)?;
            (build(a.common, Details::Learning(learning)), a.json)
        }
        Command::Conversation(mut a) => {
            require(&[
                ("with", a.conversation.with.is_some()),
                ("date", a.common.date.is_some()),
            ])?;
            a.common.read_stdin(&mut stdin)?;
            stdin.resolve("notes", &mut a.notes)?;
            let mut conversation = Conversation {
                person: String::new(),
                notes: None,
                goals: Vec::new(),
            };
            a.conversation.apply(&mut conversation, a.notes)?;
            (build(a.common, Details::Conversation(conversation)), a.json)
        }
    };
    let conversation = matches!(input.details, Details::Conversation(_));
    let entry = journal.add(input).map_err(|e| match conversation {
        true => ConversationFlags::name_flags(e),
        false => e,
    })?;
    if json {
        output::json(&entry)
    } else {
        output::print(&format!(
            "Added {} {}: {}\n",
            entry.kind(),
            entry.id,
            entry.title
        ))
    }
}

fn build(common: Common, details: Details) -> EntryInput {
    let mut input = EntryInput {
        title: None,
        date: String::new(),
        time: None,
        tags: Vec::new(),
        behaviours: Vec::new(),
        details,
    };
    common.apply(&mut input);
    input
}
