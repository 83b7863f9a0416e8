//! The front half of the data flow: bytes in, a [`Snapshot`] out
//! (decode -> extract -> metadata -> normalize -> segment).

use thiserror::Error;

use crate::decode::{self, DecodeError};
use crate::extract;
use crate::metadata;
use crate::normalize;
use crate::page::NoArticle;
use crate::provenance::{Origin, Provenance};
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
    /// A web page holds no article; the page's make-up says why.
    #[error("no report text found: {0}")]
    NoArticle(NoArticle),
}

/// A report as read: its snapshot, where its metadata came from, and how many bytes of the
/// input fit no encoding (read as U+FFFD; the caller decides whether to warn).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The normalized report.
    pub snapshot: Snapshot,
    /// Where the hospital, title, date and source came from.
    pub provenance: Provenance,
    /// Bytes of the input replaced by U+FFFD.
    pub replaced: usize,
}

/// Reads a report (plain text, HTML, or an existing snapshot file) into a [`Snapshot`].
///
/// Deterministic, and idempotent on its own output: reading a snapshot file gives the same
/// snapshot back.
pub fn read_report(bytes: &[u8], options: &ReadOptions) -> Result<Snapshot, ReadError> {
    read(bytes, options).map(|reading| reading.snapshot)
}

/// Reads a report as [`read_report`] does, and says where its metadata came from and how
/// many of its bytes were undecodable.
pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<Reading, ReadError> {
    let decoded = decode::decode_counted(bytes)?;
    let text = decoded.text;
    let mut texture = None;
    let (mut snapshot, mut provenance) = if snapshot::looks_like_snapshot(&text) {
        let snapshot = Snapshot::from_markdown(&text)?;
        let stated = |v: &Option<String>| v.as_ref().map(|_| Origin::FrontMatter);
        let provenance = Provenance {
            hospital: stated(&snapshot.meta.hospital),
            title: stated(&snapshot.meta.title),
            published: stated(&snapshot.meta.published),
            source: stated(&snapshot.meta.source),
        };
        (snapshot, provenance)
    } else {
        let mut page = extract::extract(&text, metadata::is_meta_line);
        texture = page.texture;
        // The caller's address before the page's own canonical one.
        if let Some(url) = &options.url {
            page.hints.url = Some(url.clone());
        }
        let (meta, mut provenance, body) = metadata::read(page);
        let lines: Vec<String> = body
            .iter()
            .map(|line| normalize::normalize_line(line))
            .filter(|line| !line.is_empty())
            .collect();
        let mut meta = normalize_meta(meta);
        meta.hospital = metadata::hospital(meta.title.as_deref(), meta.source.as_deref(), &lines);
        provenance.hospital = meta.hospital.as_ref().map(|_| Origin::Text);
        let snapshot = Snapshot {
            meta,
            blocks: segment::segment(&lines),
        };
        (snapshot, provenance)
    };
    if snapshot.sentence_count() == 0 {
        return Err(match texture {
            Some(texture) => ReadError::NoArticle(texture.no_article()),
            None => ReadError::Empty,
        });
    }
    if let Some(hospital) = &options.hospital {
        snapshot.meta.hospital = Some(hospital.clone());
        provenance.hospital = Some(Origin::Option);
    }
    if let Some(url) = &options.url {
        snapshot.meta.url = Some(url.clone());
    }
    Ok(Reading {
        snapshot,
        provenance,
        replaced: decoded.replaced,
    })
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
