//! Writing versions: `ingest` stores new snapshots of reports, `renormalize` re-derives every
//! snapshot from its raw input with the current rules. Each makes at most one commit.

use std::collections::HashMap;

use git2::{ObjectType, Oid, Repository};

use crate::pipeline::{self, ReadOptions};
use crate::snapshot::Snapshot;

use super::message::{short_id, with_trailers};
use super::repo::{self, Edit};
use super::{
    CommitInfo, NORMALIZER_CHANGE_TRAILER, RAW_DIR, ReportPath, SNAPSHOTS_DIR, Store, StoreError,
    normalizer_version, path,
};

/// The input bytes a snapshot was read from, kept beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawInput {
    /// The bytes as read.
    pub bytes: Vec<u8>,
    /// The file extension to store them under (`txt`, `html`).
    pub ext: String,
}

/// One report to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// How the input was named (for messages).
    pub label: String,
    /// The normalized report; its hospital (after alias resolution) names the folder.
    pub snapshot: Snapshot,
    /// The report id given by the user; default: the URL, else the title, else `fallback_id`.
    pub id: Option<String>,
    /// The id to use when the report has neither URL nor title (an input file's stem).
    pub fallback_id: Option<String>,
    /// The raw input, to keep under `raw/`; `None` keeps nothing.
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

/// One report of an ingest run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOutcome {
    /// Where it is stored.
    pub path: ReportPath,
    /// New, updated or unchanged.
    pub status: Status,
    /// The version now stored.
    pub snapshot: Snapshot,
}

/// What an ingest run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOutcome {
    /// Every report, in input order.
    pub reports: Vec<ReportOutcome>,
    /// The commit made (short id), or `None` when nothing changed.
    pub commit: Option<String>,
}

/// What a renormalize run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenormalizeOutcome {
    /// Reports whose snapshot changed under the current rules.
    pub changed: Vec<ReportPath>,
    /// Reports checked and found equal.
    pub unchanged: usize,
    /// Reports with no raw input to re-read.
    pub without_raw: Vec<ReportPath>,
    /// Reports whose raw input no longer reads, with the reason.
    pub failed: Vec<(ReportPath, String)>,
    /// The commit made (short id), or `None` when nothing changed.
    pub commit: Option<String>,
}

/// A report ready to store: its path and the exact bytes of its files.
struct Prepared {
    path: ReportPath,
    snapshot: Snapshot,
    markdown: Vec<u8>,
    raw: Option<RawInput>,
}

impl Store {
    /// Stores a version of each report in one commit. Reports whose stored version is already
    /// byte-for-byte the same are left alone; if all are, no commit is made.
    pub fn ingest(
        &self,
        reports: &[Report],
        info: &CommitInfo,
    ) -> Result<IngestOutcome, StoreError> {
        let prepared = self.prepare(reports)?;
        let (commit, outcomes) = self.transact(info, |repo, tip| {
            let mut edits = Vec::new();
            let mut outcomes = Vec::with_capacity(prepared.len());
            let mut urls = Vec::new();
            for report in &prepared {
                let snapshot_path = report.path.snapshot_path();
                let stored = match tip {
                    Some(tip) => repo::read_at(repo, tip, &snapshot_path)?,
                    None => None,
                };
                let status = match stored {
                    Some(old) if old == report.markdown => Status::Unchanged,
                    Some(old) => Status::Updated(
                        Snapshot::from_markdown(&String::from_utf8_lossy(&old)).ok(),
                    ),
                    None => Status::New,
                };
                if status != Status::Unchanged {
                    edits.push(Edit::Write {
                        path: snapshot_path,
                        bytes: report.markdown.clone(),
                    });
                    if let Some(raw) = &report.raw {
                        edits.extend(other_raw_files(repo, tip, &report.path, &raw.ext)?);
                        edits.push(Edit::Write {
                            path: report.path.raw_path(&raw.ext),
                            bytes: raw.bytes.clone(),
                        });
                    }
                    if let Some(url) = &report.snapshot.meta.url {
                        urls.push(("Source-Url".to_string(), url.clone()));
                    }
                }
                outcomes.push(ReportOutcome {
                    path: report.path.clone(),
                    status,
                    snapshot: report.snapshot.clone(),
                });
            }
            let subject = info.message.clone().unwrap_or_else(|| describe(&outcomes));
            urls.extend(info.trailers.iter().cloned());
            let message = with_trailers(&subject, &[], &urls);
            Ok((edits, message, outcomes))
        })?;
        Ok(IngestOutcome {
            reports: outcomes,
            commit: commit.map(short_id),
        })
    }

