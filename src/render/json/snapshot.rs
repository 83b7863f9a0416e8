//! `reportdiff.snapshot/v1`: a snapshot as JSON.

use serde::Serialize;

use crate::provenance::{Origin, Provenance};
use crate::snapshot::{BlockKind, Meta, Snapshot};

#[derive(Serialize)]
struct SnapshotJson<'a> {
    schema: &'static str,
    meta: MetaJson<'a>,
    blocks: Vec<BlockJson<'a>>,
    /// Where each metadata field was read from (a reading of an input only): an additive
    /// field of `reportdiff.snapshot/v1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<ProvenanceJson>,
}

/// Where the hospital, title, date and source came from ("h1", "meta:og:title", "title",
/// "info line", "url", "text", …), null when unknown.
#[derive(Serialize)]
struct ProvenanceJson {
    hospital: Option<String>,
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
}

impl From<&Provenance> for ProvenanceJson {
    fn from(p: &Provenance) -> Self {
        let name = |o: &Option<Origin>| o.as_ref().map(Origin::to_string);
        ProvenanceJson {
            hospital: name(&p.hospital),
            title: name(&p.title),
            published: name(&p.published),
            source: name(&p.source),
        }
    }
}

/// Metadata as the wire formats give it: every field present, unknown ones null.
#[derive(Serialize)]
pub(super) struct MetaJson<'a> {
    hospital: Option<&'a str>,
    title: Option<&'a str>,
    source: Option<&'a str>,
    published: Option<&'a str>,
    authors: &'a [String],
    url: Option<&'a str>,
}

impl<'a> From<&'a Meta> for MetaJson<'a> {
    fn from(meta: &'a Meta) -> Self {
        MetaJson {
            hospital: meta.hospital.as_deref(),
            title: meta.title.as_deref(),
            source: meta.source.as_deref(),
            published: meta.published.as_deref(),
            authors: &meta.authors,
            url: meta.url.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct BlockJson<'a> {
    kind: &'static str,
    sentences: &'a [String],
}

/// The `reportdiff.snapshot/v1` document for a snapshot.
pub fn snapshot_json(snapshot: &Snapshot) -> String {
    snapshot_with_provenance_json(snapshot, None)
}

/// The `reportdiff.snapshot/v1` document for a snapshot, with where its metadata came from.
pub fn snapshot_with_provenance_json(
    snapshot: &Snapshot,
    provenance: Option<&Provenance>,
) -> String {
    let doc = SnapshotJson {
        provenance: provenance.map(ProvenanceJson::from),
        schema: "reportdiff.snapshot/v1",
        meta: MetaJson::from(&snapshot.meta),
        blocks: snapshot
            .blocks
            .iter()
            .map(|b| BlockJson {
                kind: match b.kind {
                    BlockKind::Heading => "heading",
                    BlockKind::Paragraph => "paragraph",
                },
                sentences: &b.sentences,
            })
            .collect(),
    };
    super::to_string(&doc)
}
