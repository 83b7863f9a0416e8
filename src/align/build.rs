//! One aligned step becomes a change: highlighted inside, classified, and kept, hidden (an
//! edit of punctuation, spacing or script only) or left out (a class the reader ignores).

use crate::changes::{Change, ChangeKind, DiffOptions, InlineOp, InlineSpan};

use super::classify::{classify, is_ignored, is_surface, one_sided_class};
use super::deadline::Deadline;
use super::inline;
use super::pairing::Step;
use super::surface;
use super::{Alignment, Pending, Side};

/// Highlights, classifies and filters one pending change into the alignment.
pub(super) fn build(
    item: Pending,
    old: &Side<'_>,
    new: &Side<'_>,
    options: &DiffOptions,
    deadline: Deadline,
    alignment: &mut Alignment,
) {
    let (kind, old_index, new_index, similarity) = match item {
        Pending::Same { old: i, new: j } => {
            // Between two hospitals the masked forms decide: their names are no edit.
            let (old_form, new_form) = (old.form(i), new.form(j));
            if old_form == new_form {
                alignment.unchanged += 1;
                return;
            }
            if !options.show_punctuation {
                alignment.unchanged += 1;
                let class = classify(old_form, new_form, deadline);
                alignment.hidden.count(class);
                return;
            }
            (ChangeKind::Modified, vec![i], vec![j], Some(1.0))
        }
        Pending::Run(Step::Pair {
            old: o,
            new: n,
            similarity,
        }) => {
            let kind = match (o.len(), n.len()) {
                (1, 2) => ChangeKind::Split,
                (2, 1) => ChangeKind::Merged,
                _ => ChangeKind::Modified,
            };
            (kind, o.collect(), n.collect(), Some(similarity))
        }
        Pending::Run(Step::Deleted(i)) => (ChangeKind::Deleted, vec![i], vec![], None),
        Pending::Run(Step::Added(j)) => (ChangeKind::Added, vec![], vec![j], None),
        Pending::Moved {
            old: i,
            new: j,
            similarity,
        } => (ChangeKind::Moved, vec![i], vec![j], Some(similarity)),
    };
    let (old_text, new_text) = (old.joined(&old_index), new.joined(&new_index));
    let class = match kind {
        ChangeKind::Added => one_sided_class(&new_text),
        ChangeKind::Deleted => one_sided_class(&old_text),
        _ => match (
            old.compared_joined(&old_index),
            new.compared_joined(&new_index),
        ) {
            (Some(old_form), Some(new_form)) => classify(&old_form, &new_form, deadline),
            _ => classify(&old_text, &new_text, deadline),
        },
    };
    // A move is news even when its text is the same; other surface-only edits are hidden.
    if is_surface(class) && !options.show_punctuation && kind != ChangeKind::Moved {
        if kind == ChangeKind::Modified {
            alignment.unchanged += 1;
        }
        alignment.hidden.count(class);
        return;
    }
    if is_ignored(class, &options.ignore) {
        return;
    }
    let inline = match kind {
        ChangeKind::Added => vec![InlineSpan::new(InlineOp::Insert, new_text)],
        ChangeKind::Deleted => vec![InlineSpan::new(InlineOp::Delete, old_text)],
        _ => {
            let (spans, coarse) =
                inline::highlight(&old_text, &new_text, options.granularity, deadline);
            alignment.coarse |= coarse;
            if options.show_punctuation {
                // Asked to see surface edits, the reader must see where they are: a
                // script-only edit would otherwise be a line with nothing marked.
                surface::expose_surface(spans, deadline)
            } else {
                spans
            }
        }
    };
    alignment.changes.push(Change {
        kind,
        class,
        old: old_index.iter().map(|&i| old.text[i].to_string()).collect(),
        new: new_index.iter().map(|&j| new.text[j].to_string()).collect(),
        old_index,
        new_index,
        similarity,
        inline,
    });
}
