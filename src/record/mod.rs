//! Recording reports: raw input -> snapshot -> one commit in the store.
//!
//! `ingest` records the inputs it is given, `renormalize` re-reads every kept raw input with
//! the current rules, and `watch` records the sources it re-reads. Each reads its inputs
//! with [`read`] (the front half, [`pipeline::read_report`]), then makes at most one commit:
//! this module decides each report's hospital, report id and file bytes, and compares them
//! with what is stored; the store only writes.

mod identity;
mod plan;
mod renormalize;

use thiserror::Error;

use crate::pipeline::{self, ReadError, ReadOptions, normalizer_version};
use crate::snapshot::Snapshot;
use crate::store::{
    CommitInfo, CommitTime, Edit, RawInput, ReportPath, Store, StoreError, TakenOver,
};

pub use identity::{Matched, SAME_REPORT};
pub use renormalize::{Renormalized, renormalize};

/// One raw input and what the caller knows about it beyond its bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    /// How the input is named in messages (a path, `<stdin>`, a URL).
    pub label: String,
    /// The bytes as read.
    pub bytes: Vec<u8>,
    /// The hospital override and the URL the input was fetched from.
    pub options: ReadOptions,
    /// The report id; default: the title, else the URL, else `fallback_id`, unless the
    /// input is a new version of a stored report (see [`Matched`]).
    pub report: Option<String>,
    /// The id to use when the report has neither title nor URL (an input file's stem).
    pub fallback_id: Option<String>,
    /// The extension to keep the raw input under (`txt`, `html`); `None` keeps none, and
    /// `renormalize` cannot re-derive the snapshot then.
    pub raw_ext: Option<String>,
    /// Store the input under its own id even when it looks like a new version of another
    /// stored report.
    pub new_report: bool,
}

/// A report read from its input, waiting to be committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// How the input was named.
    pub label: String,
    /// The normalized report; its hospital (after alias resolution) names the folder.
    pub snapshot: Snapshot,
    /// The report id given by the caller.
    pub report: Option<String>,
    /// The id to use when the report has neither title nor URL.
    pub fallback_id: Option<String>,
    /// The raw input to keep under `raw/`.
    pub raw: Option<RawInput>,
    /// Whether the caller named the hospital (else it is read from the text).
    pub hospital_given: bool,
    /// Keep the report apart from any stored report it looks like.
    pub new_report: bool,
}

/// What happened to one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The store had no version of it.
    New,
    /// The store had another version (`None` if that version could not be read).
    Updated(Option<Snapshot>),
    /// The store already had exactly this version.
    Unchanged,
}

/// One report of a commit.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOutcome {
    /// How the input was named.
    pub label: String,
    /// Where it is stored.
    pub path: ReportPath,
    /// New, updated or unchanged.
    pub status: Status,
    /// The version now stored.
    pub snapshot: Snapshot,
    /// Why it is stored under an existing report rather than under the id its own title,
    /// URL or file name gives (`None` when that id was used).
    pub matched: Option<Matched>,
}

/// What [`commit`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// Every report, in input order.
    pub reports: Vec<ReportOutcome>,
    /// The commit made (short id), or `None` when nothing changed.
    pub commit: Option<String>,
    /// The dead run's lock an unattended commit took over ([`commit_run`]).
    pub took_over: Option<TakenOver>,
}

/// What a caller adds to a commit of reports, decided once the plan knows what happens to
/// each report (see [`commit_run`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra {
    /// More files for the same commit; with them, a commit is made even when every report
    /// is unchanged.
    pub edits: Vec<Edit>,
    /// The subject, instead of the one that names the reports.
    pub subject: Option<String>,
}

/// Why reports could not be recorded.
#[derive(Debug, Error)]
pub enum RecordError {
    /// An input does not read as a report.
    #[error("{label}")]
    Read {
        /// The input.
        label: String,
        /// Why.
        #[source]
        source: ReadError,
    },
    /// A report names no hospital.
    #[error("{0}: no hospital found in the report; pass --hospital NAME")]
    NoHospital(String),
    /// No report id could be chosen.
    #[error("{0}: no URL or title to name the report by; pass --report ID")]
    NoReportId(String),
    /// Two inputs of one commit land on the same snapshot.
    #[error(
        "{first} and {second} are both stored as {path}; ingest them in separate runs or pass distinct --report ids"
    )]
    SamePath {
        /// The first input.
        first: String,
        /// The second input.
        second: String,
        /// Where both would land.
        path: ReportPath,
    },
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads an input into a report: the front half of the data flow, with the hospital and
/// URL of `input.options` applied.
pub fn read(input: Input) -> Result<Report, RecordError> {
    let snapshot = pipeline::read_report(&input.bytes, &input.options).map_err(|source| {
        RecordError::Read {
            label: input.label.clone(),
            source,
        }
    })?;
    let raw = input.raw_ext.map(|ext| RawInput {
        bytes: input.bytes,
        ext,
    });
    Ok(Report {
        label: input.label,
        snapshot,
        report: input.report,
        fallback_id: input.fallback_id,
        raw,
        hospital_given: input.options.hospital.is_some(),
        new_report: input.new_report,
    })
}

