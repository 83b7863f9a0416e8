//! The run's report: what happened to each source, and what of it is flagged. Renderers
//! read this and nothing else.

use crate::changes::{DiffResult, Summary};
use crate::store::TakenOver;

use super::flags::Flagged;
use super::gather::SourceError;

/// One watch run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunReport {
    /// When the run started (RFC 3339): the commit time.
    pub started: String,
    /// Nothing was written.
    pub dry_run: bool,
    /// The commit made (short id), if any.
    pub commit: Option<String>,
    /// A dead run's lock that this run took over.
    pub took_over: Option<TakenOver>,
    /// Every source of the run, in `reportdiff.toml` order.
    pub sources: Vec<SourceReport>,
}

/// What happened to one source.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceReport {
    /// The source's URL or path.
    pub source: String,
    /// The report it is stored as, `HOSPITAL/REPORT`, when known.
    pub report: Option<String>,
    /// What happened.
    pub outcome: Outcome,
}

/// What happened to one source.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Read, and the same as the stored version (`not_modified`: the server said so).
    Unchanged {
        /// The server answered `304 Not Modified`.
        not_modified: bool,
    },
    /// Read for the first time and stored.
    New {
        /// Its sentences.
        sentences: usize,
    },
    /// A new version, stored.
    Changed(Box<Changed>),
    /// Back to a version seen before the stored one, stored again but not a new change.
    FlipBack {
        /// How many versions back it was seen (1: the version before the stored one).
        back: usize,
        /// What changed from the stored version.
        summary: Summary,
    },
    /// Could not be read; nothing stored changed.
    Error {
        /// Why.
        error: SourceError,
        /// Failures in a row, this one included.
        failures: u32,
    },
    /// Failed too many times in a row.
    Broken {
        /// The latest reason.
        error: SourceError,
        /// Failures in a row, this one included.
        failures: u32,
        /// This run is the one that made it broken.
        newly: bool,
    },
}

/// A changed source: the whole diff and what of it is flagged.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    /// Stored version (old) against this run's (new).
    pub diff: DiffResult,
    /// What the source's flag rules select.
    pub flagged: Flagged,
}

impl Changed {
    /// The diff with only its flagged changes and figures: what a report shows.
    pub fn flagged_diff(&self) -> DiffResult {
        let mut diff = self.diff.clone();
        diff.changes = keep(&self.diff.changes, &self.flagged.changes);
        diff.metrics = keep(&self.diff.metrics, &self.flagged.metrics);
        diff
    }
}

fn keep<T: Clone>(items: &[T], indices: &[usize]) -> Vec<T> {
    indices
        .iter()
        .filter_map(|&i| items.get(i).cloned())
        .collect()
}

impl Outcome {
    /// The name used in reports and JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Unchanged { .. } => "unchanged",
            Outcome::New { .. } => "new",
            Outcome::Changed(_) => "changed",
            Outcome::FlipBack { .. } => "flip-back",
            Outcome::Error { .. } => "error",
            Outcome::Broken { .. } => "broken",
        }
    }
}

impl SourceReport {
    /// Whether this source wants someone's attention: a change its rules flag, or a source
    /// that broke in this run (later runs still report it broken, without flagging it
    /// again: a scheduled job would otherwise open the same issue every time).
    pub fn flagged(&self) -> bool {
        match &self.outcome {
            Outcome::Changed(changed) => changed.flagged.any(),
            Outcome::Broken { newly, .. } => *newly,
            _ => false,
        }
    }
}

/// How many sources ended which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// All sources of the run.
    pub sources: usize,
    /// Unchanged.
    pub unchanged: usize,
    /// New.
    pub new: usize,
    /// Changed.
    pub changed: usize,
    /// Changed, with something flagged.
    pub changed_flagged: usize,
    /// Flagged (changed, or newly broken).
    pub flagged: usize,
    /// Flip-backs.
    pub flip_backs: usize,
    /// Errors (not broken).
    pub errors: usize,
    /// Broken.
    pub broken: usize,
}

impl RunReport {
    /// Whether anything is flagged: the run's exit status 1.
    pub fn flagged(&self) -> bool {
        self.sources.iter().any(SourceReport::flagged)
    }

    /// The sources counted by outcome.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts {
            sources: self.sources.len(),
            ..Counts::default()
        };
        for source in &self.sources {
            match source.outcome {
                Outcome::Unchanged { .. } => counts.unchanged += 1,
                Outcome::New { .. } => counts.new += 1,
                Outcome::Changed(_) => counts.changed += 1,
                Outcome::FlipBack { .. } => counts.flip_backs += 1,
                Outcome::Error { .. } => counts.errors += 1,
                Outcome::Broken { .. } => counts.broken += 1,
            }
            if source.flagged() {
                counts.flagged += 1;
                if matches!(source.outcome, Outcome::Changed(_)) {
                    counts.changed_flagged += 1;
                }
            }
        }
        counts
    }
}
