//! What changed between two revisions of any git repository that holds snapshot files: the
//! files added, modified, deleted or renamed under `snapshots/` and `raw/`, with their bytes
//! on each side, and which commits of the range made each change.
//!
//! `review` reads a pull request's range with it. Unlike [`Store`](super::Store) it needs no
//! `reportdiff.toml` and never writes: a project repository with a `snapshots/` folder is
//! reviewed as well as a store made by `init`.

use std::collections::HashSet;
use std::path::Path;

use git2::{Delta, DiffFindOptions, DiffOptions, Oid, Repository, Sort};

use super::message::short_id;
use super::open::not_a_repository;
use super::{CONFIG_FILE, Config, NORMALIZER_CHANGE_TRAILER, RAW_DIR, SNAPSHOTS_DIR, StoreError};

/// A git repository read revision by revision.
pub struct Revisions {
    repo: Repository,
}

/// One commit, as the review names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Revision {
    /// The full commit id.
    pub id: String,
    /// Its short form, as `git log --oneline` shows it.
    pub short: String,
}

/// What happened to a file between two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileStatus {
    /// Only the new revision has it.
    Added,
    /// Both have it, with other bytes.
    Modified,
    /// Only the old revision has it.
    Deleted,
    /// It moved to another path (perhaps edited too).
    Renamed,
}

/// A file as one revision holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileVersion {
    /// The path from the repository root, `/`-separated.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// One file changed between two revisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedFile {
    /// Added, modified, deleted or renamed.
    pub status: FileStatus,
    /// The file at the old revision (`None` when added).
    pub old: Option<FileVersion>,
    /// The file at the new revision (`None` when deleted).
    pub new: Option<FileVersion>,
}

/// Which kinds of commit in a range touched each snapshot file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommitKinds {
    /// Snapshot paths changed by a commit with a `Normalizer-Change: yes` trailer.
    pub by_rules: HashSet<String>,
    /// Snapshot paths changed by any other commit.
    pub by_others: HashSet<String>,
}

/// Where a default branch is looked for, in this order: the remote's default branch, then
/// the usual local names, then the usual remote names (a CI checkout has only those).
pub const DEFAULT_BRANCHES: [&str; 5] = [
    "origin/HEAD",
    "main",
    "master",
    "origin/main",
    "origin/master",
];

impl Revisions {
    /// Opens the repository that holds `dir`, looking upwards as git does.
    pub fn discover(dir: &Path) -> Result<Revisions, StoreError> {
        match Repository::discover(dir) {
            Ok(repo) => Ok(Revisions { repo }),
            Err(e) => Err(not_a_repository(dir, e)),
        }
    }

    /// Opens the repository at exactly `dir`.
    pub fn open(dir: &Path) -> Result<Revisions, StoreError> {
        match Repository::open(dir) {
            Ok(repo) => Ok(Revisions { repo }),
            Err(e) => Err(not_a_repository(dir, e)),
        }
    }

    /// The commit a revision names (a sha, branch, tag, `HEAD~2`, …).
    pub fn resolve(&self, spec: &str) -> Result<Revision, StoreError> {
        let commit = self
            .repo
            .revparse_single(spec)
            .and_then(|object| object.peel_to_commit())
            .map_err(|_| StoreError::UnknownRevision(spec.to_string()))?;
        Ok(revision(commit.id()))
    }

