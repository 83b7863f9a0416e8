//! Inline highlight of an edited sentence: a token diff, then a semantic clean-up so that a
//! rewritten clause reads as one deletion and one insertion rather than confetti.

use similar::{Algorithm, DiffOp};

use super::deadline::Deadline;
use super::mirror::{Mirror, in_canonical_order};
use super::tokens::tokenize;
use crate::changes::{Granularity, InlineOp, InlineSpan};
use crate::compare_key::{fold_script, sentence_key};

/// Equal islands of at most this many characters between two edits are absorbed.
const ISLAND_CHARS: usize = 2;

/// Longer islands (up to this) are absorbed when both neighbouring edits are at least twice
/// as long: "甲乙丙丁" -> "戊己丙庚辛" keeps "丙" only if it reads as kept.
const WIDE_ISLAND_CHARS: usize = 4;

/// Sentences with more tokens than this are highlighted as a whole: a token diff on them
/// would cost more than it tells.
pub(crate) const MAX_TOKENS: usize = 20_000;

/// One stretch of the highlight before it becomes spans. An equal stretch keeps both texts:
/// they differ where only what keys fold does (醫院 / 医院, 、 / ,), which is not an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Equal { old: String, new: String },
    Edit { old: String, new: String },
}

impl Mirror for Piece {
    fn mirrored(self) -> Piece {
        match self {
            Piece::Equal { old, new } => Piece::Equal { old: new, new: old },
            Piece::Edit { old, new } => Piece::Edit { old: new, new: old },
        }
    }
}

/// The highlight of `old` against `new`, and whether the deadline or the token cap made it
/// coarser (the whole of each side).
///
/// Tokens are compared on their comparison keys (script, punctuation width and quote style
/// folded), so a republished copy in the other script highlights only its real edits; an
/// equal span then carries the new side's text, and the old side's too where that is written
/// differently, so that each side reads back exactly.
///
/// The result is the mirror image of `highlight(new, old)`: the token diff always runs in one
/// canonical direction, so that the choice between equally short scripts does not depend on
/// which side is called old.
pub(crate) fn highlight(
    old: &str,
    new: &str,
    granularity: Granularity,
    deadline: Deadline,
) -> (Vec<InlineSpan>, bool) {
    let (old_tokens, old_keys) = keyed_tokens(old, granularity);
    let (new_tokens, new_keys) = keyed_tokens(new, granularity);
    let timed_out = deadline.passed();
    if old_tokens.len().max(new_tokens.len()) > MAX_TOKENS || timed_out {
        let pieces = vec![Piece::Edit {
            old: old.to_string(),
            new: new.to_string(),
        }];
        return (spans(&pieces), true);
    }
    let pieces = in_canonical_order(
        (old, &old_tokens[..], &old_keys[..]),
        (new, &new_tokens[..], &new_keys[..]),
        |(_, a_tokens, a_keys), (_, b_tokens, b_keys)| {
            token_pieces((a_tokens, a_keys), (b_tokens, b_keys), deadline)
        },
    );
    (spans(&absorb_islands(pieces)), false)
}

/// The tokens of `text` as written, and the key each is compared on. The tokenizer reads the
/// script-folded sentence (folded as a whole, character for character, so each character's
/// neighbours are in view): a Traditional figure such as `98.6萬人次` is one token, and a
/// token's key is its folded text with width and quote style folded too.
fn keyed_tokens(text: &str, granularity: Granularity) -> (Vec<&str>, Vec<String>) {
    let folded = fold_script(text);
    let mut rest = text;
    let mut written = Vec::new();
    let mut keys = Vec::new();
    for token in tokenize(&folded, granularity) {
        let chars = token.text.chars().count();
        let end = rest
            .char_indices()
            .nth(chars)
            .map_or(rest.len(), |(i, _)| i);
        let (this, tail) = rest.split_at(end);
        written.push(this);
        keys.push(sentence_key(token.text));
        rest = tail;
    }
    (written, keys)
}

/// Token diff as pieces, adjacent edits already joined.
fn token_pieces(
    (old, old_keys): (&[&str], &[String]),
    (new, new_keys): (&[&str], &[String]),
    deadline: Deadline,
) -> Vec<Piece> {
    let ops = deadline.diff_slices(Algorithm::Myers, old_keys, new_keys);
    let mut pieces: Vec<Piece> = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => pieces.push(Piece::Equal {
                old: old[old_index..old_index + len].concat(),
                new: new[new_index..new_index + len].concat(),
            }),
            DiffOp::Delete {
                old_index, old_len, ..
            } => push_edit(
                &mut pieces,
                old[old_index..old_index + old_len].concat(),
                "",
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push_edit(
                &mut pieces,
                "",
                new[new_index..new_index + new_len].concat(),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => push_edit(
                &mut pieces,
                old[old_index..old_index + old_len].concat(),
                new[new_index..new_index + new_len].concat(),
            ),
        }
    }
    pieces
}