    /// Re-reads every stored raw input with the current rules and stores the snapshots whose
    /// bytes changed, in one commit marked with a `Normalizer-Change: yes` trailer.
    pub fn renormalize(&self, info: &CommitInfo) -> Result<RenormalizeOutcome, StoreError> {
        let (commit, mut outcome) = self.transact(info, |repo, tip| {
            let mut outcome = RenormalizeOutcome::default();
            let Some(tip) = tip else {
                return Ok((Vec::new(), String::new(), outcome));
            };
            let raws = raw_files(repo, tip)?;
            let mut edits = Vec::new();
            for (snapshot_path, path) in snapshot_files(repo, tip)? {
                let Some(raw_path) = raws.get(&path) else {
                    outcome.without_raw.push(path);
                    continue;
                };
                let old_bytes = repo::read_at(repo, tip, &snapshot_path)?.unwrap_or_default();
                let old = Snapshot::from_markdown(&String::from_utf8_lossy(&old_bytes))
                    .unwrap_or_default();
                let raw = repo::read_at(repo, tip, raw_path)?.unwrap_or_default();
                let options = ReadOptions {
                    hospital: old.meta.hospital.clone(),
                    url: old.meta.url.clone(),
                };
                let mut snapshot = match pipeline::read_report(&raw, &options) {
                    Ok(snapshot) => snapshot,
                    Err(e) => {
                        outcome.failed.push((path, e.to_string()));
                        continue;
                    }
                };
                snapshot.meta.normalizer = Some(normalizer_version());
                let bytes = snapshot.to_markdown().into_bytes();
                if bytes == old_bytes {
                    outcome.unchanged += 1;
                } else {
                    edits.push(Edit::Write {
                        path: snapshot_path,
                        bytes,
                    });
                    outcome.changed.push(path);
                }
            }
            let subject = info.message.clone().unwrap_or_else(|| {
                format!(
                    "renormalize {} report(s) with rules {}",
                    outcome.changed.len(),
                    normalizer_version()
                )
            });
            let mut trailers = vec![(NORMALIZER_CHANGE_TRAILER.to_string(), "yes".to_string())];
            trailers.extend(info.trailers.iter().cloned());
            Ok((edits, with_trailers(&subject, &[], &trailers), outcome))
        })?;
        outcome.commit = commit.map(short_id);
        Ok(outcome)
    }

    /// Chooses each report's path and renders its file, refusing inputs that name no hospital
    /// or no id, and two inputs that would land on the same file.
    fn prepare(&self, reports: &[Report]) -> Result<Vec<Prepared>, StoreError> {
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
                .ok_or_else(|| StoreError::NoHospital(report.label.clone()))?;
            let hospital = self.config.resolve_hospital(hospital).to_string();
            let report_id = match (&report.id, &snapshot.meta.url, &snapshot.meta.title) {
                (Some(id), _, _) => path::sanitize_component(id),
                (None, Some(url), _) => path::report_id_from_url(url),
                (None, None, Some(title)) => path::sanitize_component(title),
                (None, None, None) => report
                    .fallback_id
                    .as_deref()
                    .map(path::sanitize_component)
                    .ok_or_else(|| StoreError::NoReportId(report.label.clone()))?,
            };
            let path = ReportPath {
                hospital: path::sanitize_component(&hospital),
                report: report_id,
            };
            if let Some(first) = seen.insert(path.clone(), &report.label) {
                return Err(StoreError::SamePath {
                    first: first.to_string(),
                    second: report.label.clone(),
                    path: path.to_string(),
                });
            }
            snapshot.meta.hospital = Some(hospital);
            snapshot.meta.normalizer = Some(normalizer_version());
            let raw = report.raw.clone().map(|raw| RawInput {
                ext: sanitize_ext(&raw.ext),
                bytes: raw.bytes,
            });
            prepared.push(Prepared {
                markdown: snapshot.to_markdown().into_bytes(),
                path,
                snapshot,
                raw,
            });
        }
        Ok(prepared)
    }
}

/// A commit subject for an ingest run: what it added and updated.
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

