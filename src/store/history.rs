//! Reading versions: a report at a REF, the versions of one report, and the log of the store.
//!
//! History is read along first parents, as `git log --first-parent` does: a merged pull
//! request is one version, dated when it was merged.

use git2::{Commit, Oid, Repository};

use crate::snapshot::Snapshot;

use super::message::short_id;
use super::trees::{self, PathResolver, TreeReader};
use super::{At, CommitTime, NORMALIZER_CHANGE_TRAILER, ReportPath, ReportRef, Store, StoreError};

/// One stored version of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Where it is stored.
    pub path: ReportPath,
    /// The commit it was read at (short id).
    pub commit: String,
    /// The snapshot file's bytes as stored.
    pub bytes: Vec<u8>,
    /// The snapshot.
    pub snapshot: Snapshot,
}

/// One report changed by a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportChange {
    /// The report.
    pub path: ReportPath,
    /// The version before (`None`: the commit added the report).
    pub old: Option<Snapshot>,
    /// The version after (`None`: the commit removed the report).
    pub new: Option<Snapshot>,
}

/// Which versions a log lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every commit that changed a snapshot.
    All,
    /// Every commit that changed a report of this hospital (its name or an alias).
    Hospital(String),
    /// The versions of one report.
    Report(ReportPath),
}

/// What [`Store::history`] lists: a scope, at most `limit` entries, none older than `since`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogQuery {
    /// Whose versions.
    pub scope: Scope,
    /// At most this many entries.
    pub limit: Option<usize>,
    /// Only versions made on or after this day (in the offset each was made in).
    pub since: Option<jiff::civil::Date>,
}

/// One commit of the log, with the reports it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// Short commit id.
    pub commit: String,
    /// Commit time.
    pub when: CommitTime,
    /// The first line of the message.
    pub subject: String,
    /// The whole message.
    pub message: String,
    /// Whether the commit only re-applied changed normalization rules (`renormalize`).
    pub rule_change: bool,
    /// The reports it changed (just the one asked for, for a report's log).
    pub changes: Vec<ReportChange>,
}

impl Store {
    /// Reads the version of a report that a REF names.
    pub fn read(&self, reference: &ReportRef) -> Result<Stored, StoreError> {
        let path = self.report_path(reference);
        let file = path.snapshot_path();
        let unknown = || self.unknown_report(&path);
        let (commit, blob) = match &reference.at {
            At::Head => {
                let tip = self.tip()?.ok_or_else(unknown)?;
                let blob = entry(&self.repo, tip, &file)?.ok_or_else(unknown)?;
                (tip, blob)
            }
            At::Revision(revision) => {
                let commit = self
                    .repo
                    .revparse_single(revision)
                    .and_then(|object| object.peel_to_commit())
                    .map_err(|_| StoreError::UnknownRevision(revision.clone()))?
                    .id();
                let blob =
                    entry(&self.repo, commit, &file)?.ok_or_else(|| StoreError::NotAtRevision {
                        report: path.to_string(),
                        revision: revision.clone(),
                    })?;
                (commit, blob)
            }
            At::VersionsBack(back) => {
                let versions = self.versions(&file, back.saturating_add(1))?;
                if versions.is_empty() {
                    return Err(unknown());
                }
                *versions.get(*back).ok_or(StoreError::TooFarBack {
                    report: path.to_string(),
                    count: versions.len(),
                    back: *back,
                })?
            }
            At::AsOf(date) => {
                let versions = self.versions(&file, usize::MAX)?;
                if versions.is_empty() {
                    return Err(unknown());
                }
                let mut found = None;
                for &(commit, blob) in &versions {
                    if local_date(&self.repo.find_commit(commit)?) <= Some(*date) {
                        found = Some((commit, blob));
                        break;
                    }
                }
                found.ok_or_else(|| StoreError::NoVersionAsOf {
                    report: path.to_string(),
                    date: date.to_string(),
                })?
            }
        };
        let bytes = self.repo.find_blob(blob)?.content().to_vec();
        let snapshot = parse(&bytes, &file, commit)?;
        Ok(Stored {
            path,
            commit: short_id(commit),
            bytes,
            snapshot,
        })
    }

    /// The versions of one report, newest first; or, without a report, every commit that
    /// changed a snapshot. At most `limit` entries.
    pub fn log(
        &self,
        report: Option<&ReportPath>,
        limit: Option<usize>,
    ) -> Result<Vec<LogEntry>, StoreError> {
        self.history(&LogQuery {
            scope: report.map_or(Scope::All, |path| Scope::Report(path.clone())),
            limit,
            since: None,
        })
    }

    /// The versions a query asks for, newest first. An unknown report or hospital is an error
    /// that names the closest stored ones.
    pub fn history(&self, query: &LogQuery) -> Result<Vec<LogEntry>, StoreError> {
        let limit = query.limit.unwrap_or(usize::MAX);
        match &query.scope {
            Scope::Report(path) => self.report_log(path, limit, query.since),
            Scope::All => self.store_log(None, limit, query.since),
            Scope::Hospital(hospital) => {
                let folder = self.hospital_folder(hospital);
                if self.read_tip(|tip| tip.reports_of(&folder))?.is_empty() {
                    return Err(self.unknown_hospital(hospital));
                }
                self.store_log(Some(&folder), limit, query.since)
            }
        }
    }

