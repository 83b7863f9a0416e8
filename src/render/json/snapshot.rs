//! `reportdiff.snapshot/v1`: a snapshot as JSON.

use serde::Serialize;

use crate::snapshot::{BlockKind, Meta, Snapshot};

#[derive(Serialize)]
struct SnapshotJson<'a> {
    schema: &'static str,
    meta: MetaJson<'a>,
    blocks: Vec<BlockJson<'a>>,
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
    let doc = SnapshotJson {
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