/// A raw file's extension: lower-case letters and digits only, `txt` when nothing is left.
fn sanitize_ext(ext: &str) -> String {
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(10)
        .collect::<String>()
        .to_ascii_lowercase();
    if ext.is_empty() {
        "txt".to_string()
    } else {
        ext
    }
}

/// Raw files of the same report under another extension, to remove when a new raw input
/// replaces them, so that `renormalize` finds exactly one.
fn other_raw_files(
    repo: &Repository,
    tip: Option<Oid>,
    path: &ReportPath,
    ext: &str,
) -> Result<Vec<Edit>, StoreError> {
    let Some(tip) = tip else {
        return Ok(Vec::new());
    };
    let folder = format!("{RAW_DIR}/{}", path.hospital);
    let mut edits = Vec::new();
    for name in file_names(repo, tip, &folder)? {
        if let Some((stem, other)) = name.rsplit_once('.')
            && stem == path.report
            && other != ext
        {
            edits.push(Edit::Remove {
                path: format!("{folder}/{name}"),
            });
        }
    }
    Ok(edits)
}

/// Names of the files directly inside `folder` at `commit`.
fn file_names(repo: &Repository, commit: Oid, folder: &str) -> Result<Vec<String>, StoreError> {
    let tree = repo.find_commit(commit)?.tree()?;
    let entry = match tree.get_path(std::path::Path::new(folder)) {
        Ok(entry) => entry,
        Err(_) => return Ok(Vec::new()),
    };
    let Ok(folder_tree) = repo.find_tree(entry.id()) else {
        return Ok(Vec::new());
    };
    Ok(folder_tree
        .iter()
        .filter(|e| e.kind() == Some(ObjectType::Blob))
        .filter_map(|e| e.name().ok().map(str::to_string))
        .collect())
}

/// Every stored snapshot at `commit`: its file path and report path, sorted.
pub(super) fn snapshot_files(
    repo: &Repository,
    commit: Oid,
) -> Result<Vec<(String, ReportPath)>, StoreError> {
    let mut files = Vec::new();
    for (hospital, name) in two_level_files(repo, commit, SNAPSHOTS_DIR)? {
        let file = format!("{SNAPSHOTS_DIR}/{hospital}/{name}");
        if let Some(path) = ReportPath::from_snapshot_path(&file) {
            files.push((file, path));
        }
    }
    files.sort();
    Ok(files)
}

/// Every raw input at `commit`, by the report it belongs to.
fn raw_files(repo: &Repository, commit: Oid) -> Result<HashMap<ReportPath, String>, StoreError> {
    let mut raws = HashMap::new();
    for (hospital, name) in two_level_files(repo, commit, RAW_DIR)? {
        if let Some((stem, _)) = name.rsplit_once('.') {
            let path = ReportPath {
                hospital: hospital.clone(),
                report: stem.to_string(),
            };
            raws.insert(path, format!("{RAW_DIR}/{hospital}/{name}"));
        }
    }
    Ok(raws)
}

/// `(folder, file)` for every file one level below `root` at `commit`.
fn two_level_files(
    repo: &Repository,
    commit: Oid,
    root: &str,
) -> Result<Vec<(String, String)>, StoreError> {
    let tree = repo.find_commit(commit)?.tree()?;
    let Ok(entry) = tree.get_path(std::path::Path::new(root)) else {
        return Ok(Vec::new());
    };
    let Ok(root_tree) = repo.find_tree(entry.id()) else {
        return Ok(Vec::new());
    };
    let mut files = Vec::new();
    for folder in root_tree.iter() {
        let (Some(ObjectType::Tree), Some(folder_name)) = (folder.kind(), folder.name().ok())
        else {
            continue;
        };
        let sub = repo.find_tree(folder.id())?;
        for file in sub.iter() {
            if let (Some(ObjectType::Blob), Some(name)) = (file.kind(), file.name().ok()) {
                files.push((folder_name.to_string(), name.to_string()));
            }
        }
    }
    Ok(files)
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
    fn raw_extensions_are_short_and_plain() {
        assert_eq!(sanitize_ext("HTML"), "html");
        assert_eq!(sanitize_ext("../x"), "x");
        assert_eq!(sanitize_ext(""), "txt");
        assert_eq!(sanitize_ext("文本"), "txt");
    }
}
