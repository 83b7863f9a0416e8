//! The store: a git repository of snapshots, one file per report, one commit per run.
//!
//! `snapshots/<hospital>/<report>.md` holds the current version of each report and git holds
//! every earlier one; `raw/<hospital>/<report>.<ext>` keeps the input it was read from, so
//! that improved rules can re-derive every snapshot. This module is the only user of `git2`.
//! Time and identity are parameters ([`CommitInfo`]): the library never reads a clock or the
//! environment.

pub mod config;
mod history;
mod ingest;
pub mod lock;
pub mod path;
pub mod refs;
mod repo;

use std::fmt;
use std::path::Path;
use std::time::Duration;

use git2::{Repository, RepositoryInitOptions};
use thiserror::Error;

pub use config::{CONFIG_FILE, Config, ConfigError};
pub use history::{LogEntry, ReportChange, Stored};
pub use ingest::{IngestOutcome, RawInput, RenormalizeOutcome, Report, ReportOutcome, Status};
pub use lock::LockError;
pub use refs::{At, RefError, ReportRef};

pub use crate::pipeline::{RULES_REVISION, normalizer_version};

/// The folder of snapshots at the repository root.
pub const SNAPSHOTS_DIR: &str = "snapshots";
/// The folder of raw inputs at the repository root.
pub const RAW_DIR: &str = "raw";
/// The trailer that marks a commit made by `renormalize`.
pub const NORMALIZER_CHANGE_TRAILER: &str = "Normalizer-Change";

/// A name and an email, for a commit's author or committer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The name, e.g. "reportdiff".
    pub name: String,
    /// The email, e.g. "reportdiff@localhost".
    pub email: String,
}

impl Identity {
    /// The identity commits get when none is configured.
    pub fn fallback() -> Identity {
        Identity {
            name: "reportdiff".to_string(),
            email: "reportdiff@localhost".to_string(),
        }
    }
}

/// A commit time: seconds since the epoch and the offset it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitTime {
    /// Seconds since 1970-01-01 UTC.
    pub seconds: i64,
    /// Offset from UTC in minutes (480 for China).
    pub offset_minutes: i32,
}

/// Everything a commit needs that the store must not guess: message, time, identities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    /// The subject; `None` lets the store describe what the run changed.
    pub message: Option<String>,
    /// Commit time.
    pub when: CommitTime,
    /// The author.
    pub author: Identity,
    /// The committer.
    pub committer: Identity,
    /// Extra trailers (`Fetched-At`), written after the ones the store adds (`Source-Url`).
    pub trailers: Vec<(String, String)>,
}

/// Where a report lives in the store: two sanitized path components.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportPath {
    /// The hospital's folder name.
    pub hospital: String,
    /// The report's file name without `.md`.
    pub report: String,
}

impl ReportPath {
    /// Sanitizes both names into path components.
    pub fn new(hospital: &str, report: &str) -> ReportPath {
        ReportPath {
            hospital: path::sanitize_component(hospital),
            report: path::sanitize_component(report),
        }
    }

    /// `snapshots/<hospital>/<report>.md`.
    pub fn snapshot_path(&self) -> String {
        format!("{SNAPSHOTS_DIR}/{}/{}.md", self.hospital, self.report)
    }

    /// `raw/<hospital>/<report>.<ext>`.
    pub fn raw_path(&self, ext: &str) -> String {
        format!("{RAW_DIR}/{}/{}.{ext}", self.hospital, self.report)
    }

    /// The report whose snapshot is stored at `path`, if `path` is a snapshot path.
    pub fn from_snapshot_path(path: &str) -> Option<ReportPath> {
        let rest = path.strip_prefix(SNAPSHOTS_DIR)?.strip_prefix('/')?;
        let (hospital, file) = rest.split_once('/')?;
        let report = file.strip_suffix(".md")?;
        (!report.contains('/')).then(|| ReportPath {
            hospital: hospital.to_string(),
            report: report.to_string(),
        })
    }
}

impl fmt::Display for ReportPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.hospital, self.report)
    }
}

