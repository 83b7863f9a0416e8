//! Review: every report that changed between two revisions of a repository, each diffed as
//! `diff` diffs it, under one summary — what a reviewer reads in a pull request.
//!
//! [`range::choose`] picks the revisions (by default the merge base with the default branch,
//! and HEAD); [`review`] finds the snapshot files added, changed, deleted or renamed between
//! them (and raw inputs changed without their snapshot, normalized on the fly), diffs each,
//! marks the ones a rules update changed, and sums them up. [`github`] turns a review into
//! GitHub workflow annotations that no report text can subvert. Reading git is the store's
//! job ([`Revisions`]); drawing a review is the renderers'.

pub mod github;
pub mod lines;
mod paths;
pub mod range;
mod reports;
mod summary;
pub mod workflow_command;

use thiserror::Error;

use crate::changes::{DiffOptions, DiffResult, Side};
use crate::diff;
use crate::metrics::Lexicon;
use crate::pipeline::{self, ReadOptions};
use crate::snapshot::{Snapshot, SnapshotError};
use crate::store::changes::{CommitKinds, FileVersion, Revision, Revisions};
use crate::store::{ReportPath, StoreError};

pub use paths::PathFilter;
pub use range::Range;
pub use summary::{FigureMove, ReviewSummary};

/// What happened to a report between the two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportStatus {
    /// New in head.
    Added,
    /// In both, changed.
    Changed,
    /// Gone from head.
    Deleted,
    /// Stored under another name in head (perhaps changed too).
    Renamed,
}

impl ReportStatus {
    /// The name used in JSON and in the summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Added => "added",
            ReportStatus::Changed => "changed",
            ReportStatus::Deleted => "deleted",
            ReportStatus::Renamed => "renamed",
        }
    }
}

/// Which file of a report the review read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// The snapshot file (`snapshots/…/….md`).
    Snapshot,
    /// The raw input (`raw/…`), changed without its snapshot and normalized on the fly.
    Raw,
}

impl Source {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Snapshot => "snapshot",
            Source::Raw => "raw",
        }
    }
}

/// Whether a rules update (a commit with `Normalizer-Change: yes`) changed a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RulesUpdate {
    /// No: only ordinary commits changed it.
    None,
    /// Only rules updates changed it: its text changed because the normalizer did.
    Only,
    /// Rules updates and ordinary commits both changed it.
    Partly,
}

impl RulesUpdate {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RulesUpdate::None => "none",
            RulesUpdate::Only => "only",
            RulesUpdate::Partly => "partly",
        }
    }
}

/// One changed report and its diff.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportReview {
    /// `hospital/report` (the new name when renamed).
    pub name: String,
    /// Added, changed, deleted or renamed.
    pub status: ReportStatus,
    /// The snapshot file, or the raw input read on the fly.
    pub source: Source,
    /// The file at the base revision, from the repository root.
    pub old_path: Option<String>,
    /// The file at the head revision.
    pub new_path: Option<String>,
    /// Whether a rules update made the change.
    pub rules: RulesUpdate,
    /// The diff, as `reportdiff diff` computes it; an added report's old side (and a deleted
    /// one's new side) is an empty snapshot labelled `/dev/null`.
    pub diff: DiffResult,
    /// For each sentence of the new side, its line in the head file (empty for a raw input,
    /// whose lines are not sentences).
    pub new_lines: Vec<usize>,
}

impl ReportReview {
    /// Whether the reviewer has something to read: the report came, went or moved, or its
    /// sentences or figures changed (an edit of punctuation or spacing alone is not a change,
    /// as in `diff`).
    pub fn is_change(&self) -> bool {
        self.status != ReportStatus::Changed || self.diff.has_changes()
    }
}

/// A file the review could not read as a report, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file, from the repository root.
    pub path: String,
    /// Why it was left out.
    pub reason: String,
}

/// Every changed report between two revisions, and their sum.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The revisions compared.
    pub range: Range,
    /// The changed reports: snapshot files in path order, then raw inputs.
    pub reports: Vec<ReportReview>,
    /// Raw inputs that do not read as reports (a PDF, an empty page).
    pub skipped: Vec<Skipped>,
    /// Counts over all reports, and the figures that moved most.
    pub summary: ReviewSummary,
}

/// When a review asks for attention (exit code 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailOn {
    /// Any report changed.
    Any,
    /// Any figure changed, was added or was removed.
    Figures,
    /// Never.
    Never,
}

impl Review {
    /// Whether the review meets the `fail_on` condition.
    pub fn flags(&self, fail_on: FailOn) -> bool {
        match fail_on {
            FailOn::Any => self.reports.iter().any(ReportReview::is_change),
            FailOn::Figures => self.summary.figures_changed > 0,
            FailOn::Never => false,
        }
    }
}

/// What shapes a review.
#[derive(Debug, Clone, Default)]
pub struct ReviewOptions {
    /// How each report is diffed.
    pub diff: DiffOptions,
    /// Which reports are reviewed.
    pub paths: PathFilter,
}

/// Why a review could not be made.
#[derive(Debug, Error)]
pub enum ReviewError {
    /// The repository could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// HEAD names no commit (a repository with no commit yet).
    #[error("HEAD has no commit yet; commit the snapshots first, or pass --head REV")]
    NoHead,
    /// No base was given and no default branch exists.
    #[error(
        "no default branch to compare with (looked for {}); pass --base REV",
        range::default_branch_names()
    )]
    NoDefaultBranch,
    /// A snapshot file in the range does not read as one.
    #[error("{path} at {revision}")]
    BadSnapshot {
        /// The file.
        path: String,
        /// The revision it was read at.
        revision: String,
        /// What is wrong with it.
        #[source]
        source: SnapshotError,
    },
    /// A path pattern is not a glob.
    #[error("`{pattern}` is not a glob pattern")]
    BadGlob {
        /// The pattern as given.
        pattern: String,
        /// What is wrong with it.
        #[source]
        source: globset::Error,
    },
}