fn push_edit(pieces: &mut Vec<Piece>, old: impl AsRef<str>, new: impl AsRef<str>) {
    if let Some(Piece::Edit { old: o, new: n }) = pieces.last_mut() {
        o.push_str(old.as_ref());
        n.push_str(new.as_ref());
    } else {
        pieces.push(Piece::Edit {
            old: old.as_ref().to_string(),
            new: new.as_ref().to_string(),
        });
    }
}

/// Absorbs tiny equal islands between two edits into one edit, until none is left.
fn absorb_islands(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        out.push(piece);
        // Look at the last three: Edit, Equal, Edit. Joining them may make the new edit and
        // the island before it absorbable in turn, so repeat.
        while out.len() >= 3 {
            let n = out.len();
            let (
                Piece::Edit { old: o1, new: n1 },
                Piece::Equal { old: eo, new: en },
                Piece::Edit { old: o2, new: n2 },
            ) = (&out[n - 3], &out[n - 2], &out[n - 1])
            else {
                break;
            };
            if !absorbable(en, edit_len(o1, n1), edit_len(o2, n2)) {
                break;
            }
            let joined = Piece::Edit {
                old: format!("{o1}{eo}{o2}"),
                new: format!("{n1}{en}{n2}"),
            };
            out.truncate(n - 3);
            out.push(joined);
        }
    }
    out
}

fn edit_len(old: &str, new: &str) -> usize {
    old.chars().count().max(new.chars().count())
}

fn absorbable(island: &str, before: usize, after: usize) -> bool {
    let len = island.chars().count();
    len <= ISLAND_CHARS || (len <= WIDE_ISLAND_CHARS && 2 * len <= before.min(after))
}

fn spans(pieces: &[Piece]) -> Vec<InlineSpan> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Equal { old, new } => push_span(&mut out, InlineOp::Equal, old, new),
            Piece::Edit { old, new } => {
                push_span(&mut out, InlineOp::Delete, old, old);
                push_span(&mut out, InlineOp::Insert, new, new);
            }
        }
    }
    out
}

