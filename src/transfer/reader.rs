//! Reading a JSON export without holding it in memory: a first pass reads
//! everything but the entries (and counts them), a second hands each entry to the
//! import as soon as it is parsed. An export of 100,000 entries is some 360 MB of
//! JSON and several times that as parsed values; this way memory is the document's
//! head and one entry.

use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::dump::{Document, EntryDoc};
use crate::{Error, Result};

/// Stands for the entries in the first pass: only how many there are.
#[derive(Debug, Default, Serialize)]
pub struct Count(pub usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Counter;
        impl<'de> Visitor<'de> for Counter {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of entries")
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        d.deserialize_seq(Counter)
    }
}

fn open(file: &Path) -> Result<serde_json::Deserializer<serde_json::de::IoRead<BufReader<File>>>> {
    let f =
        File::open(file).map_err(|e| Error::io(format!("cannot read {}", file.display()), e))?;
    Ok(serde_json::Deserializer::from_reader(
        BufReader::with_capacity(1 << 16, f),
    ))
}

/// A parse error as [`super::parse`] words it, naming the file.
fn not_an_export(file: &Path, e: &serde_json::Error) -> Error {
    if e.is_io() {
        return Error::io(
            format!("cannot read {}", file.display()),
            std::io::Error::other(e.to_string()),
        );
    }
    Error::invalid(
        "file",
        format!(
            "{} is not a Rungs JSON export (line {}, column {}: {e})",
            file.display(),
            e.line(),
            e.column()
        ),
    )
}

/// The first pass: the document but its entries, which are counted.
pub fn head(file: &Path) -> Result<Document<Count>> {
    let mut de = open(file)?;
    let doc = Document::<Count>::deserialize(&mut de).map_err(|e| not_an_export(file, &e))?;
    de.end().map_err(|e| not_an_export(file, &e))?;
    Ok(doc)
}

/// The second pass: `f(i, entry)` for each entry in order. The first error `f`
/// returns stops the reading and is returned as it is.
pub fn each_entry(file: &Path, f: &mut dyn FnMut(usize, EntryDoc) -> Result<()>) -> Result<()> {
    let mut de = open(file)?;
    let mut failed = None;
    let read = de
        .deserialize_map(Top {
            f,
            failed: &mut failed,
        })
        .and_then(|()| de.end());
    match (failed, read) {
        (Some(e), _) => Err(e),
        (None, Err(e)) => Err(not_an_export(file, &e)),
        (None, Ok(())) => Ok(()),
    }
}

/// The document's top level: every key skipped but `entries`.
struct Top<'a> {
    f: &'a mut dyn FnMut(usize, EntryDoc) -> Result<()>,
    failed: &'a mut Option<Error>,
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Rungs JSON export")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let Top { f, failed } = self;
        while let Some(key) = map.next_key::<String>()? {
            if key == "entries" {
                map.next_value_seed(Entries {
                    f: &mut *f,
                    failed: &mut *failed,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Entries<'a> {
    f: &'a mut dyn FnMut(usize, EntryDoc) -> Result<()>,
    failed: &'a mut Option<Error>,
}

impl<'de> DeserializeSeed<'de> for Entries<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Entries<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut i = 0;
        while let Some(entry) = seq.next_element::<EntryDoc>()? {
            if let Err(e) = (self.f)(i, entry) {
                let shown = e.to_string();
                *self.failed = Some(e);
                return Err(de::Error::custom(shown));
            }
            i += 1;
        }
        Ok(())
    }
}
