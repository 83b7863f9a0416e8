//! The diff's vocabulary: what changed between two snapshots, sentence by sentence and figure
//! by figure, and the options that shape it. Types only: `align` and `deltas` fill them in,
//! `diff` puts them together into a [`DiffResult`], and every renderer reads that and nothing
//! else.

use std::time::Duration;

use crate::metrics::{Basis, Qualifier};
use crate::snapshot::{Meta, Snapshot};

/// One side of a diff: a snapshot and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// How the user named it (a path, `-`, or a REF).
    pub label: String,
    /// The store revision it was read at, when it came from the store.
    pub revision: Option<String>,
    /// The normalized report.
    pub snapshot: Snapshot,
}

impl Side {
    /// The report's metadata.
    pub fn meta(&self) -> &Meta {
        &self.snapshot.meta
    }
}

/// How finely an edited sentence is highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Granularity {
    /// One Han character per token.
    #[default]
    Char,
    /// One word per token.
    Word,
}

/// Choices that change what a diff reports.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffOptions {
    /// Report punctuation-, spacing- and script-only edits as changes.
    pub show_punctuation: bool,
    /// Token size inside edited sentences.
    pub granularity: Granularity,
    /// Classes of change left out of the result; ignoring `Figures` also leaves out the
    /// metric deltas, so that figure updates alone no longer count as a difference.
    pub ignore: Vec<ChangeClass>,
    /// Time budget for the whole diff; past it the diff gets coarser, never hangs.
    pub timeout: Duration,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            show_punctuation: false,
            granularity: Granularity::Char,
            ignore: Vec::new(),
            timeout: Duration::from_secs(5),
        }
    }
}

/// What happened to a sentence or group of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// Only in new.
    Added,
    /// Only in old.
    Deleted,
    /// Edited in place.
    Modified,
    /// Stands elsewhere in new (edited or not).
    Moved,
    /// One old sentence became several new ones.
    Split,
    /// Several old sentences became one new one.
    Merged,
}

impl ChangeKind {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Deleted => "deleted",
            ChangeKind::Modified => "modified",
            ChangeKind::Moved => "moved",
            ChangeKind::Split => "split",
            ChangeKind::Merged => "merged",
        }
    }
}

/// What kind of edit a change is, for filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeClass {
    /// Only figures differ.
    Figures,
    /// Only words differ.
    Wording,
    /// Figures and words differ.
    Mixed,
    /// Only punctuation differs (hidden unless asked for).
    Punctuation,
    /// Only Traditional vs Simplified script differs (hidden unless asked for).
    Script,
    /// Only spacing differs (hidden unless asked for).
    Spacing,
}

impl ChangeClass {
    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeClass::Figures => "figures",
            ChangeClass::Wording => "wording",
            ChangeClass::Mixed => "mixed",
            ChangeClass::Punctuation => "punctuation",
            ChangeClass::Script => "script",
            ChangeClass::Spacing => "spacing",
        }
    }
}

/// One piece of an inline highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InlineOp {
    /// In both.
    Equal,
    /// Only in old.
    Delete,
    /// Only in new.
    Insert,
}

impl InlineOp {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            InlineOp::Equal => "equal",
            InlineOp::Delete => "delete",
            InlineOp::Insert => "insert",
        }
    }
}

/// A run of text inside an edited sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineSpan {
    /// Equal, deleted or inserted.
    pub op: InlineOp,
    /// The text of the run; for an equal run, as new writes it.
    pub text: String,
    /// For an equal run that old writes differently (script, punctuation width, quote style,
    /// spacing: what comparison keys fold), the old text; `None` where both sides read `text`.
    pub old_text: Option<String>,
}

impl InlineSpan {
    /// A run of text with what happened to it, written alike on both sides.
    pub fn new(op: InlineOp, text: impl Into<String>) -> InlineSpan {
        InlineSpan {
            op,
            text: text.into(),
            old_text: None,
        }
    }

