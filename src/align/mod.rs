//! Align: old vs new sentences, paired into changes.
//!
//! 1. Every sentence (headings included) gets its comparison key
//!    ([`sentence_key`]): punctuation width, spacing, quote style and script do not count.
//! 2. Equal runs are anchored first by a patience diff over the keys, under the deadline.
//! 3. Inside each unequal run, sentences are paired by similarity (`pairing.rs`): an edited
//!    sentence is one `modified` change, 1:2 is `split`, 2:1 is `merged`.
//! 4. Deleted and added sentences left over anywhere are matched again (`moves.rs`): a
//!    sentence found elsewhere, edited or not, is `moved`.
//! 5. Each change gets its inline highlight (`inline.rs`) and its class (`classify.rs`);
//!    punctuation-, script- and spacing-only changes are dropped unless asked for.
//!
//! Every step is bounded (windows, posting caps, token caps) and watches one deadline; past
//! it the rest of the diff is coarser (runs left as added/deleted) and `coarse` is set.

mod build;
mod classify;
mod deadline;
mod inline;
mod mirror;
mod moves;
mod pairing;
mod similarity;
mod surface;
mod tokens;

use std::ops::Range;

use similar::{Algorithm, DiffOp};

use crate::changes::{Change, DiffOptions, Hidden};
use crate::compare_key::sentence_key;
use crate::snapshot::Snapshot;

use build::build;
use deadline::Deadline;
use mirror::in_canonical_order;
use pairing::Step;

/// The sentence changes between two snapshots.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alignment {
    /// Changes in the order of the new text, deletions where they stood.
    pub changes: Vec<Change>,
    /// Number of sentences equal on both sides (edits hidden as punctuation-only included).
    pub unchanged: usize,
    /// Edits hidden because they change only punctuation, spacing or script.
    pub hidden: Hidden,
    /// Whether the deadline cut the alignment short.
    pub coarse: bool,
}

/// One side's sentences and their keys.
struct Side<'a> {
    text: Vec<&'a str>,
    key: Vec<String>,
    /// The forms sentences are compared in when they are not the text itself (masked names
    /// of different hospitals); classes come from these, highlights from the text.
    compared: Option<&'a [String]>,
}

impl<'a> Side<'a> {
    fn of(snapshot: &'a Snapshot, compared: Option<&'a [String]>) -> Side<'a> {
        let text: Vec<&str> = snapshot.sentences().map(|s| s.text).collect();
        let key = match compared {
            Some(forms) => forms.iter().map(|t| sentence_key(t)).collect(),
            None => text.iter().map(|t| sentence_key(t)).collect(),
        };
        Side {
            text,
            key,
            compared,
        }
    }

    fn keys(&self, range: Range<usize>) -> Vec<&str> {
        self.key[range].iter().map(String::as_str).collect()
    }

    fn joined(&self, indices: &[usize]) -> String {
        indices.iter().map(|&i| self.text[i]).collect()
    }

    /// Sentence `i` in the form it is compared in.
    fn form(&self, i: usize) -> &str {
        self.compared
            .map_or(self.text[i], |forms| forms[i].as_str())
    }

    /// The sentences at `indices` joined, in the form they are compared in.
    fn compared_joined(&self, indices: &[usize]) -> Option<String> {
        self.compared
            .map(|forms| indices.iter().map(|&i| forms[i].as_str()).collect())
    }
}

/// A change before it is highlighted, classified and filtered; indices are absolute.
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    /// Equal keys, possibly different text (spacing, punctuation form, script).
    Same { old: usize, new: usize },
    /// A step of an unequal run: paired by similarity (1:1, 1:2 or 2:1), deleted or added.
    Run(Step),
    Moved {
        old: usize,
        new: usize,
        similarity: f64,
    },
}

/// Aligns the sentences of `old` and `new` on their comparison keys.
pub fn align(old: &Snapshot, new: &Snapshot, options: &DiffOptions) -> Alignment {
    align_sides(Side::of(old, None), Side::of(new, None), options)
}

/// Aligns the sentences of `old` and `new` compared in other forms: `compared.0[i]` stands
/// for old sentence `i` and `compared.1[j]` for new sentence `j` (one form per sentence,
/// headings included), as when the names of two different hospitals are masked. Pairing,
/// moves and each change's class come from these forms; the changes hold the sentences as
/// written, and their highlights compare those.
pub fn align_compared(
    old: &Snapshot,
    new: &Snapshot,
    compared: (&[String], &[String]),
    options: &DiffOptions,
) -> Alignment {
    let (old_forms, new_forms) = compared;
    if old_forms.len() != old.sentence_count() || new_forms.len() != new.sentence_count() {
        // A caller's slip: compare the text itself rather than misread indices.
        return align(old, new, options);
    }
    align_sides(
        Side::of(old, Some(old_forms)),
        Side::of(new, Some(new_forms)),
        options,
    )
}

