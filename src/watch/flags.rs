//! Flag rules: which changes of a report deserve someone's attention. By default any
//! sentence change does; a store that only cares about figures narrows that to figures that
//! moved by a share (`min_ratio`), to given metric keys, to a metric that disappeared, or to
//! sentences that hold a keyword.

use crate::changes::{Change, DeltaStatus, DiffResult, MetricDelta};
use crate::store::config::FlagRules;

/// A source's flag rules, resolved (`[flags]` with the source's own table over it).
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Any sentence change, and any figure that changed.
    pub any: bool,
    /// A figure whose value moved by at least this share.
    pub min_ratio: Option<f64>,
    /// Only figures of these keys (empty: all).
    pub keys: Vec<String>,
    /// Whether `keys` was given: alone, it flags any change of those figures.
    pub keys_given: bool,
    /// A figure that disappeared.
    pub removed: bool,
    /// A changed sentence holding one of these words.
    pub keywords: Vec<String>,
}

/// What the rules flagged in one diff.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flagged {
    /// Indices into the diff's changes: changes flagged in themselves, and the changes whose
    /// sentences hold a flagged figure.
    pub changes: Vec<usize>,
    /// Indices into the diff's metric deltas.
    pub metrics: Vec<usize>,
}

impl Flagged {
    /// Whether anything was flagged.
    pub fn any(&self) -> bool {
        !self.changes.is_empty() || !self.metrics.is_empty()
    }
}

impl Rules {
    /// The rules a `[flags]` table sets: with no selective rule, any change.
    pub fn from_flags(flags: &FlagRules) -> Rules {
        let selective = flags.min_ratio.is_some()
            || flags.keys.is_some()
            || flags.removed == Some(true)
            || flags.keywords.is_some();
        Rules {
            any: flags.any.unwrap_or(!selective),
            min_ratio: flags.min_ratio,
            keys: flags.keys.clone().unwrap_or_default(),
            keys_given: flags.keys.is_some(),
            removed: flags.removed.unwrap_or(false),
            keywords: flags.keywords.clone().unwrap_or_default(),
        }
    }

    /// What these rules flag in `diff`.
    pub fn evaluate(&self, diff: &DiffResult) -> Flagged {
        let metrics: Vec<usize> = diff
            .metrics
            .iter()
            .enumerate()
            .filter(|(_, delta)| self.flags_metric(delta))
            .map(|(i, _)| i)
            .collect();
        let changes = diff
            .changes
            .iter()
            .enumerate()
            .filter(|(_, change)| {
                self.any
                    || self.holds_keyword(change)
                    || metrics
                        .iter()
                        .any(|&m| holds_figure(change, &diff.metrics[m]))
            })
            .map(|(i, _)| i)
            .collect();
        Flagged { changes, metrics }
    }

    fn flags_metric(&self, delta: &MetricDelta) -> bool {
        if delta.status == DeltaStatus::Unchanged {
            return false;
        }
        if self.any {
            return true;
        }
        if !self.keys.is_empty() && !self.keys.contains(&delta.key) {
            return false;
        }
        let by_ratio = self.min_ratio.is_some_and(|min| {
            delta.status == DeltaStatus::Changed && relative_move(delta).is_some_and(|r| r >= min)
        });
        let by_removal = self.removed && delta.status == DeltaStatus::Removed;
        // Keys alone: any change of those figures.
        let by_key = self.keys_given && self.min_ratio.is_none() && !self.removed;
        by_ratio || by_removal || by_key
    }

    fn holds_keyword(&self, change: &Change) -> bool {
        self.keywords
            .iter()
            .filter(|k| !k.is_empty())
            .any(|keyword| {
                change
                    .old
                    .iter()
                    .chain(&change.new)
                    .any(|s| s.contains(keyword.as_str()))
            })
    }
}

/// How far a figure moved, as a share of its old value: the delta's ratio, or for a
/// percentage (which diffs give in points, without a ratio) the points over the old value.
fn relative_move(delta: &MetricDelta) -> Option<f64> {
    if let Some(ratio) = delta.ratio {
        return Some(ratio.abs());
    }
    match (delta.old, delta.new) {
        (Some(old), Some(new)) if old != 0.0 => Some(((new - old) / old).abs()),
        _ => None,
    }
}

/// Whether a change's sentences hold the figure as either side writes it.
fn holds_figure(change: &Change, delta: &MetricDelta) -> bool {
    let old = delta.old_text.as_deref();
    let new = delta.new_text.as_deref();
    change
        .old
        .iter()
        .any(|s| old.is_some_and(|t| s.contains(t)))
        || change
            .new
            .iter()
            .any(|s| new.is_some_and(|t| s.contains(t)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::{DiffOptions, Side};
    use crate::metrics::Lexicon;
    use crate::snapshot::{Block, Snapshot};

    fn side(sentences: &[&str]) -> Side {
        Side {
            label: String::new(),
            revision: None,
            snapshot: Snapshot {
                blocks: vec![Block::paragraph(
                    sentences.iter().map(|s| s.to_string()).collect(),
                )],
                ..Snapshot::default()
            },
        }
    }

    fn diff(old: &[&str], new: &[&str]) -> DiffResult {
        crate::diff::diff(
            side(old),
            side(new),
            &Lexicon::builtin(),
            &DiffOptions::default(),
        )
    }

    fn rules(toml: &str) -> Rules {
        let config =
            crate::store::config::Config::parse(&format!("[flags]\n{toml}")).expect("parses");
        Rules::from_flags(&config.flags)
    }

    const OLD: [&str; 3] = [
        "2024年门诊量达到42.15万人次。",
        "医院开展义诊活动80余场。",
        "医院召开党建工作会议。",
    ];

    #[test]
    fn by_default_any_sentence_change_is_flagged() {
        let result = diff(&OLD, &[OLD[0], OLD[1], "医院召开党建工作推进会议。"]);
        let flagged = rules("").evaluate(&result);
        assert_eq!(flagged.changes, [0]);
        assert!(flagged.any());
    }

    #[test]
    fn min_ratio_flags_only_figures_that_moved_far_enough() {
        let small = diff(
            &OLD,
            &[
                "2024年门诊量达到43万人次。",
                OLD[1],
                "医院召开党建推进会议。",
            ],
        );
        assert!(!rules("min_ratio = 0.1").evaluate(&small).any());
        let large = diff(&OLD, &["2024年门诊量达到52万人次。", OLD[1], OLD[2]]);
        let flagged = rules("min_ratio = 0.1").evaluate(&large);
        assert_eq!(flagged.metrics.len(), 1);
        assert_eq!(flagged.changes, [0], "the sentence that holds the figure");
        assert!(
            !rules("min_ratio = 0.1\nkeys = [\"discharges\"]")
                .evaluate(&large)
                .any()
        );
    }

    #[test]
    fn a_removed_figure_and_a_keyword_are_flagged_when_asked_for() {
        let removed = diff(&OLD, &[OLD[0], "医院开展义诊活动。", OLD[2]]);
        assert!(!rules("min_ratio = 0.5").evaluate(&removed).any());
        assert!(rules("removed = true").evaluate(&removed).any());
        let keyword = diff(
            &OLD,
            &[OLD[0], OLD[1], "医院召开党建工作会议，部署停诊安排。"],
        );
        assert_eq!(
            rules("keywords = [\"停诊\"]").evaluate(&keyword).changes,
            [0]
        );
        assert!(!rules("keywords = [\"死亡\"]").evaluate(&keyword).any());
        assert!(
            rules("keywords = [\"死亡\"]\nany = true")
                .evaluate(&keyword)
                .any()
        );
    }
}
