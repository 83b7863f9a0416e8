//! Surface edits made visible: for a reader who asked to see them (`--show-punctuation`), an
//! equal span that the two sides write differently is broken into the characters that differ,
//! so that a script-only edit is not a line with nothing marked.

use similar::{Algorithm, DiffOp};

use crate::changes::{InlineOp, InlineSpan};

use super::deadline::Deadline;
use super::inline::push_span;

/// The same highlight with every equal span that the two sides write differently (script,
/// punctuation width, quote style, spacing) broken into its equal, deleted and inserted
/// characters, for a reader who asked to see such edits.
pub(crate) fn expose_surface(spans: Vec<InlineSpan>, deadline: Deadline) -> Vec<InlineSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let Some(old) = span
            .old_text
            .as_deref()
            .filter(|_| span.op == InlineOp::Equal)
        else {
            push_span(
                &mut out,
                span.op,
                span.text_of(InlineOp::Delete),
                &span.text,
            );
            continue;
        };
        let old_chars: Vec<char> = old.chars().collect();
        let new_chars: Vec<char> = span.text.chars().collect();
        let text = |chars: &[char]| chars.iter().collect::<String>();
        for op in deadline.diff_slices(Algorithm::Myers, &old_chars, &new_chars) {
            let (o, n) = (op.old_range(), op.new_range());
            let (old_run, new_run) = (text(&old_chars[o]), text(&new_chars[n]));
            if let DiffOp::Equal { .. } = op {
                push_span(&mut out, InlineOp::Equal, &old_run, &new_run);
            } else {
                push_span(&mut out, InlineOp::Delete, &old_run, &old_run);
                push_span(&mut out, InlineOp::Insert, &new_run, &new_run);
            }
        }
    }
    out
}
