//! The words the renderings and the store's listings share: how a side is named, the summary
//! line, a version's change counts, and the note on a moved, split or merged change.

use crate::changes::{Change, ChangeKind, DiffResult, Hidden, Side, Summary};

use super::hunks::Origins;

/// A side as the reader asked for it: its label, then the commit in parentheses when it came
/// from the store (`诸城市人民医院/联建@~1 (cb2ac30)`), so that the label can be pasted back
/// as a REF.
pub fn side_name(side: &Side) -> String {
    match &side.revision {
        Some(revision) => format!("{} ({revision})", side.label),
        None => side.label.clone(),
    }
}

/// What tells the reader which report a side is: its hospital, title and date, where known.
pub fn side_facts(side: &Side) -> Vec<&str> {
    let meta = side.meta();
    [&meta.hospital, &meta.title, &meta.published]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .collect()
}

/// The summary line, saying so when the time budget ran out and the diff is coarser.
pub fn headline(result: &DiffResult) -> String {
    let mut summary = summary_line(&result.summary);
    if result.coarse {
        summary.push_str(" (time budget ran out: parts of the diff are coarser)");
    }
    summary
}

/// The one-line summary of a diff: `3 modified, 1 added, 1 deleted, 1 moved; 2 figures changed`.
pub fn summary_line(summary: &Summary) -> String {
    let kinds = [
        (summary.modified, "modified"),
        (summary.added, "added"),
        (summary.deleted, "deleted"),
        (summary.moved, "moved"),
        (summary.split, "split"),
        (summary.merged, "merged"),
    ];
    let sentences: Vec<String> = kinds
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}"))
        .collect();
    let figures = figures_changed(summary.metric_changes);
    let mut line = match (sentences.is_empty(), figures) {
        (true, None) => "no changes".to_string(),
        (true, Some(figures)) => format!("no sentence changes; {figures}"),
        (false, None) => sentences.join(", "),
        (false, Some(figures)) => format!("{}; {figures}", sentences.join(", ")),
    };
    if let Some(hidden) = hidden_note(&summary.hidden) {
        line.push_str(&format!(" ({hidden})"));
    }
    line
}

