//! Recording reports: raw input -> snapshot -> one commit in the store.
//!
//! `ingest` records the inputs it is given, `renormalize` re-reads every kept raw input with
//! the current rules, and `watch` records the sources it re-reads. Each reads its inputs
//! with [`read`] (the front half, [`pipeline::read_report`]), then makes at most one commit:
//! this module decides each report's hospital, report id and file bytes, and compares them
//! with what is stored; the store only writes.

mod renormalize;

use std::collections::HashMap;

use thiserror::Error;

use crate::pipeline::{self, ReadError, ReadOptions, normalizer_version};
use crate::snapshot::Snapshot;
use crate::store::path::{report_id_from_url, sanitize_component};
use crate::store::{
    CommitInfo, CommitTime, Edit, Plan, RawInput, ReportPath, Store, StoreError, Tip,
};

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
    /// The report id; default: the URL, else the title, else `fallback_id`.
    pub report: Option<String>,
    /// The id to use when the report has neither URL nor title (an input file's stem).
    pub fallback_id: Option<String>,
    /// The extension to keep the raw input under (`txt`, `html`); `None` keeps none, and
    /// `renormalize` cannot re-derive the snapshot then.
    pub raw_ext: Option<String>,
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
    /// The id to use when the report has neither URL nor title.
    pub fallback_id: Option<String>,
    /// The raw input to keep under `raw/`.
    pub raw: Option<RawInput>,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOutcome {
    /// Where it is stored.
    pub path: ReportPath,
    /// New, updated or unchanged.
    pub status: Status,
    /// The version now stored.
    pub snapshot: Snapshot,
}

/// What [`commit`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        reports: committed.value,
        commit: committed.commit,
    })
}

/// A report ready to store: its path and the exact bytes of its snapshot file.
struct Prepared<'a> {
    path: ReportPath,
    snapshot: Snapshot,
    markdown: Vec<u8>,
    raw: Option<&'a RawInput>,
}

/// Chooses each report's path and renders its file, refusing reports that name no hospital
/// or no id, and two reports that would land on the same file.
fn prepare<'a>(store: &Store, reports: &'a [Report]) -> Result<Vec<Prepared<'a>>, RecordError> {
    let mut seen: HashMap<ReportPath, &str> = HashMap::new();
    let mut prepared = Vec::with_capacity(reports.len());
    for report in reports {
        let mut snapshot = report.snapshot.clone();
        let hospital = snapshot
            .meta
            .hospital
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .ok_or_else(|| RecordError::NoHospital(report.label.clone()))?;
        let hospital = store.config().resolve_hospital(hospital).to_string();
        let report_id = match (&report.report, &snapshot.meta.url, &snapshot.meta.title) {
            (Some(id), _, _) => sanitize_component(id),
            (None, Some(url), _) => report_id_from_url(url),
            (None, None, Some(title)) => sanitize_component(title),
            (None, None, None) => report
                .fallback_id
                .as_deref()
                .map(sanitize_component)
                .ok_or_else(|| RecordError::NoReportId(report.label.clone()))?,
        };
        let path = ReportPath {
            hospital: sanitize_component(&hospital),
            report: report_id,
        };
        if let Some(first) = seen.insert(path.clone(), &report.label) {
            return Err(RecordError::SamePath {
                first: first.to_string(),
                second: report.label.clone(),
                path,
            });
        }
        snapshot.meta.hospital = Some(hospital);
        let markdown = file_bytes(&mut snapshot);
        prepared.push(Prepared {
            path,
            snapshot,
            markdown,
            raw: report.raw.as_ref(),
        });
    }
    Ok(prepared)
}

/// The edits for the reports that differ from the tip, and what happened to each.
fn plan(
    tip: &Tip<'_>,
    prepared: &[Prepared<'_>],
    fetched_at: Option<CommitTime>,
) -> Result<Plan<Vec<ReportOutcome>>, StoreError> {
    let mut edits = Vec::new();
    let mut outcomes = Vec::with_capacity(prepared.len());
    let mut trailers = Vec::new();
    for report in prepared {
        let status = match tip.snapshot(&report.path)? {
            Some(old) if old == report.markdown => Status::Unchanged,
            Some(old) => {
                Status::Updated(Snapshot::from_markdown(&String::from_utf8_lossy(&old)).ok())
            }
            None => Status::New,
        };
        if status != Status::Unchanged {
            edits.push(Edit::Snapshot {
                path: report.path.clone(),
                bytes: report.markdown.clone(),
            });
            if let Some(raw) = report.raw {
                edits.push(Edit::Raw {
                    path: report.path.clone(),
                    raw: raw.clone(),
                });
            }
            if let Some(url) = &report.snapshot.meta.url {
                trailers.push(("Source-Url".to_string(), url.clone()));
            }
        }
        outcomes.push(ReportOutcome {
            path: report.path.clone(),
            status,
            snapshot: report.snapshot.clone(),
        });
    }
    if let Some(when) = fetched_at {
        trailers.push(("Fetched-At".to_string(), rfc3339(when)));
    }
    Ok(Plan {
        subject: describe(&outcomes),
        edits,
        trailers,
        value: outcomes,
    })
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
            path: ReportPath::new("诸城市人民医院", report),
            status,
            snapshot: Snapshot::default(),
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