/// Reviews every report changed between `range.base` and `range.head`. Figures are keyed
/// with the head revision's `reportdiff.toml` lexicon (the built-in one without it).
pub fn review(
    revisions: &Revisions,
    range: Range,
    options: &ReviewOptions,
) -> Result<Review, ReviewError> {
    let config = revisions.config_at(&range.head)?;
    let lexicon = Lexicon::with_overrides(config.lexicon.iter().cloned());
    let found: Vec<reports::Found> =
        reports::find(revisions.changed_files(&range.base, &range.head)?)
            .into_iter()
            .filter(|f| options.paths.covers(&f.name.to_string(), f.paths()))
            .collect();
    let kinds = if found.iter().any(|f| f.source == Source::Snapshot) {
        revisions.commit_kinds(&range.base, &range.head)?
    } else {
        CommitKinds::default()
    };
    let mut reviewed = Vec::new();
    let mut skipped = Vec::new();
    for found in found {
        let sides = match found.source {
            Source::Snapshot => Ok(snapshot_sides(&found, &range)?),
            Source::Raw => raw_sides(&found, revisions, &range),
        };
        match sides {
            Ok((old, new)) => {
                reviewed.push(report_review(found, old, new, &kinds, &lexicon, options));
            }
            Err(skip) => skipped.push(skip),
        }
    }
    let summary = ReviewSummary::of(&reviewed);
    Ok(Review {
        range,
        reports: reviewed,
        skipped,
        summary,
    })
}

fn report_review(
    found: reports::Found,
    old: Side,
    new: Side,
    kinds: &CommitKinds,
    lexicon: &Lexicon,
    options: &ReviewOptions,
) -> ReportReview {
    let path = |v: &Option<FileVersion>| v.as_ref().map(|f| f.path.clone());
    let (old_path, new_path) = (path(&found.old), path(&found.new));
    let new_lines = match (&found.new, found.source) {
        (Some(file), Source::Snapshot) => {
            lines::sentence_lines(&String::from_utf8_lossy(&file.bytes))
        }
        _ => Vec::new(),
    };
    let touched = |paths: &std::collections::HashSet<String>| {
        [&old_path, &new_path]
            .into_iter()
            .flatten()
            .any(|p| paths.contains(p))
    };
    let rules = match (touched(&kinds.by_rules), touched(&kinds.by_others)) {
        (true, false) => RulesUpdate::Only,
        (true, true) => RulesUpdate::Partly,
        (false, _) => RulesUpdate::None,
    };
    ReportReview {
        name: found.name.to_string(),
        status: found.status,
        source: found.source,
        old_path,
        new_path,
        rules,
        diff: diff::diff(old, new, lexicon, &options.diff),
        new_lines,
    }
}

/// Both sides of a snapshot file's change.
fn snapshot_sides(found: &reports::Found, range: &Range) -> Result<(Side, Side), ReviewError> {
    let side = |file: &Option<FileVersion>, at: &Revision| -> Result<Side, ReviewError> {
        let Some(file) = file else {
            return Ok(absent());
        };
        let snapshot =
            Snapshot::from_markdown(&String::from_utf8_lossy(&file.bytes)).map_err(|source| {
                ReviewError::BadSnapshot {
                    path: file.path.clone(),
                    revision: at.short.clone(),
                    source,
                }
            })?;
        Ok(present(file, at, snapshot))
    };
    Ok((
        side(&found.old, &range.base)?,
        side(&found.new, &range.head)?,
    ))
}

/// Both sides of a raw input's change, each normalized with the current rules (so that the
/// rules themselves never show as a change), with the hospital and URL its stored snapshot
/// records, as `renormalize` reads it. An input that does not read as a report is skipped.
fn raw_sides(
    found: &reports::Found,
    revisions: &Revisions,
    range: &Range,
) -> Result<(Side, Side), Skipped> {
    let options = stored_options(revisions, range, &found.name);
    let side = |file: &Option<FileVersion>, at: &Revision| match file {
        None => Ok(absent()),
        Some(file) => match pipeline::read_report(&file.bytes, &options) {
            Ok(snapshot) => Ok(present(file, at, snapshot)),
            Err(e) => Err(Skipped {
                path: file.path.clone(),
                reason: format!("at {}: {}", at.short, crate::one_line::one_line(&e)),
            }),
        },
    };
    Ok((
        side(&found.old, &range.base)?,
        side(&found.new, &range.head)?,
    ))
}

/// The hospital and URL the report's stored snapshot records (head's, else base's); none
/// when it has no readable snapshot.
fn stored_options(revisions: &Revisions, range: &Range, report: &ReportPath) -> ReadOptions {
    let path = report.snapshot_path();
    for at in [&range.head, &range.base] {
        let stored = revisions.read(at, &path).ok().flatten();
        if let Some(Ok(snapshot)) =
            stored.map(|bytes| Snapshot::from_markdown(&String::from_utf8_lossy(&bytes)))
        {
            return ReadOptions {
                hospital: snapshot.meta.hospital,
                url: snapshot.meta.url,
            };
        }
    }
    ReadOptions::default()
}

/// The side of a report that does not exist at a revision.
fn absent() -> Side {
    Side {
        label: "/dev/null".to_string(),
        revision: None,
        snapshot: Snapshot::default(),
    }
}

fn present(file: &FileVersion, at: &Revision, snapshot: Snapshot) -> Side {
    Side {
        label: file.path.clone(),
        revision: Some(at.short.clone()),
        snapshot,
    }
}
