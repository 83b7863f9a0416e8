//! From changed files to changed reports: a snapshot file added, modified, deleted or renamed
//! is one report; a raw input changed without its snapshot is one report too, to be
//! normalized on the fly. Where both changed, the snapshot speaks for the report.

use std::collections::{BTreeMap, HashSet};

use crate::store::changes::{ChangedFile, FileStatus, FileVersion};
use crate::store::{RAW_DIR, ReportPath};

use super::{ReportStatus, Source};

/// A report whose files changed, before it is read and diffed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The report, `hospital/report` (its new name when renamed).
    pub name: ReportPath,
    /// What happened to it.
    pub status: ReportStatus,
    /// Whether the snapshot file or only the raw input changed.
    pub source: Source,
    /// The file at the base revision.
    pub old: Option<FileVersion>,
    /// The file at the head revision.
    pub new: Option<FileVersion>,
}

impl Found {
    /// The paths of its files on both sides.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        [&self.old, &self.new]
            .into_iter()
            .flatten()
            .map(|f| f.path.as_str())
    }
}

/// The changed reports among `files`: snapshots first in path order, then raw inputs whose
/// snapshot did not change, in path order.
pub fn find(files: Vec<ChangedFile>) -> Vec<Found> {
    let mut found = Vec::new();
    let mut raws = Vec::new();
    let mut touched: HashSet<ReportPath> = HashSet::new();
    for file in files {
        let report_of = |v: &Option<FileVersion>| v.as_ref().and_then(|v| snapshot_report(&v.path));
        let (old_report, new_report) = (report_of(&file.old), report_of(&file.new));
        if old_report.is_none() && new_report.is_none() {
            raws.push(file);
            continue;
        }
        touched.extend(old_report.iter().chain(&new_report).cloned());
        // A file that moved into or out of the snapshot layout is added or deleted here.
        let old = file.old.filter(|_| old_report.is_some());
        let new = file.new.filter(|_| new_report.is_some());
        let status = status(file.status, old.is_some(), new.is_some());
        if let Some(name) = new_report.or(old_report) {
            found.push(Found {
                name,
                status,
                source: Source::Snapshot,
                old,
                new,
            });
        }
    }
    found.extend(raw_reports(raws, &touched));
    found
}

/// Raw inputs grouped by report (a report whose raw file changed extension has two), left
/// out where the report's snapshot changed as well.
fn raw_reports(files: Vec<ChangedFile>, touched: &HashSet<ReportPath>) -> Vec<Found> {
    // Keyed by the report's new name: (old file, new file, old name).
    type Sides = (Option<FileVersion>, Option<FileVersion>, Option<ReportPath>);
    let mut reports: BTreeMap<ReportPath, Sides> = BTreeMap::new();
    for file in files {
        let report_of = |v: &Option<FileVersion>| v.as_ref().and_then(|v| raw_report(&v.path));
        let (old_report, new_report) = (report_of(&file.old), report_of(&file.new));
        if old_report
            .iter()
            .chain(&new_report)
            .any(|r| touched.contains(r))
        {
            continue;
        }
        let Some(name) = new_report.clone().or(old_report.clone()) else {
            continue;
        };
        let entry = reports.entry(name).or_default();
        if old_report.is_some() && entry.0.is_none() {
            entry.0 = file.old;
            entry.2 = old_report;
        }
        if new_report.is_some() && entry.1.is_none() {
            entry.1 = file.new;
        }
    }
    reports
        .into_iter()
        .map(|(name, (old, new, old_name))| {
            let status = match (&old, &new) {
                (Some(_), Some(_)) if old_name.as_ref() != Some(&name) => ReportStatus::Renamed,
                (Some(_), Some(_)) => ReportStatus::Changed,
                (None, _) => ReportStatus::Added,
                (Some(_), None) => ReportStatus::Deleted,
            };
            Found {
                name,
                status,
                source: Source::Raw,
                old,
                new,
            }
        })
        .collect()
}

fn status(file: FileStatus, old: bool, new: bool) -> ReportStatus {
    match (old, new) {
        (false, _) => ReportStatus::Added,
        (true, false) => ReportStatus::Deleted,
        (true, true) if file == FileStatus::Renamed => ReportStatus::Renamed,
        (true, true) => ReportStatus::Changed,
    }
}

/// The report a snapshot file holds: `snapshots/<hospital>/<report>.md`.
fn snapshot_report(path: &str) -> Option<ReportPath> {
    ReportPath::from_snapshot_path(path)
}