/// Stores a version of each report in one commit. Reports whose stored version is already
/// byte-for-byte the same are left alone; if all are, no commit is made. The subject names
/// what changed, then a `Source-Url:` trailer for each changed report that has a URL, and
/// `Fetched-At:` when `fetched_at` is given.
pub fn commit(
    store: &Store,
    reports: &[Report],
    info: &CommitInfo,
    fetched_at: Option<CommitTime>,
) -> Result<Recorded, RecordError> {
    let prepared = plan::prepare(store, reports)?;
    let mut no_extra = |_: &[ReportOutcome]| Extra::default();
    let committed = store.commit(info, |tip| {
        plan::plan(tip, &prepared, fetched_at, &mut no_extra)
    })?;
    Ok(Recorded {
        reports: committed.value?,
        commit: committed.commit,
        took_over: committed.took_over,
    })
}

/// Stores reports as [`commit`] does, for a run nobody watches (`watch`): `extra` adds files
/// to the same commit (and may name it) once each report's outcome at the branch tip is
/// known, and a lock left by a dead run of this host is taken over
/// ([`Store::commit_unattended`]). `extra` may be called more than once, when another writer
/// moves the branch between planning and committing; it must derive everything from the
/// outcomes it is given.
pub fn commit_run(
    store: &Store,
    reports: &[Report],
    info: &CommitInfo,
    fetched_at: Option<CommitTime>,
    mut extra: impl FnMut(&[ReportOutcome]) -> Extra,
) -> Result<Recorded, RecordError> {
    let prepared = plan::prepare(store, reports)?;
    let committed = store.commit_unattended(info, |tip| {
        plan::plan(tip, &prepared, fetched_at, &mut extra)
    })?;
    Ok(Recorded {
        reports: committed.value?,
        commit: committed.commit,
        took_over: committed.took_over,
    })
}

/// A time as RFC 3339 in its own offset (`2025-07-01T08:00:00+08:00`), as the
/// `Fetched-At` trailer writes it.
pub fn rfc3339(when: CommitTime) -> String {
    plan::rfc3339(when)
}

/// What [`commit`] would do, without writing: where each report would be stored and whether
/// it would be new, updated or unchanged.
pub fn preview(store: &Store, reports: &[Report]) -> Result<Vec<ReportOutcome>, RecordError> {
    let prepared = plan::prepare(store, reports)?;
    let mut no_extra = |_: &[ReportOutcome]| Extra::default();
    store
        .read_tip(|tip| plan::plan(tip, &prepared, None, &mut no_extra))?
        .value
}

/// A snapshot's file bytes, once stamped with the normalizer version that made it.
fn file_bytes(snapshot: &mut Snapshot) -> Vec<u8> {
    snapshot.meta.normalizer = Some(normalizer_version());
    snapshot.to_markdown().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_that_does_not_read_is_named() {
        let input = Input {
            label: "年报.html".to_string(),
            bytes: vec![0, 1, 2, 3],
            ..Input::default()
        };
        let err = read(input).expect_err("binary");
        assert!(matches!(err, RecordError::Read { .. }), "{err}");
        assert_eq!(err.to_string(), "年报.html");
    }

    #[test]
    fn the_raw_input_is_kept_only_when_asked() {
        let text = "诸城市人民医院召开党建工作会议。\n";
        let input = Input {
            label: "会议.txt".to_string(),
            bytes: text.as_bytes().to_vec(),
            options: ReadOptions {
                hospital: Some("诸城市人民医院".to_string()),
                url: None,
            },
            raw_ext: Some("txt".to_string()),
            ..Input::default()
        };
        let report = read(input.clone()).expect("reads");
        assert_eq!(
            report.snapshot.meta.hospital.as_deref(),
            Some("诸城市人民医院")
        );
        assert_eq!(report.raw.map(|r| r.bytes), Some(text.as_bytes().to_vec()));
        let without = read(Input {
            raw_ext: None,
            ..input
        })
        .expect("reads");
        assert_eq!(without.raw, None);
    }
}