/// Why a store operation failed. Each message names what to do.
#[derive(Debug, Error)]
pub enum StoreError {
    /// No repository where one was asked for.
    #[error("{0}: not a git repository; run `reportdiff init` there or pass --store DIR")]
    NotARepository(String),
    /// A git operation failed.
    #[error("git: {0}")]
    Git(String),
    /// HEAD is not on a branch, so there is nothing to commit onto.
    #[error("HEAD is detached; check out a branch before ingesting")]
    Detached,
    /// Another run holds the store, or a killed run left its lock.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The branch kept moving under us.
    #[error("the branch kept moving while committing (another writer?); run again")]
    Contended,
    /// The user has uncommitted edits to a file this run would write.
    #[error(
        "{0} has uncommitted changes; commit or discard them (git checkout -- {0}) and run again"
    )]
    Dirty(String),
    /// A report names no hospital.
    #[error("{0}: no hospital found in the report; pass --hospital NAME")]
    NoHospital(String),
    /// No report id could be chosen.
    #[error("{0}: no URL or title to name the report by; pass --report ID")]
    NoReportId(String),
    /// Two inputs of one run land on the same snapshot.
    #[error(
        "{first} and {second} are both stored as {path}; ingest them in separate runs or pass distinct --report ids"
    )]
    SamePath {
        /// The first input.
        first: String,
        /// The second input.
        second: String,
        /// Where both would land.
        path: String,
    },
    /// The configuration is broken.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A stored snapshot cannot be read.
    #[error("{path} at {commit}: {message}")]
    BadSnapshot {
        /// The file.
        path: String,
        /// The commit it was read at.
        commit: String,
        /// What is wrong.
        message: String,
    },
    /// The report is not in the store.
    #[error("no report {0} in the store; `reportdiff log` lists the stored reports")]
    UnknownReport(String),
    /// The revision does not exist.
    #[error("unknown revision `{0}`; use a sha, tag, branch or HEAD~N")]
    UnknownRevision(String),
    /// The report did not exist at that revision.
    #[error("{report} did not exist at {revision}")]
    NotAtRevision {
        /// The report.
        report: String,
        /// The revision.
        revision: String,
    },
    /// `@~N` went back past the first version.
    #[error("{report} has {count} version(s); @~{back} goes back too far")]
    TooFarBack {
        /// The report.
        report: String,
        /// How many versions it has.
        count: usize,
        /// How far back was asked.
        back: usize,
    },
    /// `@{date}` is before the first version.
    #[error("{report} has no version on or before {date}")]
    NoVersionAsOf {
        /// The report.
        report: String,
        /// The date asked for.
        date: String,
    },
    /// A file could not be written or read.
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
}

impl From<git2::Error> for StoreError {
    fn from(e: git2::Error) -> Self {
        StoreError::Git(e.message().to_string())
    }
}

/// What `init` found and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Initialized {
    /// A new repository was created.
    Created,
    /// An existing repository got a `reportdiff.toml`.
    Adopted,
    /// The repository already had a `reportdiff.toml`; nothing changed.
    AlreadyAStore,
}

/// A snapshot store: a git repository (with or without a work tree) and its configuration.
pub struct Store {
    repo: Repository,
    config: Config,
}

/// How long a run waits for another run's lock before it says the store is busy.
const LOCK_WAIT: Duration = Duration::from_secs(10);

impl Store {
    /// Creates a store in `dir` (made if missing), or adopts the repository already there.
    /// A new store gets a first commit holding a commented `reportdiff.toml`.
    pub fn init(
        dir: &Path,
        bare: bool,
        info: &CommitInfo,
    ) -> Result<(Store, Initialized), StoreError> {
        let (repo, created) = match Repository::open(dir) {
            Ok(repo) => (repo, false),
            Err(_) => {
                let mut options = RepositoryInitOptions::new();
                options.bare(bare).mkdir(true).initial_head("main");
                (Repository::init_opts(dir, &options)?, true)
            }
        };
        let store = Store::from_repository(repo)?;
        if let Some(workdir) = store.repo.workdir() {
            let snapshots = workdir.join(SNAPSHOTS_DIR);
            std::fs::create_dir_all(&snapshots)
                .map_err(|e| StoreError::Io(SNAPSHOTS_DIR.to_string(), e))?;
        }
        if store.has_config_file()? {
            return Ok((store, Initialized::AlreadyAStore));
        }
        store.commit_config_template(info)?;
        let store = Store::from_repository(store.repo)?;
        let outcome = if created {
            Initialized::Created
        } else {
            Initialized::Adopted
        };
        Ok((store, outcome))
    }