    fn report_log(
        &self,
        path: &ReportPath,
        limit: usize,
        since: Option<jiff::civil::Date>,
    ) -> Result<Vec<LogEntry>, StoreError> {
        let file = path.snapshot_path();
        // One version more than shown: the oldest one shown is compared with it.
        let versions = self.versions(&file, limit.saturating_add(1))?;
        if versions.is_empty() {
            return Err(self.unknown_report(path));
        }
        let mut snapshots = versions
            .iter()
            .map(|&(commit, blob)| self.snapshot_of(blob, &file, commit).map(Some))
            .collect::<Result<Vec<_>, _>>()?;
        snapshots.push(None);
        let mut entries = Vec::new();
        for (i, &(commit, _)) in versions.iter().enumerate().take(limit) {
            let commit = self.repo.find_commit(commit)?;
            if is_before(&commit, since) {
                break;
            }
            let change = ReportChange {
                path: path.clone(),
                old: snapshots[i + 1].clone(),
                new: snapshots[i].take(),
            };
            entries.push(log_entry(&commit, vec![change]));
        }
        Ok(entries)
    }

    fn store_log(
        &self,
        hospital: Option<&str>,
        limit: usize,
        since: Option<jiff::civil::Date>,
    ) -> Result<Vec<LogEntry>, StoreError> {
        let mut entries = Vec::new();
        let mut current = match self.tip()? {
            Some(tip) => Some(self.repo.find_commit(tip)?),
            None => None,
        };
        let odb = self.repo.odb()?;
        let reader = TreeReader::new(&odb);
        while let Some(commit) = current {
            if entries.len() >= limit || is_before(&commit, since) {
                break;
            }
            let parent = commit.parent(0).ok();
            let changes = self.changes(&reader, &commit, parent.as_ref(), hospital)?;
            if !changes.is_empty() {
                entries.push(log_entry(&commit, changes));
            }
            current = parent;
        }
        Ok(entries)
    }

    /// The snapshots a commit changed, compared with its first parent.
    fn changes(
        &self,
        reader: &TreeReader<'_>,
        commit: &Commit<'_>,
        parent: Option<&Commit<'_>>,
        hospital: Option<&str>,
    ) -> Result<Vec<ReportChange>, StoreError> {
        let files = trees::snapshot_changes(
            reader,
            parent.map(Commit::tree_id),
            commit.tree_id(),
            hospital,
        )?;
        let mut changes = Vec::new();
        for file in files {
            let Some(path) = ReportPath::from_snapshot_path(&file.path) else {
                continue;
            };
            let side = |id: Option<Oid>, at: Oid| -> Result<Option<Snapshot>, StoreError> {
                id.map(|id| self.snapshot_of(id, &file.path, at))
                    .transpose()
            };
            let parent_id = parent.map_or(commit.id(), Commit::id);
            changes.push(ReportChange {
                old: side(file.old, parent_id)?,
                new: side(file.new, commit.id())?,
                path,
            });
        }
        Ok(changes)
    }

    /// `(commit, blob)` for each version of the file, newest first, along first parents (at
    /// most `max`): a commit is a version when the file there differs from its first
    /// parent's.
    fn versions(&self, file: &str, max: usize) -> Result<Vec<(Oid, Oid)>, StoreError> {
        let mut versions = Vec::new();
        let Some(tip) = self.tip()? else {
            return Ok(versions);
        };
        let odb = self.repo.odb()?;
        let reader = TreeReader::new(&odb);
        let mut resolver = PathResolver::new(file);
        let mut current = Some(self.repo.find_commit(tip)?);
        let mut current_blob = resolver.blob(&reader, self.repo.find_commit(tip)?.tree_id())?;
        while let Some(commit) = current
            && versions.len() < max
        {
            let parent = commit.parent(0).ok();
            let parent_blob = match &parent {
                Some(p) => resolver.blob(&reader, p.tree_id())?,
                None => None,
            };
            if let Some(blob) = current_blob
                && current_blob != parent_blob
            {
                versions.push((commit.id(), blob));
            }
            current = parent;
            current_blob = parent_blob;
        }
        Ok(versions)
    }

    fn snapshot_of(&self, blob: Oid, file: &str, commit: Oid) -> Result<Snapshot, StoreError> {
        let bytes = self.repo.find_blob(blob)?.content().to_vec();
        parse(&bytes, file, commit)
    }
}

fn entry(repo: &Repository, commit: Oid, file: &str) -> Result<Option<Oid>, StoreError> {
    Ok(super::repo::entry_at(repo, commit, file)?)
}

fn parse(bytes: &[u8], file: &str, commit: Oid) -> Result<Snapshot, StoreError> {
    Snapshot::from_markdown(&String::from_utf8_lossy(bytes)).map_err(|e| StoreError::BadSnapshot {
        path: file.to_string(),
        commit: short_id(commit),
        source: e,
    })
}

fn log_entry(commit: &Commit<'_>, changes: Vec<ReportChange>) -> LogEntry {
    let message = commit.message().unwrap_or_default().to_string();
    let rule_change = message.lines().any(|line| {
        line.split_once(':').is_some_and(|(key, value)| {
            key.trim() == NORMALIZER_CHANGE_TRAILER && value.trim() == "yes"
        })
    });
    LogEntry {
        commit: short_id(commit.id()),
        when: CommitTime {
            seconds: commit.time().seconds(),
            offset_minutes: commit.time().offset_minutes(),
        },
        subject: message.lines().next().unwrap_or_default().to_string(),
        message,
        rule_change,
        changes,
    }
}

/// Whether a commit was made before the day `since` (history along first parents is walked
/// newest first, so the walk stops there, as `git log --since` does).
fn is_before(commit: &Commit<'_>, since: Option<jiff::civil::Date>) -> bool {
    since.is_some_and(|since| local_date(commit).is_some_and(|date| date < since))
}

/// The calendar date of a commit in the time zone it was made in.
fn local_date(commit: &Commit<'_>) -> Option<jiff::civil::Date> {
    let time = commit.time();
    let local = time.seconds() + i64::from(time.offset_minutes()) * 60;
    let timestamp = jiff::Timestamp::from_second(local).ok()?;
    Some(timestamp.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
}
