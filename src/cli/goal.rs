//! `rungs goal add CONVERSATION_ID --text T [--behaviour ID]...` and
//! `rungs goal set GOAL_ID --status open|achieved|dropped`: the goals agreed in a
//! growth conversation (each change is a new revision of the conversation).

use clap::{Args, Subcommand};

use super::output;
use crate::journal::{GoalInput, GoalStatus};
use crate::{Journal, Result};

#[derive(Subcommand)]
pub enum Command {
    /// Add a goal to a conversation (status: open)
    Add(AddArgs),
    /// Set a goal's status
    Set(SetArgs),
}

#[derive(Args)]
pub struct AddArgs {
    /// The conversation's entry id (or a unique prefix of 8+ characters)
    conversation: String,
    /// What was agreed, one line
    #[arg(long, value_name = "TEXT")]
    text: String,
    /// Ladder behaviour the goal is about, e.g. L2.1.3 (repeatable)
    #[arg(long = "behaviour", value_name = "ID")]
    behaviours: Vec<String>,
    /// Print the goal as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct SetArgs {
    /// Goal id (or a unique prefix of 8+ characters)
    goal: String,
    /// open, achieved or dropped
    #[arg(long, value_name = "STATUS")]
    status: String,
    /// Print the goal as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(mut journal: Journal, command: Command) -> Result<()> {
    let (goal, json, verb) = match command {
        Command::Add(a) => {
            let goal = journal.add_goal(
                &a.conversation,
                GoalInput {
                    text: a.text,
                    behaviours: a.behaviours,
                },
            )?;
            (goal, a.json, "Added goal")
        }
        Command::Set(a) => {
            let status = GoalStatus::parse(&a.status)?;
            (journal.set_goal_status(&a.goal, status)?, a.json, "Goal")
        }
    };
    if json {
        output::json(&goal)
    } else {
        output::print(&format!(
            "{verb} {}\n{}",
            goal.id,
            output::goals(std::slice::from_ref(&goal), false)
        ))
    }
}