    /// An equal run as each side writes it.
    pub fn equal(old: &str, new: &str) -> InlineSpan {
        InlineSpan {
            op: InlineOp::Equal,
            text: new.to_string(),
            old_text: (old != new).then(|| old.to_string()),
        }
    }

    /// The run as one side reads it (`own` is [`InlineOp::Delete`] for old,
    /// [`InlineOp::Insert`] for new).
    pub fn text_of(&self, own: InlineOp) -> &str {
        match (&self.old_text, own) {
            (Some(old), InlineOp::Delete) => old,
            _ => &self.text,
        }
    }
}

/// One change between old and new.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Added, deleted, modified, moved, split or merged.
    pub kind: ChangeKind,
    /// Figures, wording, mixed (or punctuation, script, spacing when shown).
    pub class: ChangeClass,
    /// The old sentences involved (empty for `Added`).
    pub old: Vec<String>,
    /// The new sentences involved (empty for `Deleted`).
    pub new: Vec<String>,
    /// Indices of the old sentences, counting from 0.
    pub old_index: Vec<usize>,
    /// Indices of the new sentences, counting from 0.
    pub new_index: Vec<usize>,
    /// How alike old and new are, from 0 to 1, where both exist.
    pub similarity: Option<f64>,
    /// The highlight: the new text reads from equal + insert spans, the old text from equal
    /// (with their `old_text`) + delete spans, both exactly (see [`side_text`]).
    pub inline: Vec<InlineSpan>,
}

impl Change {
    /// Whether the highlight marks any deleted or inserted text (a move or a hidden
    /// punctuation edit may have none).
    pub fn has_inline_edits(&self) -> bool {
        self.inline.iter().any(|s| s.op != InlineOp::Equal)
    }
}

/// The spans one side of a highlight reads, in order: the equal text and that side's own
/// edits (`own` is [`InlineOp::Delete`] for old, [`InlineOp::Insert`] for new). An equal
/// span's `text` is the new side's; [`InlineSpan::text_of`] gives each side its own.
pub fn side_spans(spans: &[InlineSpan], own: InlineOp) -> impl Iterator<Item = &InlineSpan> {
    spans
        .iter()
        .filter(move |s| s.op == InlineOp::Equal || s.op == own)
}

/// One side's text read back from a highlight, exactly as that side writes it.
pub fn side_text(spans: &[InlineSpan], own: InlineOp) -> String {
    side_spans(spans, own).map(|s| s.text_of(own)).collect()
}

/// Sentences the aligner paired: one old and one new sentence (equal, modified, moved), or
/// several on one side (split, merged). Indices count sentences from 0 in each side (see
/// [`Snapshot::sentences`]). The figures of paired sentences pair by position first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SentencePair {
    /// Old sentence indices, in order.
    pub old: Vec<usize>,
    /// New sentence indices, in order.
    pub new: Vec<usize>,
}

/// How a figure moved between old and new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeltaStatus {
    /// Both have it, with different values.
    Changed,
    /// Only new has it.
    Added,
    /// Only old has it.
    Removed,
    /// Both have it with the same value.
    Unchanged,
}

impl DeltaStatus {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DeltaStatus::Changed => "changed",
            DeltaStatus::Added => "added",
            DeltaStatus::Removed => "removed",
            DeltaStatus::Unchanged => "unchanged",
        }
    }
}

/// One metric compared between old and new.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricDelta {
    /// The metric's identity.
    pub key: String,
    /// Its name as written (new's, or old's when removed).
    pub label: String,
    /// Unit or classifier (`pp` for a change of a rate in points).
    pub unit: String,
    /// The period, when known (new's, or old's when removed).
    pub period: Option<String>,
    /// Old's period where it differs from `period`: a next edition moved every period on
    /// (`2022` -> `2023`) and the figure was paired across the shift.
    pub old_period: Option<String>,
    /// For a change figure (`同比增加7.29%`), what it is measured against; `None` for a level.
    pub change: Option<Basis>,
    /// Old value (for a change figure, the signed change).
    pub old: Option<f64>,
    /// New value.
    pub new: Option<f64>,
    /// `new - old` (percentage points when the unit is `%` or `pp`).
    pub delta: Option<f64>,
    /// `new / old - 1`, not given for percentages and change figures.
    pub ratio: Option<f64>,
    /// Changed, added, removed or unchanged.
    pub status: DeltaStatus,
    /// Old figure as written.
    pub old_text: Option<String>,
    /// New figure as written.
    pub new_text: Option<String>,
    /// Old figure's qualifier.
    pub old_qualifier: Option<Qualifier>,
    /// New figure's qualifier.
    pub new_qualifier: Option<Qualifier>,
}