/// Appends a run as old and as new write it (the same text for an edit), joined to the last
/// span when that has the same op.
pub(super) fn push_span(out: &mut Vec<InlineSpan>, op: InlineOp, old: &str, new: &str) {
    if old.is_empty() && new.is_empty() {
        return;
    }
    let (old, new) = match out.last() {
        Some(last) if last.op == op => {
            let joined = (
                format!("{}{old}", last.text_of(InlineOp::Delete)),
                format!("{}{new}", last.text),
            );
            out.pop();
            joined
        }
        _ => (old.to_string(), new.to_string()),
    };
    out.push(InlineSpan {
        op,
        old_text: (old != new).then_some(old),
        text: new,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::side_text;

    fn show(old: &str, new: &str, granularity: Granularity) -> String {
        let (spans, coarse) = highlight(old, new, granularity, Deadline::NONE);
        assert!(!coarse);
        spans
            .iter()
            .map(|s| match s.op {
                InlineOp::Equal => s.text.clone(),
                InlineOp::Delete => format!("[-{}-]", s.text),
                InlineOp::Insert => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn a_traditional_figure_is_one_token_read_as_written() {
        let (tokens, keys) = keyed_tokens("門診98.6萬人次，床位120張", Granularity::Char);
        assert_eq!(tokens.concat(), "門診98.6萬人次，床位120張");
        assert!(tokens.contains(&"98.6萬人次") && tokens.contains(&"120張"));
        assert!(keys.contains(&"98.6万人次".to_string()));
    }

    #[test]
    fn a_thousands_separated_figure_is_replaced_whole() {
        assert_eq!(
            show("出院1,200人次。", "出院1,300人次。", Granularity::Char),
            "出院[-1,200人次-]{+1,300人次+}。"
        );
    }

    #[test]
    fn script_alone_is_not_highlighted() {
        assert_eq!(
            show(
                "醫院黨建工作取得新進展。",
                "医院党建工作取得新成效。",
                Granularity::Char
            ),
            "医院党建工作取得新[-進展-]{+成效+}。"
        );
    }

    #[test]
    fn an_ocr_slip_is_one_character() {
        assert_eq!(
            show(
                "贯彻落实党委领导下的院长负贵制。",
                "贯彻落实党委领导下的院长负责制。",
                Granularity::Char
            ),
            "贯彻落实党委领导下的院长负[-贵-]{+责+}制。"
        );
    }

    #[test]
    fn a_figure_is_highlighted_whole() {
        assert_eq!(
            show(
                "2024年门诊量达到42.15万人次。",
                "2024年门诊量达到45.30万人次。",
                Granularity::Char
            ),
            "2024年门诊量达到[-42.15万人次-]{+45.30万人次+}。"
        );
    }

    #[test]
    fn a_rewritten_clause_is_one_deletion_and_one_insertion() {
        assert_eq!(
            show(
                "医院持续不断增强、提升学科建设水平。",
                "医院大力推进重点专科和学科建设。",
                Granularity::Char
            ),
            "医院[-持续不断增强、提升-]{+大力推进重点专科和+}学科建设[-水平-]。"
        );
    }

    #[test]
    fn word_granularity_highlights_whole_words() {
        assert_eq!(
            show(
                "贯彻落实党委领导下的院长负贵制。",
                "贯彻落实党委领导下的院长负责制。",
                Granularity::Word
            ),
            "贯彻落实党委领导下的[-院长负贵制-]{+院长负责制+}。"
        );
    }

    #[test]
    fn old_and_new_read_back_from_the_spans() {
        let (old, new) = (
            "由18个党支部调整为23个党支部。",
            "由18个支部调整为25个党支部,成效明显。",
        );
        let (spans, _) = highlight(old, new, Granularity::Char, Deadline::NONE);
        assert_eq!(side_text(&spans, InlineOp::Delete), old);
        assert_eq!(side_text(&spans, InlineOp::Insert), new);
    }

    /// `spans` as the diff the other way round gives them: ops and sides swapped, an edit's
    /// deletion still first.
    fn flipped(spans: Vec<InlineSpan>) -> Vec<InlineSpan> {
        let mut flipped: Vec<InlineSpan> = spans
            .into_iter()
            .map(|s| match s.op {
                InlineOp::Delete => InlineSpan::new(InlineOp::Insert, s.text),
                InlineOp::Insert => InlineSpan::new(InlineOp::Delete, s.text),
                InlineOp::Equal => InlineSpan::equal(&s.text, s.text_of(InlineOp::Delete)),
            })
            .collect();
        for i in 1..flipped.len() {
            if flipped[i - 1].op == InlineOp::Insert && flipped[i].op == InlineOp::Delete {
                flipped.swap(i - 1, i);
            }
        }
        flipped
    }

    #[test]
    fn highlight_is_a_mirror_image() {
        for (old, new) in [
            ("甲乙丙丁戊", "乙甲丙戊丁"),
            ("精神病、儿童青少年", "精神病,青少年"),
        ] {
            let (forward, _) = highlight(old, new, Granularity::Char, Deadline::NONE);
            let (backward, _) = highlight(new, old, Granularity::Char, Deadline::NONE);
            assert_eq!(forward, flipped(backward), "{old} -> {new}");
        }
    }

    #[test]
    fn an_equal_span_keeps_the_old_text_where_it_is_written_differently() {
        let (spans, _) = highlight(
            "精神病、儿童青少年",
            "精神病,青少年",
            Granularity::Char,
            Deadline::NONE,
        );
        assert_eq!(
            spans,
            [
                InlineSpan::equal("精神病、", "精神病,"),
                InlineSpan::new(InlineOp::Delete, "儿童"),
                InlineSpan::new(InlineOp::Equal, "青少年"),
            ]
        );
        assert_eq!(spans[0].old_text.as_deref(), Some("精神病、"));
        assert_eq!(side_text(&spans, InlineOp::Delete), "精神病、儿童青少年");
        assert_eq!(side_text(&spans, InlineOp::Insert), "精神病,青少年");
    }

    #[test]
    fn past_the_deadline_the_highlight_is_coarse() {
        let past = Deadline::after(std::time::Duration::ZERO);
        let (spans, coarse) = highlight("负贵制", "负责制", Granularity::Char, past);
        assert!(coarse);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].text, "负贵制");
    }

    #[test]
    fn a_sentence_past_the_token_cap_is_highlighted_whole() {
        let old = "负贵制".repeat(MAX_TOKENS / 3 + 1);
        let new = "负责制".repeat(MAX_TOKENS / 3 + 1);
        let (spans, coarse) = highlight(&old, &new, Granularity::Char, Deadline::NONE);
        assert!(coarse);
        assert_eq!(
            spans,
            [
                InlineSpan::new(InlineOp::Delete, old),
                InlineSpan::new(InlineOp::Insert, new)
            ]
        );
    }
}
