//! The aligner on fixture pairs built from the seed reports: every change reported once, with
//! the right kind, indices, class and inline highlight. The promises `diff(a, a)` is empty and
//! `diff(a, b)` mirrors `diff(b, a)` are checked on random edits in `align/properties.rs`.

mod properties;

use std::fmt::Write as _;
use std::path::Path;

use reportdiff::changes::{
    Change, ChangeClass, ChangeKind, DiffOptions, DiffResult, Granularity, InlineOp, InlineSpan,
    Side,
};
use reportdiff::diff::diff;
use reportdiff::metrics::Lexicon;
use reportdiff::snapshot::Snapshot;

use crate::common::fixtures;
use properties::{assert_reconstructs, snapshot_of};

fn side(label: &str, snapshot: Snapshot) -> Side {
    Side {
        label: label.to_string(),
        revision: None,
        snapshot,
    }
}

fn read(path: &Path) -> Snapshot {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    Snapshot::from_markdown(&text).expect("fixture is a snapshot")
}

fn pair(case: &str) -> (Snapshot, Snapshot) {
    let dir = fixtures().join("pairs").join(case);
    (read(&dir.join("old.txt")), read(&dir.join("new.txt")))
}

fn run(old: &Snapshot, new: &Snapshot, options: &DiffOptions) -> DiffResult {
    diff(
        side("old", old.clone()),
        side("new", new.clone()),
        &Lexicon::builtin(),
        options,
    )
}

fn case(name: &str) -> Vec<Change> {
    let (old, new) = pair(name);
    let result = run(&old, &new, &DiffOptions::default());
    assert!(!result.coarse);
    result.changes
}

/// The highlight in one line: `[-deleted-]` and `{+inserted+}`.
fn marked(spans: &[InlineSpan]) -> String {
    spans
        .iter()
        .map(|s| match s.op {
            InlineOp::Equal => s.text.clone(),
            InlineOp::Delete => format!("[-{}-]", s.text),
            InlineOp::Insert => format!("{{+{}+}}", s.text),
        })
        .collect()
}

/// Only the edited parts of a highlight, in order.
fn edits(change: &Change) -> Vec<String> {
    change
        .inline
        .iter()
        .filter(|s| s.op != InlineOp::Equal)
        .map(|s| {
            format!(
                "{}{}",
                if s.op == InlineOp::Delete { "-" } else { "+" },
                s.text
            )
        })
        .collect()
}

/// A plain readable dump of a diff for the goldens.
fn dump(result: &DiffResult) -> String {
    let s = &result.summary;
    let mut out = format!(
        "added {} deleted {} modified {} moved {} split {} merged {} unchanged {}{}\n",
        s.added,
        s.deleted,
        s.modified,
        s.moved,
        s.split,
        s.merged,
        s.unchanged,
        if result.coarse { " (coarse)" } else { "" }
    );
    let sections = result.sections();
    for (change, section) in result.changes.iter().zip(sections) {
        let similarity = change
            .similarity
            .map_or(String::new(), |v| format!(" similarity {v:.2}"));
        let _ = writeln!(
            out,
            "\n{} [{}] old {:?} new {:?}{} in {}",
            change.kind.as_str(),
            change.class.as_str(),
            change.old_index,
            change.new_index,
            similarity,
            section.unwrap_or("(no heading)"),
        );
        let _ = writeln!(out, "  {}", marked(&change.inline));
    }
    out
}

#[test]
fn goldens_for_every_pair() {
    insta::glob!("fixtures/pairs/*/old.txt", |path| {
        let dir = path.parent().expect("case folder");
        let result = run(
            &read(path),
            &read(&dir.join("new.txt")),
            &DiffOptions::default(),
        );
        insta::assert_snapshot!(dump(&result));
    });
}