fn align_sides(old_side: Side<'_>, new_side: Side<'_>, options: &DiffOptions) -> Alignment {
    let deadline = Deadline::after(options.timeout);
    let mut coarse = false;
    let ops = anchor(&old_side.key, &new_side.key, deadline);
    coarse |= deadline.passed();

    let mut pending: Vec<Option<Pending>> = Vec::new();
    let mut run: Option<(Range<usize>, Range<usize>)> = None;
    for op in ops {
        let (o, n) = (op.old_range(), op.new_range());
        if let DiffOp::Equal { .. } = op {
            if let Some((ro, rn)) = run.take() {
                coarse |= pair(&old_side, &new_side, ro, rn, deadline, &mut pending);
            }
            pending.extend(o.zip(n).map(|(old, new)| Some(Pending::Same { old, new })));
        } else {
            run = Some(match run {
                Some((ro, rn)) => (ro.start..o.end, rn.start..n.end),
                None => (o, n),
            });
        }
    }
    if let Some((ro, rn)) = run {
        coarse |= pair(&old_side, &new_side, ro, rn, deadline, &mut pending);
    }
    coarse |= mark_moves(&old_side, &new_side, &mut pending, deadline);

    let mut alignment = Alignment {
        coarse,
        ..Alignment::default()
    };
    for item in pending.into_iter().flatten() {
        build(
            item,
            &old_side,
            &new_side,
            options,
            deadline,
            &mut alignment,
        );
    }
    alignment
}

/// Equal runs of keys. The diff runs in one canonical direction so that `diff(a, b)` and
/// `diff(b, a)` anchor the same sentences.
fn anchor(old: &[String], new: &[String], deadline: Deadline) -> Vec<DiffOp> {
    in_canonical_order(old, new, |a, b| {
        deadline.diff_slices(Algorithm::Patience, a, b)
    })
}

/// Pairs one unequal run and appends its steps; returns whether the deadline cut it short.
fn pair(
    old: &Side<'_>,
    new: &Side<'_>,
    o: Range<usize>,
    n: Range<usize>,
    deadline: Deadline,
    pending: &mut Vec<Option<Pending>>,
) -> bool {
    let pairing = pairing::pair_run(&old.keys(o.clone()), &new.keys(n.clone()), deadline);
    pending.extend(
        pairing
            .steps
            .into_iter()
            .map(|step| Some(Pending::Run(step.shifted(o.start, n.start)))),
    );
    pairing.coarse
}

