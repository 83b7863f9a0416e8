//! The front half of the data flow: bytes in, a [`Snapshot`] out
//! (decode -> extract -> metadata -> normalize -> segment).

use thiserror::Error;

use crate::decode::{self, DecodeError};
use crate::extract;
use crate::metadata;
use crate::normalize;
use crate::segment;
use crate::snapshot::{self, Meta, Snapshot, SnapshotError};

/// Revision of the normalization rules (decode, extract, metadata, normalize, segment); raise
/// it whenever a rule change alters output, so that stored snapshots say which rules made
/// them and `reportdiff renormalize` has a reason to run.
pub const RULES_REVISION: u32 = 1;

/// The normalizer version a stored snapshot records: `<crate version>+rules.<N>`.
pub fn normalizer_version() -> String {
    format!("{}+rules.{RULES_REVISION}", env!("CARGO_PKG_VERSION"))
}

/// What the caller knows about an input beyond its bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Overrides the hospital read from the text.
    pub hospital: Option<String>,
    /// Where the input was fetched from, recorded in the snapshot.
    pub url: Option<String>,
}

/// Why an input could not become a snapshot.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The bytes are not text in a supported encoding.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The input is a snapshot file whose front matter is broken.
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    /// Nothing is left once boilerplate is removed.
    #[error("no report text found (empty, or only page boilerplate)")]
    Empty,
}

/// Reads a report (plain text, HTML, or an existing snapshot file) into a [`Snapshot`].
///
/// Deterministic, and idempotent on its own output: reading a snapshot file gives the same
/// snapshot back.
pub fn read_report(bytes: &[u8], options: &ReadOptions) -> Result<Snapshot, ReadError> {
    let text = decode::decode(bytes)?;
    let mut snapshot = if snapshot::looks_like_snapshot(&text) {
        Snapshot::from_markdown(&text)?
    } else {
        let page = extract::extract(&text, metadata::is_meta_line);
        let (meta, body) = metadata::read(page);
        let lines: Vec<String> = body
            .iter()
            .map(|line| normalize::normalize_line(line))
            .filter(|line| !line.is_empty())
            .collect();
        Snapshot {
            meta: normalize_meta(meta),
            blocks: segment::segment(&lines),
        }
    };
    if snapshot.sentence_count() == 0 {
        return Err(ReadError::Empty);
    }
    if let Some(hospital) = &options.hospital {
        snapshot.meta.hospital = Some(hospital.clone());
    }
    if let Some(url) = &options.url {
        snapshot.meta.url = Some(url.clone());
    }
    Ok(snapshot)
}

/// Normalizes every metadata value as the body is normalized, so that a title or a name
/// compares equal however the page punctuated or spaced it.
fn normalize_meta(meta: Meta) -> Meta {
    let value = |v: Option<String>| {
        v.map(|v| normalize::normalize_line(&v))
            .filter(|v| !v.is_empty())
    };
    Meta {
        hospital: value(meta.hospital),
        title: value(meta.title),
        source: value(meta.source),
        // Already ISO `YYYY-MM-DD`, built by the metadata reader.
        published: meta.published,
        authors: meta
            .authors
            .iter()
            .map(|a| normalize::normalize_line(a))
            .filter(|a| !a.is_empty())
            .collect(),
        url: meta.url,
        normalizer: meta.normalizer,
    }
}
