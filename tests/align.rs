//! The aligner on fixture pairs built from the seed reports: every change reported once, with
//! the right kind, indices, class and inline highlight; plus the promises `diff(a, a)` is
//! empty and `diff(a, b)` mirrors `diff(b, a)`.

use std::fmt::Write as _;
use std::path::Path;

use proptest::prelude::*;
use reportdiff::changes::{
    Change, ChangeClass, ChangeKind, DiffOptions, DiffResult, Granularity, InlineOp, InlineSpan,
    Side, side_text,
};
use reportdiff::diff::diff;
use reportdiff::metrics::Lexicon;
use reportdiff::snapshot::{Block, Snapshot};

use crate::common::fixtures;

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

// --- properties -------------------------------------------------------------------------

/// Sentences of the seed pairs, to build random reports from.
fn pool() -> Vec<String> {
    let (old, _) = pair("ocr_fix");
    let (base, _) = pair("figure_update");
    let mut sentences: Vec<String> = old
        .sentences()
        .chain(base.sentences())
        .map(|s| s.text.to_string())
        .collect();
    sentences.dedup();
    sentences
}

/// An edit applied to a report built from the pool.
#[derive(Debug, Clone)]
enum Edit {
    Replace {
        at: usize,
        from: usize,
        with: String,
    },
    Delete(usize),
    Insert(usize, usize),
    Move(usize, usize),
    Split(usize),
    Merge(usize),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (
            any::<usize>(),
            any::<usize>(),
            "[医院党建患者万人次0-9,。]{1,4}"
        )
            .prop_map(|(at, from, with)| Edit::Replace { at, from, with }),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Move(a, b)),
        any::<usize>().prop_map(Edit::Split),
        any::<usize>().prop_map(Edit::Merge),
    ]
}

fn apply(sentences: &mut Vec<String>, edit: &Edit, pool: &[String]) {
    let n = sentences.len();
    match edit {
        Edit::Replace { at, from, with } if n > 0 => {
            let s = &mut sentences[at % n];
            let chars: Vec<char> = s.chars().collect();
            let start = from % chars.len().max(1);
            let end = (start + 3).min(chars.len());
            *s = chars[..start]
                .iter()
                .chain(with.chars().collect::<Vec<_>>().iter())
                .chain(chars[end..].iter())
                .collect();
        }
        Edit::Delete(at) if n > 1 => {
            sentences.remove(at % n);
        }
        Edit::Insert(at, which) => {
            sentences.insert(at % (n + 1), pool[which % pool.len()].clone());
        }
        Edit::Move(from, to) if n > 1 => {
            let s = sentences.remove(from % n);
            sentences.insert(to % n, s);
        }
        Edit::Split(at) if n > 0 => {
            let s = sentences[at % n].clone();
            let chars: Vec<char> = s.chars().collect();
            if chars.len() > 4 {
                let mid = chars.len() / 2;
                sentences[at % n] = chars[..mid].iter().collect();
                sentences.insert(at % n + 1, chars[mid..].iter().collect());
            }
        }
        Edit::Merge(at) if n > 1 => {
            let i = at % (n - 1);
            let next = sentences.remove(i + 1);
            sentences[i].push_str(&next);
        }
        _ => {}
    }
}

fn snapshot_of(sentences: &[String]) -> Snapshot {
    Snapshot {
        blocks: sentences
            .chunks(3)
            .map(|c| Block::paragraph(c.to_vec()))
            .collect(),
        ..Snapshot::default()
    }
}

fn reports() -> impl Strategy<Value = (Snapshot, Snapshot)> {
    let pool = pool();
    let n = pool.len();
    (
        proptest::sample::subsequence((0..n).collect::<Vec<_>>(), 1..n.min(12)),
        proptest::collection::vec(edit_strategy(), 0..6),
    )
        .prop_map(move |(picked, edits)| {
            let old: Vec<String> = picked.iter().map(|&i| pool[i].clone()).collect();
            let mut new = old.clone();
            for edit in &edits {
                apply(&mut new, edit, &pool);
            }
            (snapshot_of(&old), snapshot_of(&new))
        })
}