    /// Opens the repository at exactly `dir` (a work tree root, a `.git` folder or a bare
    /// repository).
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let repo = Repository::open(dir)
            .map_err(|_| StoreError::NotARepository(dir.display().to_string()))?;
        Store::from_repository(repo)
    }

    /// Opens the repository that holds `dir`, looking upwards as git does.
    pub fn discover(dir: &Path) -> Result<Store, StoreError> {
        let repo = Repository::discover(dir)
            .map_err(|_| StoreError::NotARepository(dir.display().to_string()))?;
        Store::from_repository(repo)
    }

    fn from_repository(repo: Repository) -> Result<Store, StoreError> {
        let mut store = Store {
            repo,
            config: Config::default(),
        };
        if let Some(text) = store.config_text()? {
            store.config = Config::parse(&text)?;
        }
        Ok(store)
    }

    /// The store's `reportdiff.toml` (empty when there is none).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// `user.name` and `user.email` from the repository's git configuration, if both are set.
    pub fn configured_identity(&self) -> Option<Identity> {
        let config = self.repo.config().ok()?.snapshot().ok()?;
        let name = config.get_string("user.name").ok()?;
        let email = config.get_string("user.email").ok()?;
        Some(Identity { name, email })
    }

    /// `user.name` and `user.email` from the user's and system git configuration, for a
    /// repository that does not exist yet.
    pub fn global_identity() -> Option<Identity> {
        let config = git2::Config::open_default().ok()?.snapshot().ok()?;
        let name = config.get_string("user.name").ok()?;
        let email = config.get_string("user.email").ok()?;
        Some(Identity { name, email })
    }

    /// The report path a REF names, with hospital aliases resolved.
    pub fn report_path(&self, reference: &ReportRef) -> ReportPath {
        let hospital = self.config.resolve_hospital(reference.hospital.trim());
        let report = reference.report.trim();
        let report = report.strip_suffix(".md").unwrap_or(report);
        ReportPath::new(hospital, report)
    }

    /// The committed or work-tree `reportdiff.toml`; the work tree wins, so that an edit
    /// takes effect before it is committed.
    fn config_text(&self) -> Result<Option<String>, StoreError> {
        if let Some(workdir) = self.repo.workdir() {
            match std::fs::read_to_string(workdir.join(CONFIG_FILE)) {
                Ok(text) => return Ok(Some(text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(StoreError::Io(CONFIG_FILE.to_string(), e)),
            }
        }
        let Some(tip) = self.tip()? else {
            return Ok(None);
        };
        let bytes = repo::read_at(&self.repo, tip, CONFIG_FILE)?;
        Ok(bytes.map(|b| String::from_utf8_lossy(&b).into_owned()))
    }

    fn has_config_file(&self) -> Result<bool, StoreError> {
        Ok(self.config_text()?.is_some())
    }

    fn commit_config_template(&self, info: &CommitInfo) -> Result<(), StoreError> {
        let info = CommitInfo {
            message: Some(
                info.message
                    .clone()
                    .unwrap_or_else(|| "init reportdiff store".to_string()),
            ),
            ..info.clone()
        };
        self.transact(&info, |_, _| {
            let edits = vec![repo::Edit::Write {
                path: CONFIG_FILE.to_string(),
                bytes: config::TEMPLATE.as_bytes().to_vec(),
            }];
            Ok((edits, String::new(), ()))
        })?;
        Ok(())
    }

    /// The commit the current branch points to, or `None` before the first commit.
    fn tip(&self) -> Result<Option<git2::Oid>, StoreError> {
        match repo::branch(&self.repo)? {
            Some(branch) => Ok(repo::tip(&self.repo, &branch)?),
            None => Ok(Some(self.repo.head()?.peel_to_commit()?.id())),
        }
    }

    /// How the lock file is named in messages: `.git/reportdiff.lock` in a work tree.
    fn lock_shown(&self) -> String {
        let lock = self.repo.path().join(lock::LOCK_FILE);
        match self.repo.workdir() {
            Some(workdir) => lock
                .strip_prefix(workdir)
                .map_or_else(|_| lock.display().to_string(), |p| p.display().to_string()),
            None => lock.display().to_string(),
        }
    }

    /// One commit, safely: take the lock, plan the edits against the branch tip, refuse to
    /// overwrite uncommitted work, write the objects, move the branch with a compare-and-swap
    /// (planning again on the new tip if another writer got in first), then update the work
    /// tree. `plan` returns the edits, the full commit message and a value for the caller;
    /// no edits means no commit. An empty message from `plan` means "use `info.message`".
    fn transact<T>(
        &self,
        info: &CommitInfo,
        mut plan: impl FnMut(
            &Repository,
            Option<git2::Oid>,
        ) -> Result<(Vec<repo::Edit>, String, T), StoreError>,
    ) -> Result<(Option<git2::Oid>, T), StoreError> {
        let _lock = lock::RunLock::acquire(
            self.repo.path(),
            &self.lock_shown(),
            LOCK_WAIT,
            info.when.seconds,
        )?;
        let branch = repo::branch(&self.repo)?.ok_or(StoreError::Detached)?;
        let stamp = repo::Stamp {
            author: (info.author.name.clone(), info.author.email.clone()),
            committer: (info.committer.name.clone(), info.committer.email.clone()),
            seconds: info.when.seconds,
            offset_minutes: info.when.offset_minutes,
        };
        for _attempt in 0..5 {
            let tip = repo::tip(&self.repo, &branch)?;
            let (edits, message, value) = plan(&self.repo, tip)?;
            if edits.is_empty() {
                return Ok((None, value));
            }
            let message = if message.is_empty() {
                with_trailers(
                    info.message.as_deref().unwrap_or("reportdiff"),
                    &[],
                    &info.trailers,
                )
            } else {
                message
            };
            if let Err(repo::Dirty(path)) = repo::check_clean(&self.repo, tip, &edits)? {
                return Err(StoreError::Dirty(path));
            }
            let commit = repo::write_commit(&self.repo, tip, &edits, &message, &stamp)?;
            let reflog = format!("reportdiff: {}", message.lines().next().unwrap_or_default());
            if repo::advance(&self.repo, &branch, tip, commit, &reflog)?.is_ok() {
                repo::update_worktree(&self.repo, &edits).map_err(|e| match e {
                    repo::WorktreeError::Git(e) => StoreError::from(e),
                    repo::WorktreeError::Io(path, e) => StoreError::Io(path, e),
                })?;
                return Ok((Some(commit), value));
            }
        }
        Err(StoreError::Contended)
    }
}

/// A commit message: subject, optional body lines, then `Key: value` trailers.
fn with_trailers(subject: &str, body: &[String], trailers: &[(String, String)]) -> String {
    let mut message = subject.trim().to_string();
    message.push('\n');
    if !body.is_empty() {
        message.push('\n');
        for line in body {
            message.push_str(line);
            message.push('\n');
        }
    }
    if !trailers.is_empty() {
        message.push('\n');
        for (key, value) in trailers {
            message.push_str(&format!("{key}: {value}\n"));
        }
    }
    message
}

/// The short form of a commit id, as `git log --oneline` shows it.
fn short_id(oid: git2::Oid) -> String {
    let mut hex = oid.to_string();
    hex.truncate(7);
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_paths_round_trip_through_snapshot_paths() {
        let path = ReportPath::new("../诸城市人民医院", "天坛医院联建诸城的背后");
        assert_eq!(path.hospital, "_诸城市人民医院");
        assert_eq!(
            path.snapshot_path(),
            "snapshots/_诸城市人民医院/天坛医院联建诸城的背后.md"
        );
        assert_eq!(
            ReportPath::from_snapshot_path(&path.snapshot_path()),
            Some(path.clone())
        );
        assert_eq!(
            path.raw_path("html"),
            "raw/_诸城市人民医院/天坛医院联建诸城的背后.html"
        );
        assert_eq!(ReportPath::from_snapshot_path("raw/医院/报告.md"), None);
        assert_eq!(
            ReportPath::from_snapshot_path("snapshots/医院/报告.txt"),
            None
        );
    }

    #[test]
    fn trailers_follow_the_subject_after_a_blank_line() {
        let trailers = vec![
            (
                "Source-Url".to_string(),
                "https://example.com/1.html".to_string(),
            ),
            (
                "Fetched-At".to_string(),
                "2025-07-01T08:00:00+08:00".to_string(),
            ),
        ];
        assert_eq!(
            with_trailers("update 诸城市人民医院/联建", &[], &trailers),
            "update 诸城市人民医院/联建\n\nSource-Url: https://example.com/1.html\nFetched-At: 2025-07-01T08:00:00+08:00\n"
        );
        assert_eq!(with_trailers(" 初始化 ", &[], &[]), "初始化\n");
    }
}