    /// The first of [`DEFAULT_BRANCHES`] that names a commit, if any.
    pub fn default_branch(&self) -> Option<&'static str> {
        DEFAULT_BRANCHES
            .into_iter()
            .find(|name| self.resolve(name).is_ok())
    }

    /// The best common ancestor of two commits, as `git merge-base` finds it; `None` for
    /// unrelated histories.
    pub fn merge_base(&self, a: &Revision, b: &Revision) -> Result<Option<Revision>, StoreError> {
        match self.repo.merge_base(oid(a)?, oid(b)?) {
            Ok(base) => Ok(Some(revision(base))),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Every file under `snapshots/` or `raw/` that differs between `old` and `new`, renames
    /// found as `git diff -M` finds them, in path order.
    pub fn changed_files(
        &self,
        old: &Revision,
        new: &Revision,
    ) -> Result<Vec<ChangedFile>, StoreError> {
        let old_tree = self.repo.find_commit(oid(old)?)?.tree()?;
        let new_tree = self.repo.find_commit(oid(new)?)?.tree()?;
        let mut options = DiffOptions::new();
        options.pathspec(SNAPSHOTS_DIR).pathspec(RAW_DIR);
        let mut diff =
            self.repo
                .diff_tree_to_tree(Some(&old_tree), Some(&new_tree), Some(&mut options))?;
        diff.find_similar(Some(DiffFindOptions::new().renames(true)))?;
        let mut files = Vec::new();
        for delta in diff.deltas() {
            let status = match delta.status() {
                Delta::Added | Delta::Copied => FileStatus::Added,
                Delta::Deleted => FileStatus::Deleted,
                Delta::Modified | Delta::Typechange => FileStatus::Modified,
                Delta::Renamed => FileStatus::Renamed,
                _ => continue,
            };
            let side = |file: git2::DiffFile<'_>| -> Result<Option<FileVersion>, StoreError> {
                let Some(path) = file.path_bytes() else {
                    return Ok(None);
                };
                if file.id().is_zero() || !file.exists() {
                    return Ok(None);
                }
                // A submodule or a symbolic link is no report.
                let Ok(blob) = self.repo.find_blob(file.id()) else {
                    return Ok(None);
                };
                Ok(Some(FileVersion {
                    path: String::from_utf8_lossy(path).into_owned(),
                    bytes: blob.content().to_vec(),
                }))
            };
            let old = match status {
                FileStatus::Added => None,
                _ => side(delta.old_file())?,
            };
            let new = match status {
                FileStatus::Deleted => None,
                _ => side(delta.new_file())?,
            };
            if old.is_some() || new.is_some() {
                files.push(ChangedFile { status, old, new });
            }
        }
        files.sort_by(|a, b| a.path().cmp(b.path()));
        Ok(files)
    }

    /// For each snapshot file changed by a commit between `old` (excluded) and `new`, whether
    /// a rules update (`Normalizer-Change: yes`) changed it, another commit, or both. Merge
    /// commits are skipped: the commits they bring in are walked themselves.
    pub fn commit_kinds(&self, old: &Revision, new: &Revision) -> Result<CommitKinds, StoreError> {
        let mut walk = self.repo.revwalk()?;
        walk.set_sorting(Sort::TOPOLOGICAL)?;
        walk.push(oid(new)?)?;
        walk.hide(oid(old)?)?;
        let mut commits = Vec::new();
        for id in walk {
            let commit = self.repo.find_commit(id?)?;
            if commit.parent_count() <= 1 {
                let rules = is_rule_change(commit.message_raw_bytes());
                commits.push((commit, rules));
            }
        }
        let mut kinds = CommitKinds::default();
        // Without any rules update in the range there is nothing to tell apart.
        if !commits.iter().any(|(_, rules)| *rules) {
            return Ok(kinds);
        }
        for (commit, rules) in commits {
            let tree = commit.tree()?;
            let parent_tree = commit.parent(0).ok().map(|p| p.tree()).transpose()?;
            let mut options = DiffOptions::new();
            options.pathspec(SNAPSHOTS_DIR);
            let diff = self.repo.diff_tree_to_tree(
                parent_tree.as_ref(),
                Some(&tree),
                Some(&mut options),
            )?;
            let target = if rules {
                &mut kinds.by_rules
            } else {
                &mut kinds.by_others
            };
            for delta in diff.deltas() {
                for file in [delta.old_file(), delta.new_file()] {
                    if let Some(path) = file.path_bytes() {
                        target.insert(String::from_utf8_lossy(path).into_owned());
                    }
                }
            }
        }
        Ok(kinds)
    }

    /// The bytes of the file at `path` in a revision, if it holds one.
    pub fn read(&self, at: &Revision, path: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(super::repo::read_at(&self.repo, oid(at)?, path)?)
    }

    /// The `reportdiff.toml` a revision holds (empty when it holds none).
    pub fn config_at(&self, at: &Revision) -> Result<Config, StoreError> {
        match self.read(at, CONFIG_FILE)? {
            Some(bytes) => Ok(Config::parse(&String::from_utf8_lossy(&bytes))?),
            None => Ok(Config::default()),
        }
    }
}

impl ChangedFile {
    /// The path the file has now (its old path when deleted).
    pub fn path(&self) -> &str {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .map_or("", |f| f.path.as_str())
    }
}

/// Whether a commit message carries the `Normalizer-Change: yes` trailer in its trailer
/// block (a line of the body that merely says so is no trailer).
fn is_rule_change(message: &[u8]) -> bool {
    let Ok(trailers) = git2::message_trailers_bytes(message) else {
        return false;
    };
    trailers.iter().any(|(key, value)| {
        key.eq_ignore_ascii_case(NORMALIZER_CHANGE_TRAILER.as_bytes())
            && value.trim_ascii().eq_ignore_ascii_case(b"yes")
    })
}

fn revision(id: Oid) -> Revision {
    Revision {
        id: id.to_string(),
        short: short_id(id),
    }
}

fn oid(revision: &Revision) -> Result<Oid, StoreError> {
    Oid::from_str(&revision.id).map_err(|_| StoreError::UnknownRevision(revision.id.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_trailer_marks_a_rules_update() {
        assert!(is_rule_change(
            "renormalize 3 report(s)\n\nNormalizer-Change: yes\n".as_bytes()
        ));
        assert!(!is_rule_change(
            "renormalize 3 report(s)\n\nNormalizer-Change: no\n".as_bytes()
        ));
        assert!(!is_rule_change(
            "更新报告\n\n正文提到 Normalizer-Change: yes 这一行。\n还有一行。\n".as_bytes()
        ));
    }

    #[test]
    fn a_folder_without_a_repository_is_not_a_repository() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            Revisions::open(dir.path()),
            Err(StoreError::NotARepository { .. })
        ));
    }
}