#[test]
fn an_ocr_fix_is_one_modified_sentence_per_slip() {
    let changes = case("ocr_fix");
    let found: Vec<_> = changes
        .iter()
        .map(|c| {
            (
                c.kind,
                c.class,
                c.old_index.clone(),
                c.new_index.clone(),
                edits(c),
            )
        })
        .collect();
    let modified = |i: usize, edits: &[&str]| {
        (
            ChangeKind::Modified,
            ChangeClass::Wording,
            vec![i],
            vec![i],
            edits.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        found,
        [
            modified(0, &["-贵", "+责"]),
            modified(2, &["-人", "+入"]),
            modified(3, &["-人", "+入", "-人", "+入"]),
        ]
    );
}

#[test]
fn an_updated_figure_is_highlighted_whole() {
    let changes = case("figure_update");
    assert_eq!(changes.len(), 2);
    for change in &changes {
        assert_eq!(change.kind, ChangeKind::Modified);
        assert_eq!(change.class, ChangeClass::Figures);
        assert_eq!(change.old_index, change.new_index);
    }
    assert_eq!(edits(&changes[0]), ["-42.15万人次", "+45.30万人次"]);
    assert_eq!(edits(&changes[1]), ["-2334人次", "+2501人次"]);
    assert_eq!((changes[0].old_index[0], changes[1].old_index[0]), (7, 12));
}

#[test]
fn a_rewritten_clause_is_one_deletion_and_one_insertion() {
    let changes = case("clause_rewrite");
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(change.kind, ChangeKind::Modified);
    assert_eq!(change.class, ChangeClass::Wording);
    assert_eq!(
        (change.old_index.clone(), change.new_index.clone()),
        (vec![10], vec![10])
    );
    assert_eq!(
        edits(change),
        [
            "-缩短了患者住院时间,提高了临床诊疗效果",
            "+患者平均住院日明显缩短,临床治愈率持续提高"
        ]
    );
}

#[test]
fn an_added_sentence_is_added_with_its_figures() {
    let changes = case("sentence_added");
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(change.kind, ChangeKind::Added);
    assert_eq!(change.class, ChangeClass::Mixed, "it brings figures");
    assert!(change.old_index.is_empty());
    assert_eq!(change.new_index, [7]);
    assert_eq!(change.similarity, None);
    assert_eq!(
        change.inline,
        [InlineSpan::new(
            InlineOp::Insert,
            "2024年收治住院患者3860人次,床位使用率保持在95%以上。"
        )]
    );
}

#[test]
fn a_deleted_sentence_is_deleted() {
    let changes = case("sentence_deleted");
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(change.kind, ChangeKind::Deleted);
    assert_eq!(change.class, ChangeClass::Wording);
    assert_eq!(change.old_index, [3]);
    assert!(change.new_index.is_empty());
    assert_eq!(change.inline.len(), 1);
    assert_eq!(change.inline[0].op, InlineOp::Delete);
}

#[test]
fn moved_sentences_are_moved_once_edited_or_not() {
    let changes = case("sentence_moved");
    let found: Vec<_> = changes
        .iter()
        .map(|c| (c.kind, c.old_index.clone(), c.new_index.clone(), edits(c)))
        .collect();
    assert_eq!(
        found,
        [
            (
                ChangeKind::Moved,
                vec![7],
                vec![8],
                vec!["-42.15万人次".to_string(), "+45.30万人次".to_string()]
            ),
            (ChangeKind::Moved, vec![2], vec![12], vec![]),
        ]
    );
    assert_eq!(changes[0].class, ChangeClass::Figures);
    assert_eq!(changes[1].similarity, Some(1.0));
}

#[test]
fn a_sentence_cut_in_two_is_split() {
    let changes = case("split");
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(change.kind, ChangeKind::Split);
    assert_eq!(change.class, ChangeClass::Wording);
    assert_eq!(change.old_index, [11]);
    assert_eq!(change.new_index, [11, 12]);
    assert_eq!(edits(change), ["-,", "+。医院"]);
}

#[test]
fn two_sentences_joined_are_merged() {
    let changes = case("merged");
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(change.kind, ChangeKind::Merged);
    assert_eq!(change.old_index, [6, 7]);
    assert_eq!(change.new_index, [6]);
    assert_eq!(edits(change), ["-。", "+,其中"]);
}

#[test]
fn punctuation_width_spacing_and_script_report_nothing_by_default() {
    for name in ["punctuation_width", "spacing", "traditional"] {
        let (old, new) = pair(name);
        let result = run(&old, &new, &DiffOptions::default());
        assert_eq!(result.changes, [], "{name}");
        assert_eq!(result.summary.unchanged, old.sentence_count(), "{name}");
    }
}

#[test]
fn surface_edits_are_shown_with_their_class_on_request() {
    let options = DiffOptions {
        show_punctuation: true,
        ..DiffOptions::default()
    };
    for (name, class, count) in [
        ("punctuation_width", ChangeClass::Punctuation, 8),
        ("spacing", ChangeClass::Spacing, 3),
        ("traditional", ChangeClass::Script, 3),
    ] {
        let (old, new) = pair(name);
        let changes = run(&old, &new, &options).changes;
        assert_eq!(changes.len(), count, "{name}");
        for change in &changes {
            assert_eq!(change.kind, ChangeKind::Modified, "{name}");
            assert_eq!(change.class, class, "{name}");
        }
    }
}

#[test]
fn a_reordered_paragraph_is_moved_sentence_by_sentence() {
    let changes = case("paragraph_reordered");
    assert_eq!(changes.len(), 3);
    for (k, change) in changes.iter().enumerate() {
        assert_eq!(change.kind, ChangeKind::Moved);
        assert_eq!(change.old_index, [5 + k]);
        assert_eq!(change.new_index, [10 + k]);
        assert_eq!(change.inline.len(), 1);
        assert_eq!(change.inline[0].op, InlineOp::Equal);
    }
}

#[test]
fn ignore_drops_changes_of_a_class() {
    let (old, new) = pair("figure_update");
    let options = DiffOptions {
        ignore: vec![ChangeClass::Figures],
        ..DiffOptions::default()
    };
    assert_eq!(run(&old, &new, &options).changes, []);
    let (old, new) = pair("ocr_fix");
    let options = DiffOptions {
        ignore: vec![ChangeClass::Wording],
        ..DiffOptions::default()
    };
    assert_eq!(run(&old, &new, &options).changes, []);
}

#[test]
fn word_granularity_highlights_whole_words() {
    let (old, new) = pair("ocr_fix");
    let options = DiffOptions {
        granularity: Granularity::Word,
        ..DiffOptions::default()
    };
    let changes = run(&old, &new, &options).changes;
    assert_eq!(edits(&changes[0]), ["-院长负贵制", "+院长负责制"]);
}

#[test]
fn changes_name_their_section() {
    let (old, new) = pair("figure_update");
    let result = run(&old, &new, &DiffOptions::default());
    assert_eq!(
        result.sections(),
        [Some("党建融入业务"), Some("党建融入业务")]
    );
}

#[test]
fn a_zero_timeout_gives_a_coarse_diff_that_still_covers_everything() {
    let (old, new) = pair("ocr_fix");
    let options = DiffOptions {
        timeout: std::time::Duration::ZERO,
        ..DiffOptions::default()
    };
    let result = run(&old, &new, &options);
    assert!(result.coarse);
    assert_reconstructs(&result);
}

#[test]
fn a_traditional_copy_with_one_edit_highlights_only_the_edit() {
    let old = snapshot_of(&[
        "2022年，诸城市人民医院年门诊诊疗患者95万人次，出院69363人次。".to_string(),
        "医院还高度重视预防与健康促进。".to_string(),
    ]);
    let new = snapshot_of(&[
        "2022年，諸城市人民醫院年門診診療患者98.6萬人次，出院69363人次。".to_string(),
        "醫院還高度重視預防與健康促進。".to_string(),
    ]);
    let result = run(&old, &new, &DiffOptions::default());
    assert_eq!(
        result.changes.len(),
        1,
        "the script-only sentence is no change"
    );
    let change = &result.changes[0];
    assert_eq!(change.kind, ChangeKind::Modified);
    let edits: Vec<(InlineOp, &str)> = change
        .inline
        .iter()
        .filter(|s| s.op != InlineOp::Equal)
        .map(|s| (s.op, s.text.as_str()))
        .collect();
    assert_eq!(
        edits,
        [
            (InlineOp::Delete, "95万人次"),
            (InlineOp::Insert, "98.6萬人次")
        ]
    );
}
