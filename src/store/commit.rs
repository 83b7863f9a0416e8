//! The commit engine: who and when a commit is made by, what it changes (a plan of edits to
//! reports, made against the branch tip), and one safe transaction from the tip to the new
//! commit.

use std::time::Duration;

use git2::{Oid, Repository};

use super::lock::{Stale, TakenOver};
use super::message::{message, short_id};
use super::path::{sanitize_component, sanitize_ext};
use super::repo::{self, FileEdit};
use super::{ReportPath, Store, StoreError, Tip, WATCH_DIR, lock};

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
    /// The subject; `None` takes the one the plan proposes.
    pub message: Option<String>,
    /// Commit time.
    pub when: CommitTime,
    /// The author.
    pub author: Identity,
    /// The committer.
    pub committer: Identity,
}

/// The input bytes a snapshot was read from, kept beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawInput {
    /// The bytes as read.
    pub bytes: Vec<u8>,
    /// The file extension to store them under (`txt`, `html`); the store keeps letters and
    /// digits only, and `txt` when nothing is left.
    pub ext: String,
}

/// One change to the stored reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Write a report's snapshot file.
    Snapshot {
        /// The report.
        path: ReportPath,
        /// The file's bytes.
        bytes: Vec<u8>,
    },
    /// Keep a report's raw input, replacing any kept under another extension.
    Raw {
        /// The report.
        path: ReportPath,
        /// The input.
        raw: RawInput,
    },
    /// Write the state file of one watched source, `watch/<name>.toml`: what the next run
    /// needs to know (failures, validators, the versions seen), on any machine that has the
    /// branch.
    WatchState {
        /// The file name without `.toml`; sanitized into one path component.
        name: String,
        /// The file's bytes.
        bytes: Vec<u8>,
    },
}

/// What a commit will hold, planned against the branch tip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan<T> {
    /// The edits; none means no commit.
    pub edits: Vec<Edit>,
    /// The subject, unless [`CommitInfo::message`] gives one.
    pub subject: String,
    /// `Key: value` trailers, in order.
    pub trailers: Vec<(String, String)>,
    /// What the planner learned, handed back to the caller.
    pub value: T,
}

/// What [`Store::commit`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed<T> {
    /// The commit made (short id), or `None` when the plan had no edits.
    pub commit: Option<String>,
    /// The value of the plan that was committed.
    pub value: T,
    /// The dead run's lock this commit took over, if any (see [`Store::commit_unattended`]).
    pub took_over: Option<TakenOver>,
}

/// How long a run waits for another run's lock before it says the store is busy.
const LOCK_WAIT: Duration = Duration::from_secs(10);

