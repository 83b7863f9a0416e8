//! Recording reports: raw input -> snapshot -> one commit in the store.
//!
//! `ingest` records the inputs it is given, `renormalize` re-reads every kept raw input with
//! the current rules, and `watch` records the sources it re-reads. Each reads its inputs
//! with [`read`] (the front half, [`pipeline::read_report`]), then makes at most one commit:
//! this module decides each report's hospital, report id and file bytes, and compares them
//! with what is stored; the store only writes.

mod identity;
mod renormalize;

use std::collections::HashMap;

use thiserror::Error;

use crate::pipeline::{self, ReadError, ReadOptions, normalizer_version};
use crate::snapshot::Snapshot;
use crate::store::path::sanitize_component;
use crate::store::{
    CommitInfo, CommitTime, Edit, Plan, RawInput, ReportPath, Store, StoreError, Tip,
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
    let prepared = prepare(store, reports)?;
    let committed = store.commit(info, |tip| plan(tip, &prepared, fetched_at))?;
    Ok(Recorded {
        reports: committed.value?,
        commit: committed.commit,
    })
}

/// What [`commit`] would do, without writing: where each report would be stored and whether
/// it would be new, updated or unchanged.
pub fn preview(store: &Store, reports: &[Report]) -> Result<Vec<ReportOutcome>, RecordError> {
    let prepared = prepare(store, reports)?;
    store.read_tip(|tip| plan(tip, &prepared, None))?.value
}

/// A report ready to store: its hospital, the id its own data gives, and the exact bytes of
/// its snapshot file.
struct Prepared<'a> {
    report: &'a Report,
    /// The hospital's folder.
    hospital: String,
    /// The report's path by its own id (see [`identity::own_id`]), if it has one.
    own: Option<ReportPath>,
    snapshot: Snapshot,
    markdown: Vec<u8>,
}

/// Decides each report's hospital and own id and renders its file, refusing reports that
/// name no hospital.
fn prepare<'a>(store: &Store, reports: &'a [Report]) -> Result<Vec<Prepared<'a>>, RecordError> {
    let mut prepared = Vec::with_capacity(reports.len());
    for report in reports {
        let hospital = identity::hospital_of(report, store.config())
            .ok_or_else(|| RecordError::NoHospital(report.label.clone()))?;
        let mut snapshot = report.snapshot.clone();
        snapshot.meta.hospital = Some(hospital.clone());
        let hospital_dir = sanitize_component(&hospital);
        let own = identity::own_id(report, &snapshot).map(|id| ReportPath {
            hospital: hospital_dir.clone(),
            report: id,
        });
        let markdown = file_bytes(&mut snapshot);
        prepared.push(Prepared {
            report,
            hospital: hospital_dir,
            own,
            snapshot,
            markdown,
        });
    }
    Ok(prepared)
}

/// Where a report goes at this tip: its own path when the caller named it, asked for a new
/// report, or the store already has that path; else the stored report it is a new version
/// of, if any; else its own path.
fn place(
    tip: &Tip<'_>,
    report: &Prepared<'_>,
) -> Result<Result<(ReportPath, Option<Matched>), RecordError>, StoreError> {
    let no_id = || RecordError::NoReportId(report.report.label.clone());
    let own_is_stored = match &report.own {
        Some(own) => tip.snapshot(own)?.is_some(),
        None => false,
    };
    if report.report.report.is_some() || report.report.new_report || own_is_stored {
        return Ok(report.own.clone().map(|own| (own, None)).ok_or_else(no_id));
    }
    Ok(
        match identity::stored_version_of(tip, &report.hospital, &report.snapshot)? {
            Some((path, matched)) => Ok((path, Some(matched))),
            None => report.own.clone().map(|own| (own, None)).ok_or_else(no_id),
        },
    )
}

/// The plan of a commit at this tip: the edits for the reports that differ from it, and what
/// happens to each (or why the reports cannot be stored; then nothing is written).
type Planned = Plan<Result<Vec<ReportOutcome>, RecordError>>;

