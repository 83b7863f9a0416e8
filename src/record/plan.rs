//! Planning a commit of reports against the branch tip: where each report goes (its own id,
//! or the stored report it is a new version of), whether it is new, updated or unchanged,
//! and the edits, subject and trailers of the commit.

use std::collections::HashMap;

use crate::snapshot::Snapshot;
use crate::store::path::sanitize_component;
use crate::store::{CommitTime, Edit, Plan, ReportPath, Store, StoreError, Tip};

use super::identity::{self, Matched, StoredReports};
use super::{Extra, RecordError, Report, ReportOutcome, Status, file_bytes};

/// A report ready to store: its hospital, the id its own data gives, and the exact bytes of
/// its snapshot file.
pub(super) struct Prepared<'a> {
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
pub(super) fn prepare<'a>(
    store: &Store,
    reports: &'a [Report],
) -> Result<Vec<Prepared<'a>>, RecordError> {
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
    stored: &mut StoredReports,
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
        match stored.version_of(tip, &report.hospital, &report.snapshot)? {
            Some((path, matched)) => Ok((path, Some(matched))),
            None => report.own.clone().map(|own| (own, None)).ok_or_else(no_id),
        },
    )
}

/// The plan of a commit at this tip: the edits for the reports that differ from it, and what
/// happens to each (or why the reports cannot be stored; then nothing is written).
pub(super) type Planned = Plan<Result<Vec<ReportOutcome>, RecordError>>;

pub(super) fn plan(
    tip: &Tip<'_>,
    prepared: &[Prepared<'_>],
    fetched_at: Option<CommitTime>,
    extra: &mut dyn FnMut(&[ReportOutcome]) -> Extra,
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
    let mut stored = StoredReports::default();
    for report in prepared {
        let (path, matched) = match place(tip, report, &mut stored)? {
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
    let extra = extra(&outcomes);
    edits.extend(extra.edits);
    Ok(Plan {
        subject: extra.subject.unwrap_or_else(|| describe(&outcomes)),
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
pub(super) fn rfc3339(when: CommitTime) -> String {
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
}
