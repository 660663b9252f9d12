//! The ladder half of the [`Journal`] API (the CLI and the app call these): show,
//! import (and dry run), remove, resolve `--level`, the profile's level, and the
//! evidence behind each behaviour.

use super::import::{self, ImportOptions, ImportReport};
use super::remove::{self, RemoveReport};
use super::{Evidence, Ladder, LevelRef, Profile, evidence, levels, profile, store};
use crate::{Journal, Result};

impl Journal {
    /// The ladder with active behaviours only.
    pub fn ladder(&self) -> Result<Ladder> {
        store::load(self.database().conn())
    }

    /// The ladder with retired behaviours too, flagged `retired`.
    pub fn ladder_with_retired(&self) -> Result<Ladder> {
        store::load_with(self.database().conn(), true)
    }

    /// Imports ladder files (name, bytes) in one transaction: if any file is bad,
    /// none is imported. With `dry_run`, plans the same and writes nothing.
    pub fn import_ladder(
        &mut self,
        files: &[(String, Vec<u8>)],
        options: &ImportOptions,
    ) -> Result<ImportReport> {
        let parsed = import::parse_files(files)?;
        let track = options.track.as_deref();
        if options.dry_run {
            return import::run(self.database().conn(), parsed, track, true);
        }
        self.write(|tx| import::run(tx, parsed, track, false))
    }

    /// Removes an imported track or level (`TRACK` or `TRACK/CODE`) no entry links to.
    pub fn remove_ladder(&mut self, target: &str) -> Result<RemoveReport> {
        self.write(|tx| remove::remove(tx, target))
    }

    /// How many entries (not in the trash) link to each behaviour, and the latest one's
    /// date; behaviours without evidence are left out.
    pub fn evidence(&self) -> Result<Vec<Evidence>> {
        evidence::all(self.database().conn())
    }

    /// Every level, tracks in creation order.
    pub fn levels(&self) -> Result<Vec<LevelRef>> {
        levels::all(self.database().conn())
    }

    /// `CODE` or `TRACK/CODE` → the level; an ambiguous code lists the candidates.
    pub fn resolve_level(&self, input: &str) -> Result<LevelRef> {
        levels::resolve_level(self.database().conn(), input)
    }

    pub fn profile(&self) -> Result<Profile> {
        profile::load(self.database().conn())
    }

    /// Sets the current level (`None` clears it).
    pub fn set_profile_level(&mut self, level: Option<&str>) -> Result<Profile> {
        self.write(|tx| {
            let level = level.map(|l| levels::resolve_level(tx, l)).transpose()?;
            profile::set_level(tx, level.as_ref())?;
            profile::load(tx)
        })
    }

    /// Imports the bundled ladder when this data directory has not seen this
    /// release's copy of it yet (checked again inside the write: another process
    /// may have done it meanwhile).
    pub(crate) fn ensure_bundled_ladder(&mut self) -> Result<()> {
        let fingerprint = super::bundled::fingerprint();
        let seen = |conn: &rusqlite::Connection| -> Result<bool> {
            let value: Option<String> = rusqlite::OptionalExtension::optional(conn.query_row(
                "SELECT value FROM meta WHERE key = 'bundled_ladder'",
                [],
                |r| r.get(0),
            ))?;
            Ok(value.as_deref() == Some(fingerprint.as_str()))
        };
        if seen(self.database().conn())? {
            return Ok(());
        }
        self.write(|tx| {
            if seen(tx)? {
                return Ok(());
            }
            import::bundled(tx)?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('bundled_ladder', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [&fingerprint],
            )?;
            Ok(())
        })
    }
}