/// The report a raw input belongs to: `raw/<hospital>/<report>.<ext>`.
fn raw_report(path: &str) -> Option<ReportPath> {
    let rest = path.strip_prefix(RAW_DIR)?.strip_prefix('/')?;
    let (hospital, file) = rest.split_once('/')?;
    if file.contains('/') {
        return None;
    }
    let report = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    Some(ReportPath {
        hospital: hospital.to_string(),
        report: report.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(path: &str, text: &str) -> Option<FileVersion> {
        Some(FileVersion {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        })
    }

    fn file(status: FileStatus, old: Option<&str>, new: Option<&str>) -> ChangedFile {
        ChangedFile {
            status,
            old: old.and_then(|p| version(p, "旧")),
            new: new.and_then(|p| version(p, "新")),
        }
    }

    fn summary(found: &[Found]) -> Vec<(String, ReportStatus, Source)> {
        found
            .iter()
            .map(|f| (f.name.to_string(), f.status, f.source))
            .collect()
    }

    #[test]
    fn each_snapshot_file_is_one_report() {
        let found = find(vec![
            file(FileStatus::Added, None, Some("snapshots/甲医院/新报告.md")),
            file(
                FileStatus::Modified,
                Some("snapshots/甲医院/年报.md"),
                Some("snapshots/甲医院/年报.md"),
            ),
            file(FileStatus::Deleted, Some("snapshots/乙医院/旧稿.md"), None),
            file(
                FileStatus::Renamed,
                Some("snapshots/乙医院/旧名.md"),
                Some("snapshots/乙医院/新名.md"),
            ),
        ]);
        assert_eq!(
            summary(&found),
            [
                (
                    "甲医院/新报告".into(),
                    ReportStatus::Added,
                    Source::Snapshot
                ),
                (
                    "甲医院/年报".into(),
                    ReportStatus::Changed,
                    Source::Snapshot
                ),
                (
                    "乙医院/旧稿".into(),
                    ReportStatus::Deleted,
                    Source::Snapshot
                ),
                (
                    "乙医院/新名".into(),
                    ReportStatus::Renamed,
                    Source::Snapshot
                ),
            ]
        );
        assert_eq!(
            found[3].old.as_ref().map(|f| f.path.as_str()),
            Some("snapshots/乙医院/旧名.md")
        );
    }

    #[test]
    fn a_raw_input_counts_only_where_its_snapshot_did_not_change() {
        let found = find(vec![
            file(
                FileStatus::Modified,
                Some("raw/甲医院/年报.html"),
                Some("raw/甲医院/年报.html"),
            ),
            file(
                FileStatus::Modified,
                Some("snapshots/甲医院/年报.md"),
                Some("snapshots/甲医院/年报.md"),
            ),
            file(
                FileStatus::Modified,
                Some("raw/乙医院/简报.txt"),
                Some("raw/乙医院/简报.txt"),
            ),
        ]);
        assert_eq!(
            summary(&found),
            [
                (
                    "甲医院/年报".into(),
                    ReportStatus::Changed,
                    Source::Snapshot
                ),
                ("乙医院/简报".into(), ReportStatus::Changed, Source::Raw),
            ]
        );
    }

    #[test]
    fn a_raw_input_that_changed_extension_is_one_changed_report() {
        let found = find(vec![
            file(FileStatus::Added, None, Some("raw/甲医院/年报.html")),
            file(FileStatus::Deleted, Some("raw/甲医院/年报.txt"), None),
        ]);
        assert_eq!(
            summary(&found),
            [("甲医院/年报".into(), ReportStatus::Changed, Source::Raw)]
        );
        assert_eq!(
            found[0].paths().collect::<Vec<_>>(),
            ["raw/甲医院/年报.txt", "raw/甲医院/年报.html"]
        );
    }

    #[test]
    fn files_outside_the_layout_are_no_reports() {
        let found = find(vec![
            file(FileStatus::Added, None, Some("snapshots/说明.md")),
            file(FileStatus::Added, None, Some("raw/说明.txt")),
            file(FileStatus::Added, None, Some("snapshots/甲医院/附件/图.md")),
            file(
                FileStatus::Renamed,
                Some("snapshots/甲医院/附件/年报.md"),
                Some("snapshots/甲医院/年报.md"),
            ),
        ]);
        assert_eq!(
            summary(&found),
            [("甲医院/年报".into(), ReportStatus::Added, Source::Snapshot)]
        );
        assert!(found[0].old.is_none());
    }
}