/// Turns each deleted sentence found again among the added ones into one `Moved` change at
/// the new place; returns whether the deadline cut the search short.
fn mark_moves(
    old: &Side<'_>,
    new: &Side<'_>,
    pending: &mut [Option<Pending>],
    deadline: Deadline,
) -> bool {
    let (mut deleted, mut added) = (Vec::new(), Vec::new());
    for (slot, item) in pending.iter().enumerate() {
        match item {
            Some(Pending::Run(Step::Deleted(i))) => deleted.push((slot, *i)),
            Some(Pending::Run(Step::Added(j))) => added.push((slot, *j)),
            _ => {}
        }
    }
    let deleted_keys: Vec<&str> = deleted.iter().map(|&(_, i)| old.key[i].as_str()).collect();
    let added_keys: Vec<&str> = added.iter().map(|&(_, j)| new.key[j].as_str()).collect();
    let found = moves::find_moves(&deleted_keys, &added_keys, deadline);
    for m in found.moves {
        let (deleted_slot, i) = deleted[m.deleted];
        let (added_slot, j) = added[m.added];
        pending[deleted_slot] = None;
        pending[added_slot] = Some(Pending::Moved {
            old: i,
            new: j,
            similarity: m.similarity,
        });
    }
    found.coarse
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::{ChangeClass, ChangeKind, InlineOp};
    use crate::snapshot::Block;

    fn report(blocks: &[(&str, &[&str])]) -> Snapshot {
        Snapshot {
            blocks: blocks
                .iter()
                .map(|(heading, sentences)| {
                    if sentences.is_empty() {
                        Block::heading(*heading)
                    } else {
                        Block::paragraph(sentences.iter().map(|s| s.to_string()).collect())
                    }
                })
                .collect(),
            ..Snapshot::default()
        }
    }

    fn kinds(alignment: &Alignment) -> Vec<(ChangeKind, ChangeClass, Vec<usize>, Vec<usize>)> {
        alignment
            .changes
            .iter()
            .map(|c| (c.kind, c.class, c.old_index.clone(), c.new_index.clone()))
            .collect()
    }

    const SPLIT_OLD: &str = "引进阿凡达虚拟化身心理治疗等新技术,积极开展专病前沿新技术。";
    const SPLIT_NEW: [&str; 2] = [
        "引进阿凡达虚拟化身心理治疗等新技术。",
        "积极开展专病前沿新技术。",
    ];

    #[test]
    fn a_split_that_only_moves_a_full_stop_is_punctuation() {
        let old = report(&[("", &["理念是一切行动的先导。", SPLIT_OLD])]);
        let new = report(&[("", &["理念是一切行动的先导。", SPLIT_NEW[0], SPLIT_NEW[1]])]);
        let hidden = align(&old, &new, &DiffOptions::default());
        assert_eq!(hidden.changes, []);
        assert_eq!(hidden.hidden.punctuation, 1);
        let shown = DiffOptions {
            show_punctuation: true,
            ..DiffOptions::default()
        };
        assert_eq!(
            kinds(&align(&old, &new, &shown)),
            [(
                ChangeKind::Split,
                ChangeClass::Punctuation,
                vec![1],
                vec![1, 2]
            )]
        );
    }

    #[test]
    fn shown_surface_edits_mark_the_characters_that_differ() {
        let old = report(&[("", &["醫院黨建工作。"])]);
        let new = report(&[("", &["医院党建工作。"])]);
        let shown = DiffOptions {
            show_punctuation: true,
            ..DiffOptions::default()
        };
        let alignment = align(&old, &new, &shown);
        let change = &alignment.changes[0];
        assert!(change.has_inline_edits());
        assert_eq!(
            crate::changes::side_text(&change.inline, InlineOp::Delete),
            "醫院黨建工作。"
        );
        assert_eq!(
            crate::changes::side_text(&change.inline, InlineOp::Insert),
            "医院党建工作。"
        );
        let deleted: Vec<&str> = change
            .inline
            .iter()
            .filter(|s| s.op == InlineOp::Delete)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(deleted, ["醫", "黨"]);
    }

    #[test]
    fn an_edited_heading_is_modified_in_place() {
        let old = report(&[("坚持党建引领", &[]), ("", &["理念是一切行动的先导。"])]);
        let new = report(&[("坚持党建引领发展", &[]), ("", &["理念是一切行动的先导。"])]);
        let alignment = align(&old, &new, &DiffOptions::default());
        assert_eq!(
            kinds(&alignment),
            [(ChangeKind::Modified, ChangeClass::Wording, vec![0], vec![0])]
        );
        assert_eq!(alignment.unchanged, 1);
    }

    #[test]
    fn equal_keys_with_other_text_show_only_on_request() {
        let old = report(&[("", &["满意度提升到99.39%,群众满意。", "医院黨建工作。"])]);
        let new = report(&[("", &["满意度提升到99.39％，群众满意。", "医院党建工作。"])]);
        let default = align(&old, &new, &DiffOptions::default());
        assert_eq!((default.changes.len(), default.unchanged), (0, 2));
        assert_eq!(
            default.hidden,
            Hidden {
                punctuation: 1,
                script: 1,
                spacing: 0
            }
        );
        let shown = DiffOptions {
            show_punctuation: true,
            ..DiffOptions::default()
        };
        assert_eq!(
            kinds(&align(&old, &new, &shown)),
            [
                (
                    ChangeKind::Modified,
                    ChangeClass::Punctuation,
                    vec![0],
                    vec![0]
                ),
                (ChangeKind::Modified, ChangeClass::Script, vec![1], vec![1]),
            ]
        );
    }

    #[test]
    fn a_deletion_reads_before_what_replaced_it() {
        let old = report(&[(
            "",
            &[
                "甲医院开展义诊。",
                "与强者同行,方可行稳致远。",
                "乙医院完成手术。",
            ],
        )]);
        let new = report(&[(
            "",
            &[
                "甲医院开展义诊。",
                "理念是一切行动的先导。",
                "乙医院完成手术。",
            ],
        )]);
        assert_eq!(
            kinds(&align(&old, &new, &DiffOptions::default())),
            [
                (ChangeKind::Deleted, ChangeClass::Wording, vec![1], vec![]),
                (ChangeKind::Added, ChangeClass::Wording, vec![], vec![1]),
            ]
        );
    }

    #[test]
    fn a_report_against_itself_is_all_unchanged() {
        let old = report(&[
            ("坚持党建引领", &[]),
            ("", &[SPLIT_OLD, "理念是一切行动的先导。"]),
        ]);
        let alignment = align(&old, &old, &DiffOptions::default());
        assert_eq!(
            alignment,
            Alignment {
                changes: vec![],
                unchanged: 3,
                hidden: Hidden::default(),
                coarse: false
            }
        );
    }

    #[test]
    fn an_edited_sentence_after_a_long_insertion_is_still_modified() {
        let inserted: Vec<String> = (0..150).map(|i| format!("新增第{i}项惠民措施。")).collect();
        let mut new_sentences = vec!["甲医院开展义诊。"];
        new_sentences.extend(inserted.iter().map(String::as_str));
        new_sentences.extend(["贯彻落实党委领导下的院长负责制。", "乙医院完成手术。"]);
        let old = report(&[(
            "",
            &[
                "甲医院开展义诊。",
                "贯彻落实党委领导下的院长负贵制。",
                "乙医院完成手术。",
            ],
        )]);
        let new = report(&[("", &new_sentences)]);
        let alignment = align(&old, &new, &DiffOptions::default());
        let modified: Vec<_> = kinds(&alignment)
            .into_iter()
            .filter(|c| c.0 != ChangeKind::Added)
            .collect();
        assert_eq!(
            modified,
            [(
                ChangeKind::Modified,
                ChangeClass::Wording,
                vec![1],
                vec![151]
            )]
        );
        assert_eq!(alignment.changes.len(), 151);
    }
}
