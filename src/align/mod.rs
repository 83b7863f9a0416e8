//! Align: old vs new sentences, paired into changes.

use similar::{Algorithm, DiffOp};
use std::time::Instant;

use crate::compare_key::sentence_key;
use crate::diff::{Change, ChangeClass, ChangeKind, DiffOptions, InlineOp, InlineSpan};
use crate::snapshot::Snapshot;

/// The sentence changes between two snapshots.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alignment {
    /// Changes in the order of the new text.
    pub changes: Vec<Change>,
    /// Number of sentences equal on both sides.
    pub unchanged: usize,
    /// Whether the deadline cut the alignment short.
    pub coarse: bool,
}

/// Aligns the sentences of `old` and `new` on their comparison keys.
pub fn align(old: &Snapshot, new: &Snapshot, options: &DiffOptions) -> Alignment {
    let old_text: Vec<&str> = old.sentences().map(|s| s.text).collect();
    let new_text: Vec<&str> = new.sentences().map(|s| s.text).collect();
    let old_keys: Vec<String> = old_text.iter().map(|s| sentence_key(s)).collect();
    let new_keys: Vec<String> = new_text.iter().map(|s| sentence_key(s)).collect();
    let deadline = Instant::now().checked_add(options.timeout);
    let ops =
        similar::capture_diff_slices_deadline(Algorithm::Patience, &old_keys, &new_keys, deadline);
    let mut alignment = Alignment::default();
    for op in ops {
        match op {
            DiffOp::Equal { len, .. } => alignment.unchanged += len,
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for (i, text) in old_text.iter().enumerate().skip(old_index).take(old_len) {
                    alignment
                        .changes
                        .push(one_sided(ChangeKind::Deleted, i, text));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for (i, text) in new_text.iter().enumerate().skip(new_index).take(new_len) {
                    alignment
                        .changes
                        .push(one_sided(ChangeKind::Added, i, text));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for k in 0..old_len.max(new_len) {
                    let (o, n) = (old_index + k, new_index + k);
                    if k < old_len && k < new_len {
                        alignment.changes.push(Change {
                            kind: ChangeKind::Modified,
                            class: ChangeClass::Wording,
                            old: vec![old_text[o].to_string()],
                            new: vec![new_text[n].to_string()],
                            old_index: vec![o],
                            new_index: vec![n],
                            similarity: None,
                            inline: vec![
                                span(InlineOp::Delete, old_text[o]),
                                span(InlineOp::Insert, new_text[n]),
                            ],
                        });
                    } else if k < old_len {
                        alignment
                            .changes
                            .push(one_sided(ChangeKind::Deleted, o, old_text[o]));
                    } else {
                        alignment
                            .changes
                            .push(one_sided(ChangeKind::Added, n, new_text[n]));
                    }
                }
            }
        }
    }
    alignment
}

fn span(op: InlineOp, text: &str) -> InlineSpan {
    InlineSpan {
        op,
        text: text.to_string(),
    }
}

fn one_sided(kind: ChangeKind, index: usize, text: &str) -> Change {
    let (old, new, old_index, new_index, op) = if kind == ChangeKind::Deleted {
        (
            vec![text.to_string()],
            vec![],
            vec![index],
            vec![],
            InlineOp::Delete,
        )
    } else {
        (
            vec![],
            vec![text.to_string()],
            vec![],
            vec![index],
            InlineOp::Insert,
        )
    };
    Change {
        kind,
        class: ChangeClass::Wording,
        old,
        new,
        old_index,
        new_index,
        similarity: None,
        inline: vec![span(op, text)],
    }
}
