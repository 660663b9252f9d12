//! The TypeScript declarations of every command argument and result, generated from
//! the Rust types into `ui/src/lib/generated/types.ts`. The test below fails when the
//! committed file is stale; `UPDATE_TYPES=1 cargo test -p rungs-app types` rewrites it.

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use rungs::demo::{DemoStatus, DemoSummary};
    use rungs::journal::browse::EntryPage;
    use rungs::journal::drafts::Draft;
    use rungs::journal::{Conversation, Goal, GoalInput, GoalItem, GoalStatus};
    use rungs::journal::{
        Details, Direction, Entry, EntryInput, Feedback, FollowUp, FollowUpItem, Kind, Learning,
        ListFilter, Pairing, Person, Revision, Role, Tone,
    };
    use rungs::ladder::import::{
        BehaviourNote, BehaviourTree, ImportReport, LevelReport, Reworded, SectionTree, TrackReport,
    };
    use rungs::ladder::{
        Attribute, Behaviour, BehaviourRef, Evidence, Ladder, Level, LevelRef, Profile, Section,
    };
    use rungs::report::{
        BehaviourEvidence, Brief, BriefFormat, BriefLevel, BriefRequest, BriefSection,
        ConversationRef, Coverage, EvidenceEntry, FeedbackQuote, GoalProgress, Heatmap,
        HeatmapCell, HeatmapRow, SinceSource, TalkingPoint, TalkingPointKind,
    };
    use rungs::search::saved::SavedSearch;
    use rungs::search::{Facets, Hit, SearchRequest, SearchResults, Sort};
    use rungs::suggest::{SuggestRequest, Suggestion};
    use ts_rs::{Config, TS};

    use rungs::store::backup::{BackupSummary, RestoreSummary};
    use rungs::transfer::{Conflict, ExportSummary, ImportMode, ImportSummary, PersonRenamed};

    use crate::commands::AppInfo;
    use crate::data::{DataProgress, ExportFormat};
    use crate::error::AppError;

    const HEADER: &str = "// DO NOT EDIT. Generated from the Rust types by src-tauri/src/types.rs.\n\
         // Regenerate with: UPDATE_TYPES=1 cargo test -p rungs-app types\n";

    fn declarations() -> String {
        let cfg = Config::new().with_large_int("number");
        let decls = [
            AppError::decl(&cfg),
            AppInfo::decl(&cfg),
            Kind::decl(&cfg),
            Role::decl(&cfg),
            Direction::decl(&cfg),
            Tone::decl(&cfg),
            Entry::decl(&cfg),
            Details::<String>::decl(&cfg),
            Pairing::<String>::decl(&cfg),
            Feedback::<String>::decl(&cfg),
            Learning::decl(&cfg),
            Conversation::<String>::decl(&cfg),
            Goal::decl(&cfg),
            GoalStatus::decl(&cfg),
            GoalItem::decl(&cfg),
            GoalInput::decl(&cfg),
            FollowUp::decl(&cfg),
            EntryInput::decl(&cfg),
            EntryPage::decl(&cfg),
            ListFilter::decl(&cfg),
            Revision::decl(&cfg),
            Person::decl(&cfg),
            FollowUpItem::decl(&cfg),
            Ladder::decl(&cfg),
            Level::decl(&cfg),
            Attribute::decl(&cfg),
            Section::decl(&cfg),
            Behaviour::decl(&cfg),
            BehaviourRef::decl(&cfg),
            Evidence::decl(&cfg),
            LevelRef::decl(&cfg),
            Profile::decl(&cfg),
            ImportReport::decl(&cfg),
            TrackReport::decl(&cfg),
            LevelReport::decl(&cfg),
            SectionTree::decl(&cfg),
            BehaviourTree::decl(&cfg),
            Reworded::decl(&cfg),
            BehaviourNote::decl(&cfg),
            DemoSummary::decl(&cfg),
            DemoStatus::decl(&cfg),
            Draft::decl(&cfg),
            SuggestRequest::decl(&cfg),
            Suggestion::decl(&cfg),
            BriefRequest::decl(&cfg),
            BriefFormat::decl(&cfg),
            Brief::decl(&cfg),
            SinceSource::decl(&cfg),
            ConversationRef::decl(&cfg),
            BriefLevel::decl(&cfg),
            BriefSection::decl(&cfg),
            Coverage::decl(&cfg),
            BehaviourEvidence::decl(&cfg),
            EvidenceEntry::decl(&cfg),
            FeedbackQuote::decl(&cfg),
            GoalProgress::decl(&cfg),
            TalkingPointKind::decl(&cfg),
            TalkingPoint::decl(&cfg),
            Heatmap::decl(&cfg),
            HeatmapRow::decl(&cfg),
            HeatmapCell::decl(&cfg),
            Sort::decl(&cfg),
            SearchRequest::decl(&cfg),
            SearchResults::decl(&cfg),
            Hit::decl(&cfg),
            Facets::decl(&cfg),
            SavedSearch::decl(&cfg),
            ExportFormat::decl(&cfg),
            DataProgress::decl(&cfg),
            ExportSummary::decl(&cfg),
            ImportMode::decl(&cfg),
            ImportSummary::decl(&cfg),
            Conflict::decl(&cfg),
            PersonRenamed::decl(&cfg),
            BackupSummary::decl(&cfg),
            RestoreSummary::decl(&cfg),
        ];
        let mut out = String::from(HEADER);
        for d in decls {
            out.push('\n');
            out.push_str("export ");
            out.push_str(&d);
            out.push('\n');
        }
        // What `add_entry` and `update_entry` take (a Rust type alias ts-rs cannot see).
        out.push_str("\nexport type EntryInput = EntryContent;\n");
        out
    }

    #[test]
    fn generated_types_are_fresh() {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/generated/types.ts");
        let want = declarations();
        if std::env::var_os("UPDATE_TYPES").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "{} is stale: run `UPDATE_TYPES=1 cargo test -p rungs-app types`",
            path.display()
        );
    }
}
