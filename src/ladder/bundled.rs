//! The ladder Rungs ships with: two levels of the DevOps Support Engineer track
//! (from OctopusDeploy/People, Apache-2.0; see `ladders/support/NOTICE.md`).
//! It is imported into every new data directory; its behaviour ids come from the
//! file order (`L2.3.1` = level L2, third section, first bullet) and must never
//! change: `tests/it/ladder.rs` pins them.

use sha2::{Digest, Sha256};

pub const TRACK_SLUG: &str = "support";
pub const TRACK_NAME: &str = "DevOps Support Engineer";

pub const FILES: &[(&str, &str)] = &[
    (
        "L1-Junior-DevOps-Support-Engineer.md",
        include_str!("../../ladders/support/L1-Junior-DevOps-Support-Engineer.md"),
    ),
    (
        "L2-DevOps-Support-Engineer.md",
        include_str!("../../ladders/support/L2-DevOps-Support-Engineer.md"),
    ),
];

/// A fingerprint of the bundled files: when a release changes them, the next open
/// re-imports them (matching existing behaviours, so ids and links survive).
pub fn fingerprint() -> String {
    let mut h = Sha256::new();
    for (name, text) in FILES {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        h.update([0]);
    }
    format!("{:x}", h.finalize())
}
