//! The commit engine: who and when a commit is made by, and one safe transaction from the
//! branch tip to a new commit.

use std::time::Duration;

use git2::Repository;

use super::message::with_trailers;
use super::{Store, StoreError, lock, repo};

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

/// How long a run waits for another run's lock before it says the store is busy.
const LOCK_WAIT: Duration = Duration::from_secs(10);

impl Store {
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
    pub(super) fn transact<T>(
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