/// Edits left out of a diff because they change only what sentence keys fold: punctuation,
/// spacing or script. `show_punctuation` shows them as changes instead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hidden {
    /// Punctuation-only edits, a sentence split or merged by a full stop alone included.
    pub punctuation: usize,
    /// Spacing-only edits (`中文图书 590万册` -> `中文图书590万册`).
    pub spacing: usize,
    /// Script-only edits (Traditional vs Simplified).
    pub script: usize,
}

impl Hidden {
    /// Counts one hidden edit of `class`; classes that are never hidden are not counted.
    pub fn count(&mut self, class: ChangeClass) {
        match class {
            ChangeClass::Punctuation => self.punctuation += 1,
            ChangeClass::Spacing => self.spacing += 1,
            ChangeClass::Script => self.script += 1,
            ChangeClass::Figures | ChangeClass::Wording | ChangeClass::Mixed => {}
        }
    }

    /// How many edits were left out.
    pub fn total(&self) -> usize {
        self.punctuation + self.spacing + self.script
    }
}

/// Counts of changes by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Added sentences (changes).
    pub added: usize,
    /// Deleted sentences (changes).
    pub deleted: usize,
    /// Modified sentences.
    pub modified: usize,
    /// Moved sentences.
    pub moved: usize,
    /// Split sentences.
    pub split: usize,
    /// Merged sentences.
    pub merged: usize,
    /// Sentences equal on both sides.
    pub unchanged: usize,
    /// Metrics whose status is not `Unchanged`.
    pub metric_changes: usize,
    /// Punctuation-, spacing- and script-only edits left out (counted among `unchanged`).
    pub hidden: Hidden,
}

/// Everything a renderer needs: both sides, the sentence changes and the metric deltas.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffResult {
    /// The old side.
    pub old: Side,
    /// The new side.
    pub new: Side,
    /// Sentence changes, in the order of the new text (deletions where they stood).
    pub changes: Vec<Change>,
    /// Metric deltas.
    pub metrics: Vec<MetricDelta>,
    /// Counts.
    pub summary: Summary,
    /// Whether the time budget ran out and part of the diff is coarser than usual.
    pub coarse: bool,
}

impl DiffResult {
    /// Whether anything changed (sentences or figures).
    pub fn has_changes(&self) -> bool {
        !self.changes.is_empty() || self.summary.metric_changes > 0
    }

    /// Whether a rendering has anything to say: a change, or edits it leaves out and must
    /// own up to (`no changes (1 spacing-only edit not shown: …)`).
    pub fn has_news(&self) -> bool {
        self.has_changes() || self.summary.hidden.total() > 0
    }

    /// The heading each change stands under, one entry per change in `changes`: the nearest
    /// heading at or before its first new sentence (old sentence for a deletion); a changed
    /// heading is its own section. `None` before the first heading.
    pub fn sections(&self) -> Vec<Option<&str>> {
        let new_headings = self.new.snapshot.sections();
        let old_headings = self.old.snapshot.sections();
        self.changes
            .iter()
            .map(|c| match (c.new_index.first(), c.old_index.first()) {
                (Some(&j), _) => new_headings.get(j).copied().flatten(),
                (None, Some(&i)) => old_headings.get(i).copied().flatten(),
                (None, None) => None,
            })
            .collect()
    }
}