fn plan(
    tip: &Tip<'_>,
    prepared: &[Prepared<'_>],
    fetched_at: Option<CommitTime>,
) -> Result<Planned, StoreError> {
    let refuse = |error: RecordError| Planned {
        edits: Vec::new(),
        subject: String::new(),
        trailers: Vec::new(),
        value: Err(error),
    };
    let mut edits = Vec::new();
    let mut outcomes = Vec::with_capacity(prepared.len());
    let mut trailers = Vec::new();
    let mut seen: HashMap<ReportPath, &str> = HashMap::new();
    for report in prepared {
        let (path, matched) = match place(tip, report)? {
            Ok(placed) => placed,
            Err(error) => return Ok(refuse(error)),
        };
        if let Some(first) = seen.insert(path.clone(), &report.report.label) {
            return Ok(refuse(RecordError::SamePath {
                first: first.to_string(),
                second: report.report.label.clone(),
                path,
            }));
        }
        let stored = tip.snapshot(&path)?;
        let old = stored
            .as_ref()
            .and_then(|bytes| Snapshot::from_markdown(&String::from_utf8_lossy(bytes)).ok());
        let (snapshot, markdown) = keep_known_url(report, old.as_ref());
        let status = match (&stored, old) {
            (Some(bytes), _) if *bytes == markdown => Status::Unchanged,
            (Some(_), old) => Status::Updated(old),
            (None, _) => Status::New,
        };
        if status != Status::Unchanged {
            edits.push(Edit::Snapshot {
                path: path.clone(),
                bytes: markdown,
            });
            if let Some(raw) = &report.report.raw {
                edits.push(Edit::Raw {
                    path: path.clone(),
                    raw: raw.clone(),
                });
            }
            if let Some(url) = &report.report.snapshot.meta.url {
                trailers.push(("Source-Url".to_string(), url.clone()));
            }
        }
        outcomes.push(ReportOutcome {
            label: report.report.label.clone(),
            path,
            status,
            snapshot,
            matched,
        });
    }
    if let Some(when) = fetched_at {
        trailers.push(("Fetched-At".to_string(), rfc3339(when)));
    }
    Ok(Plan {
        subject: describe(&outcomes),
        edits,
        trailers,
        value: Ok(outcomes),
    })
}

/// The snapshot to store and its bytes: a new version read without a URL keeps the URL the
/// stored version was read from, since where a report is published does not change because
/// one copy of it arrived as a file.
fn keep_known_url(report: &Prepared<'_>, old: Option<&Snapshot>) -> (Snapshot, Vec<u8>) {
    let mut snapshot = report.snapshot.clone();
    match old.and_then(|old| old.meta.url.clone()) {
        Some(url) if snapshot.meta.url.is_none() => {
            snapshot.meta.url = Some(url);
            let markdown = file_bytes(&mut snapshot);
            (snapshot, markdown)
        }
        _ => (snapshot, report.markdown.clone()),
    }
}

/// A snapshot's file bytes, once stamped with the normalizer version that made it.
fn file_bytes(snapshot: &mut Snapshot) -> Vec<u8> {
    snapshot.meta.normalizer = Some(normalizer_version());
    snapshot.to_markdown().into_bytes()
}

/// A commit subject for a commit of reports: what it added and updated.
fn describe(outcomes: &[ReportOutcome]) -> String {
    let changed: Vec<&ReportOutcome> = outcomes
        .iter()
        .filter(|o| o.status != Status::Unchanged)
        .collect();
    match changed.as_slice() {
        [one] if one.status == Status::New => format!("add {}", one.path),
        [one] => format!("update {}", one.path),
        many => {
            let new = many.iter().filter(|o| o.status == Status::New).count();
            format!(
                "ingest {} reports ({new} new, {} updated)",
                many.len(),
                many.len() - new
            )
        }
    }
}

/// A time as RFC 3339 in its own offset, for the `Fetched-At` trailer.
fn rfc3339(when: CommitTime) -> String {
    let offset =
        jiff::tz::Offset::from_seconds(when.offset_minutes * 60).unwrap_or(jiff::tz::Offset::UTC);
    match jiff::Timestamp::from_second(when.seconds) {
        Ok(t) => t
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(offset))
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
        Err(_) => when.seconds.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(report: &str, status: Status) -> ReportOutcome {
        ReportOutcome {
            label: format!("{report}.txt"),
            path: ReportPath::new("诸城市人民医院", report),
            status,
            snapshot: Snapshot::default(),
            matched: None,
        }
    }

    #[test]
    fn the_subject_names_one_report_or_counts_many() {
        assert_eq!(
            describe(&[
                outcome("联建", Status::New),
                outcome("旧闻", Status::Unchanged)
            ]),
            "add 诸城市人民医院/联建"
        );
        assert_eq!(
            describe(&[outcome("联建", Status::Updated(None))]),
            "update 诸城市人民医院/联建"
        );
        assert_eq!(
            describe(&[
                outcome("联建", Status::New),
                outcome("义诊", Status::Updated(None)),
                outcome("党建", Status::New),
            ]),
            "ingest 3 reports (2 new, 1 updated)"
        );
    }

    #[test]
    fn the_fetch_time_is_written_in_its_offset() {
        let when = CommitTime {
            seconds: 1_751_328_000,
            offset_minutes: 480,
        };
        assert_eq!(rfc3339(when), "2025-07-01T08:00:00+08:00");
    }

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