fn mirror(change: &Change) -> Change {
    let kind = match change.kind {
        ChangeKind::Added => ChangeKind::Deleted,
        ChangeKind::Deleted => ChangeKind::Added,
        ChangeKind::Split => ChangeKind::Merged,
        ChangeKind::Merged => ChangeKind::Split,
        other => other,
    };
    let mut inline: Vec<InlineSpan> = change
        .inline
        .iter()
        .map(|s| match s.op {
            InlineOp::Delete => InlineSpan::new(InlineOp::Insert, s.text.as_str()),
            InlineOp::Insert => InlineSpan::new(InlineOp::Delete, s.text.as_str()),
            // The other way round, old is new: each side keeps its own text.
            InlineOp::Equal => InlineSpan::equal(&s.text, s.text_of(InlineOp::Delete)),
        })
        .collect();
    // An edit reads its deletion first on both sides.
    for i in 1..inline.len() {
        if inline[i - 1].op == InlineOp::Insert && inline[i].op == InlineOp::Delete {
            inline.swap(i - 1, i);
        }
    }
    Change {
        kind,
        class: change.class,
        old: change.new.clone(),
        new: change.old.clone(),
        old_index: change.new_index.clone(),
        new_index: change.old_index.clone(),
        similarity: change.similarity,
        inline,
    }
}

fn sorted(mut changes: Vec<Change>) -> Vec<Change> {
    changes.sort_by(|a, b| {
        (&a.old_index, &a.new_index, a.kind.as_str()).cmp(&(
            &b.old_index,
            &b.new_index,
            b.kind.as_str(),
        ))
    });
    changes
}

fn assert_reconstructs(result: &DiffResult) {
    for change in &result.changes {
        assert_eq!(
            side_text(&change.inline, InlineOp::Delete),
            change.old.concat()
        );
        assert_eq!(
            side_text(&change.inline, InlineOp::Insert),
            change.new.concat()
        );
    }
}

#[test]
fn an_edit_next_to_a_punctuation_fold_mirrors_exactly() {
    // The smallest case that once made the mirror property flaky: `、` and `,` share a key, so
    // the equal span must carry both texts for the old sentence to read back.
    let old = snapshot_of(&["精神病、儿童青少年".to_string()]);
    let new = snapshot_of(&["精神病,青少年".to_string()]);
    let forward = run(&old, &new, &DiffOptions::default());
    let backward = run(&new, &old, &DiffOptions::default());
    assert_eq!(marked(&forward.changes[0].inline), "精神病,[-儿童-]青少年");
    assert_reconstructs(&forward);
    assert_reconstructs(&backward);
    let mirrored: Vec<Change> = backward.changes.iter().map(mirror).collect();
    assert_eq!(sorted(forward.changes), sorted(mirrored));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_report_against_itself_has_no_changes((old, _new) in reports()) {
        let options = DiffOptions { show_punctuation: true, ..DiffOptions::default() };
        let result = run(&old, &old, &options);
        prop_assert!(result.changes.is_empty());
        prop_assert_eq!(result.summary.unchanged, old.sentence_count());
    }

    #[test]
    fn diff_both_ways_are_mirror_images((old, new) in reports()) {
        let forward = run(&old, &new, &DiffOptions::default());
        let backward = run(&new, &old, &DiffOptions::default());
        let mirrored: Vec<Change> = backward.changes.iter().map(mirror).collect();
        prop_assert_eq!(sorted(forward.changes), sorted(mirrored));
    }

    #[test]
    fn random_edits_never_panic_and_spans_read_back((old, new) in reports()) {
        for granularity in [Granularity::Char, Granularity::Word] {
            let options = DiffOptions { granularity, show_punctuation: true, ..DiffOptions::default() };
            let result = run(&old, &new, &options);
            assert_reconstructs(&result);
            // Every sentence is accounted for exactly once on each side.
            let mut old_seen: Vec<usize> = result.changes.iter().flat_map(|c| c.old_index.clone()).collect();
            old_seen.sort_unstable();
            let before = old_seen.len();
            old_seen.dedup();
            prop_assert_eq!(before, old_seen.len());
            prop_assert!(old_seen.len() + result.summary.unchanged <= old.sentence_count());
        }
    }

    #[test]
    fn arbitrary_text_never_panics(
        old in proptest::collection::vec(".{0,24}", 0..12),
        new in proptest::collection::vec("[0-9.,，。万亿人次%医院党建负贵责 a-z-]{0,24}", 0..12),
    ) {
        for granularity in [Granularity::Char, Granularity::Word] {
            let options = DiffOptions { granularity, show_punctuation: true, ..DiffOptions::default() };
            let result = run(&snapshot_of(&old), &snapshot_of(&new), &options);
            assert_reconstructs(&result);
        }
    }
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