/// What was left out as punctuation-, spacing- or script-only, and how to see it:
/// `2 punctuation-only edits not shown: --show-punctuation`; `None` when nothing was.
pub fn hidden_note(hidden: &Hidden) -> Option<String> {
    let parts: Vec<String> = [
        (hidden.punctuation, "punctuation-only"),
        (hidden.spacing, "spacing-only"),
        (hidden.script, "script-only"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| counted(n, &format!("{what} edit")))
    .collect();
    (!parts.is_empty()).then(|| format!("{} not shown: --show-punctuation", parts.join(", ")))
}

/// `1 report`, `3 reports`: a count with its noun in the right number (English nouns that
/// take `s`).
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `1 figure changed`, `3 figures changed`, or `None` when none did.
pub fn figures_changed(n: usize) -> Option<String> {
    match n {
        0 => None,
        1 => Some("1 figure changed".to_string()),
        n => Some(format!("{n} figures changed")),
    }
}

/// `1 unchanged figure not shown.`, `21 unchanged figures not shown.`: the note under a
/// figures table that lists changes only.
pub fn unchanged_figures_note(n: usize) -> String {
    format!("{} not shown.", counted(n, "unchanged figure"))
}

/// What a stored version changed, as `log` and `ingest` print it: in the words of `diff`'s
/// summary line (`1 modified, 1 deleted; 1 figure changed`), so that a count reads the same
/// wherever it is printed.
pub fn version_counts(summary: &Summary) -> String {
    summary_line(summary)
}

/// What a change's kind alone does not say: where a move came from (`moved from § 标题`,
/// `moved up`), how many sentences a split made or a merge took. `None` for the rest.
pub fn change_note(origins: &Origins<'_>, change: &Change) -> Option<String> {
    match change.kind {
        ChangeKind::Moved => Some(origins.describe_move(change)),
        ChangeKind::Split => Some(format!("split into {}", change.new.len())),
        ChangeKind::Merged => Some(format!("merged from {}", change.old.len())),
        ChangeKind::Added | ChangeKind::Deleted | ChangeKind::Modified => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::*;
    use crate::snapshot::{Block, Meta, Snapshot};

    fn side(label: &str, revision: Option<&str>, meta: Meta) -> Side {
        Side {
            label: label.to_string(),
            revision: revision.map(str::to_string),
            snapshot: Snapshot {
                meta,
                blocks: vec![Block::paragraph(vec!["出院71205人次。".to_string()])],
            },
        }
    }

    #[test]
    fn one_unchanged_figure_is_singular() {
        assert_eq!(unchanged_figures_note(1), "1 unchanged figure not shown.");
        assert_eq!(
            unchanged_figures_note(21),
            "21 unchanged figures not shown."
        );
    }

    #[test]
    fn a_stored_side_is_named_with_its_revision() {
        assert_eq!(side_name(&side("v1.txt", None, Meta::default())), "v1.txt");
        assert_eq!(
            side_name(&side("诸城人医/年报@~1", Some("abc1234"), Meta::default())),
            "诸城人医/年报@~1 (abc1234)"
        );
    }

    #[test]
    fn side_facts_skip_what_is_unknown() {
        let meta = Meta {
            hospital: Some("诸城市人民医院".to_string()),
            published: Some("2023-08-04".to_string()),
            ..Meta::default()
        };
        assert_eq!(
            side_facts(&side("v2.txt", None, meta)),
            ["诸城市人民医院", "2023-08-04"]
        );
        assert!(side_facts(&side("v2.txt", None, Meta::default())).is_empty());
    }

    #[test]
    fn the_summary_line_names_what_changed() {
        let summary = Summary {
            modified: 3,
            added: 1,
            deleted: 1,
            moved: 1,
            metric_changes: 2,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&summary),
            "3 modified, 1 added, 1 deleted, 1 moved; 2 figures changed"
        );
        assert_eq!(summary_line(&Summary::default()), "no changes");
        let figures_only = Summary {
            metric_changes: 1,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&figures_only),
            "no sentence changes; 1 figure changed"
        );
    }

    #[test]
    fn hidden_edits_are_counted_on_the_summary_line() {
        let hidden = Summary {
            hidden: Hidden {
                punctuation: 2,
                ..Hidden::default()
            },
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&hidden),
            "no changes (2 punctuation-only edits not shown: --show-punctuation)"
        );
        let both = Summary {
            modified: 1,
            hidden: Hidden {
                spacing: 1,
                script: 3,
                ..Hidden::default()
            },
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&both),
            "1 modified (1 spacing-only edit, 3 script-only edits not shown: --show-punctuation)"
        );
    }

    #[test]
    fn the_headline_warns_when_the_diff_is_coarser() {
        let mut result = sample::diff_result();
        assert_eq!(
            headline(&result),
            "3 modified, 1 added, 1 deleted, 1 moved, 1 split, 1 merged; 5 figures changed"
        );
        result.coarse = true;
        assert!(
            headline(&result).ends_with("(time budget ran out: parts of the diff are coarser)")
        );
    }

    #[test]
    fn moves_splits_and_merges_get_a_note() {
        let result = sample::diff_result();
        let origins = Origins::new(&result);
        let notes: Vec<Option<String>> = result
            .changes
            .iter()
            .map(|c| change_note(&origins, c))
            .collect();
        assert_eq!(
            notes,
            [
                None,
                None,
                Some("moved from § 当好县域居民健康的“守门人”".to_string()),
                None,
                None,
                Some("split into 2".to_string()),
                None,
                Some("merged from 2".to_string()),
            ]
        );
    }
}