impl Store {
    /// Makes one commit of the edits that `plan` makes against the branch tip.
    ///
    /// `plan` may run more than once: when another writer moves the branch between planning
    /// and committing, it runs again on the new tip, so it must derive everything from the
    /// [`Tip`] it is given. A plan with no edits makes no commit.
    pub fn commit<T>(
        &self,
        info: &CommitInfo,
        plan: impl FnMut(&Tip<'_>) -> Result<Plan<T>, StoreError>,
    ) -> Result<Committed<T>, StoreError> {
        self.commit_with(info, Stale::Refuse, plan)
    }

    /// Commits as [`Store::commit`] does, for a run nobody watches (cron, CI): a lock left
    /// by a dead process of this host is taken over instead of refused, and the work tree
    /// files that run's commit left behind are brought to the branch first (see
    /// [`Committed::took_over`]).
    pub fn commit_unattended<T>(
        &self,
        info: &CommitInfo,
        plan: impl FnMut(&Tip<'_>) -> Result<Plan<T>, StoreError>,
    ) -> Result<Committed<T>, StoreError> {
        self.commit_with(info, Stale::TakeOver, plan)
    }

    /// Takes over a lock left by a dead process of this host, if there is one, and brings
    /// the work tree files its commit left behind to the branch: what an unattended run does
    /// first, so that it cleans up after a killed run even when it has nothing to commit.
    /// A lock held by a live run is left alone (the commit, if any, waits for it).
    pub fn recover_unattended(&self, now: i64) -> Result<Option<TakenOver>, StoreError> {
        let taken = lock::RunLock::acquire_with(
            self.repo.path(),
            &self.lock_shown(),
            Duration::ZERO,
            now,
            Stale::TakeOver,
        );
        let (_lock, took_over) = match taken {
            Ok(taken) => taken,
            Err(lock::LockError::Busy { .. }) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        if took_over.is_some()
            && let Some(branch) = repo::branch(&self.repo)?
            && let Some(tip) = repo::tip(&self.repo, &branch)?
        {
            repo::repair_worktree(&self.repo, tip).map_err(worktree_error)?;
        }
        Ok(took_over)
    }

    fn commit_with<T>(
        &self,
        info: &CommitInfo,
        stale: Stale,
        mut plan: impl FnMut(&Tip<'_>) -> Result<Plan<T>, StoreError>,
    ) -> Result<Committed<T>, StoreError> {
        let (commit, value, took_over) = self.transact(info, stale, |repo, tip| {
            let tip = Tip::new(repo, tip);
            let plan = plan(&tip)?;
            let mut files = Vec::with_capacity(plan.edits.len());
            for edit in plan.edits {
                file_edits(&tip, edit, &mut files)?;
            }
            let subject = info.message.as_deref().unwrap_or(&plan.subject);
            Ok((files, message(subject, &plan.trailers), plan.value))
        })?;
        Ok(Committed {
            commit: commit.map(short_id),
            value,
            took_over,
        })
    }

    /// Runs `read` on the branch tip, writing nothing: what a plan would see, for a caller
    /// that only wants to know what a commit would do.
    pub fn read_tip<T>(
        &self,
        read: impl FnOnce(&Tip<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        read(&Tip::new(&self.repo, self.tip()?))
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

    /// One commit, safely: take the lock, plan the file edits against the branch tip, refuse
    /// to overwrite uncommitted work, write the objects, move the branch with a
    /// compare-and-swap (planning again on the new tip if another writer got in first), then
    /// update the work tree. `plan` returns the edits, the commit message and a value for
    /// the caller; no edits means no commit.
    pub(super) fn transact<T>(
        &self,
        info: &CommitInfo,
        stale: Stale,
        mut plan: impl FnMut(&Repository, Option<Oid>) -> Result<(Vec<FileEdit>, String, T), StoreError>,
    ) -> Result<(Option<Oid>, T, Option<TakenOver>), StoreError> {
        let (_lock, took_over) = lock::RunLock::acquire_with(
            self.repo.path(),
            &self.lock_shown(),
            LOCK_WAIT,
            info.when.seconds,
            stale,
        )?;
        let branch = repo::branch(&self.repo)?.ok_or(StoreError::Detached)?;
        if took_over.is_some()
            && let Some(tip) = repo::tip(&self.repo, &branch)?
        {
            // The dead run may have moved the branch and died before the work tree followed.
            repo::repair_worktree(&self.repo, tip).map_err(worktree_error)?;
        }
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
                return Ok((None, value, took_over));
            }
            if let Err(repo::Dirty(path)) = repo::check_clean(&self.repo, tip, &edits)? {
                return Err(StoreError::Dirty(path));
            }
            let commit = repo::write_commit(&self.repo, tip, &edits, &message, &stamp)?;
            let reflog = format!("reportdiff: {}", message.lines().next().unwrap_or_default());
            if repo::advance(&self.repo, &branch, tip, commit, &reflog)?.is_ok() {
                repo::update_worktree(&self.repo, &edits).map_err(worktree_error)?;
                return Ok((Some(commit), value, took_over));
            }
        }
        Err(StoreError::Contended)
    }
}

fn worktree_error(e: repo::WorktreeError) -> StoreError {
    match e {
        repo::WorktreeError::Git(e) => StoreError::from(e),
        repo::WorktreeError::Io(path, source) => StoreError::Io { path, source },
    }
}

/// The file edits of one edit to a report: its files under the store's layout.
fn file_edits(tip: &Tip<'_>, edit: Edit, files: &mut Vec<FileEdit>) -> Result<(), StoreError> {
    match edit {
        Edit::Snapshot { path, bytes } => files.push(FileEdit::Write {
            path: path.snapshot_path(),
            bytes,
        }),
        Edit::Raw { path, raw } => {
            let ext = sanitize_ext(&raw.ext);
            for file in tip.other_raw_files(&path, &ext)? {
                files.push(FileEdit::Remove { path: file });
            }
            files.push(FileEdit::Write {
                path: path.raw_path(&ext),
                bytes: raw.bytes,
            });
        }
        Edit::WatchState { name, bytes } => files.push(FileEdit::Write {
            path: format!("{WATCH_DIR}/{}.toml", sanitize_component(&name)),
            bytes,
        }),
    }
    Ok(())
}
