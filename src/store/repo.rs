//! The git side of the store: read blobs at a commit, build a tree in memory, write a commit,
//! move the branch with one compare-and-swap, and bring the work tree and index along.
//!
//! Order matters for crash safety: every object is written first (one pack, renamed into
//! place whole), then the branch moves in one atomic ref update, then the work tree and index
//! follow. A run killed before the ref update leaves at most unreferenced objects or a
//! temporary pack file, which `git fsck` does not call errors and `git gc` removes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use git2::{ErrorCode, Index, ObjectType, Oid, Repository, Signature, Time};

use super::StoreError;

/// One change to a file in the tree of the next commit.
#[derive(Debug, Clone)]
pub enum FileEdit {
    /// Write a file (a snapshot or a raw input).
    Write {
        /// Path from the repository root, `/`-separated.
        path: String,
        /// The file's bytes.
        bytes: Vec<u8>,
    },
    /// Remove a file.
    Remove {
        /// Path from the repository root.
        path: String,
    },
}

impl FileEdit {
    /// The path the edit touches.
    pub fn path(&self) -> &str {
        match self {
            FileEdit::Write { path, .. } | FileEdit::Remove { path } => path,
        }
    }
}

/// Who and when, as git wants it.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// Author name and email.
    pub author: (String, String),
    /// Committer name and email.
    pub committer: (String, String),
    /// Seconds since the epoch.
    pub seconds: i64,
    /// Offset from UTC in minutes.
    pub offset_minutes: i32,
}

/// The branch moved under us: another writer committed between our read and our update.
#[derive(Debug)]
pub struct Moved;

/// A work-tree or index state that differs from the commit, for a path about to be written.
#[derive(Debug)]
pub struct Dirty(pub String);

/// The branch HEAD points to (`refs/heads/main`), or `None` when HEAD is detached.
pub fn branch(repo: &Repository) -> Result<Option<String>, git2::Error> {
    let head = repo.find_reference("HEAD")?;
    Ok(head.symbolic_target()?.map(str::to_string))
}

/// The commit the branch points to, or `None` for a branch with no commit yet.
pub fn tip(repo: &Repository, branch: &str) -> Result<Option<Oid>, git2::Error> {
    match repo.find_reference(branch) {
        Ok(reference) => Ok(Some(reference.peel_to_commit()?.id())),
        Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The id of the blob at `path` in `commit`, if there is one.
pub fn entry_at(repo: &Repository, commit: Oid, path: &str) -> Result<Option<Oid>, git2::Error> {
    let tree = repo.find_commit(commit)?.tree()?;
    match tree.get_path(Path::new(path)) {
        Ok(entry) if entry.kind() == Some(ObjectType::Blob) => Ok(Some(entry.id())),
        Ok(_) => Ok(None),
        Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The bytes of the blob at `path` in `commit`, if there is one.
pub fn read_at(repo: &Repository, commit: Oid, path: &str) -> Result<Option<Vec<u8>>, git2::Error> {
    match entry_at(repo, commit, path)? {
        Some(oid) => Ok(Some(repo.find_blob(oid)?.content().to_vec())),
        None => Ok(None),
    }
}

/// The blob id git would give these bytes.
pub fn blob_id(bytes: &[u8]) -> Result<Oid, git2::Error> {
    Oid::hash_object(ObjectType::Blob, bytes)
}

/// Writes the blobs, the tree and the commit for `edits` on top of `parent`; moves nothing.
///
/// The objects are gathered in memory and written as one pack, as `git push` would deliver
/// them: thousands of reports in one run would otherwise be thousands of loose object files,
/// and creating files, not hashing or compressing, is what a large run spends its time on.
pub fn write_commit(
    repo: &Repository,
    parent: Option<Oid>,
    edits: &[FileEdit],
    message: &str,
    stamp: &Stamp,
) -> Result<Oid, StoreError> {
    // A second handle, so that the in-memory backend never outlives this one write.
    let writer = Repository::open(repo.path())?;
    let odb = writer.odb()?;
    let memory = odb.add_new_mempack_backend(MEMPACK_PRIORITY)?;
    let commit = build_commit(&writer, parent, edits, message, stamp)?;
    let mut pack = git2::Buf::new();
    memory.dump(&writer, &mut pack)?;
    let mut packwriter = odb.packwriter()?;
    packwriter.write_all(&pack).map_err(StoreError::Pack)?;
    packwriter.commit()?;
    memory.reset()?;
    repo.odb()?.refresh()?;
    Ok(commit)
}

/// Above the loose and pack backends (priorities 1 and 2), so that every write goes to
/// memory first.
const MEMPACK_PRIORITY: i32 = 999;

fn build_commit(
    repo: &Repository,
    parent: Option<Oid>,
    edits: &[FileEdit],
    message: &str,
    stamp: &Stamp,
) -> Result<Oid, git2::Error> {
    let mut index = Index::new()?;
    let parent_commit = parent.map(|oid| repo.find_commit(oid)).transpose()?;
    if let Some(commit) = &parent_commit {
        index.read_tree(&commit.tree()?)?;
    }
    for edit in edits {
        match edit {
            FileEdit::Write { path, bytes } => {
                let id = repo.blob(bytes)?;
                index.add(&entry(path, id, bytes.len()))?;
            }
            FileEdit::Remove { path } => match index.remove_path(Path::new(path)) {
                Err(e) if e.code() != ErrorCode::NotFound => return Err(e),
                _ => {}
            },
        }
    }
    let tree = repo.find_tree(index.write_tree_to(repo)?)?;
    let time = Time::new(stamp.seconds, stamp.offset_minutes);
    let author = Signature::new(&stamp.author.0, &stamp.author.1, &time)?;
    let committer = Signature::new(&stamp.committer.0, &stamp.committer.1, &time)?;
    let parents: Vec<&git2::Commit<'_>> = parent_commit.iter().collect();
    repo.commit(None, &author, &committer, message, &tree, &parents)
}

fn entry(path: &str, id: Oid, len: usize) -> git2::IndexEntry {
    git2::IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100_644,
        uid: 0,
        gid: 0,
        file_size: u32::try_from(len).unwrap_or(u32::MAX),
        id,
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}

/// An index entry for a file just written: its blob id is known, so only its stat data is
/// read (hashing it again through `add_path` costs a read per file on large runs). Without
/// stat data (not Unix), git re-checks the file's content on the next `git status`.
fn worktree_entry(path: &str, id: Oid, metadata: &fs::Metadata) -> git2::IndexEntry {
    let mut entry = entry(
        path,
        id,
        usize::try_from(metadata.len()).unwrap_or(usize::MAX),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // The index stores 32-bit fields; git truncates the same way.
        entry.ctime = git2::IndexTime::new(metadata.ctime() as i32, metadata.ctime_nsec() as u32);
        entry.mtime = git2::IndexTime::new(metadata.mtime() as i32, metadata.mtime_nsec() as u32);
        entry.dev = metadata.dev() as u32;
        entry.ino = metadata.ino() as u32;
        entry.uid = metadata.uid();
        entry.gid = metadata.gid();
    }
    entry
}

/// Moves `branch` from `expected` to `new`, failing with [`Moved`] if it no longer points
/// at `expected` (compare-and-swap; `None` means the branch must not exist yet).
pub fn advance(
    repo: &Repository,
    branch: &str,
    expected: Option<Oid>,
    new: Oid,
    reflog: &str,
) -> Result<Result<(), Moved>, git2::Error> {
    let result = match expected {
        Some(old) => repo.reference_matching(branch, new, true, old, reflog),
        None => repo.reference(branch, new, false, reflog),
    };
    match result {
        Ok(_) => Ok(Ok(())),
        Err(e) if matches!(e.code(), ErrorCode::Modified | ErrorCode::Exists) => Ok(Err(Moved)),
        Err(e) => Err(e),
    }
}

/// Checks that the work tree and index hold, for every path about to be written, what the
/// commit `tip` holds (or the very bytes about to be written): anything else is the user's
/// uncommitted work, and it is not ours to overwrite.
pub fn check_clean(
    repo: &Repository,
    tip: Option<Oid>,
    edits: &[FileEdit],
) -> Result<Result<(), Dirty>, git2::Error> {
    let Some(workdir) = repo.workdir() else {
        return Ok(Ok(()));
    };
    let mut index = repo.index()?;
    // The in-memory index may predate another process's write: read what is on disk.
    index.read(false)?;
    for edit in edits {
        let path = edit.path();
        let committed = match tip {
            Some(tip) => entry_at(repo, tip, path)?,
            None => None,
        };
        let wanted = match edit {
            FileEdit::Write { bytes, .. } => Some(blob_id(bytes)?),
            FileEdit::Remove { .. } => None,
        };
        let conflicted = (1..=3).any(|stage| index.get_path(Path::new(path), stage).is_some());
        let staged = index.get_path(Path::new(path), 0).map(|e| e.id);
        let on_disk = match fs::read(workdir.join(path)) {
            Ok(bytes) => Some(blob_id(&bytes)?),
            Err(_) => None,
        };
        let fine = |state: Option<Oid>| state == committed || state == wanted;
        if conflicted || !fine(staged) || !fine(on_disk) {
            return Ok(Err(Dirty(path.to_string())));
        }
    }
    Ok(Ok(()))
}

/// Brings the work tree files and index entries of exactly `edits` to the new commit. Does
/// nothing in a bare repository.
pub fn update_worktree(repo: &Repository, edits: &[FileEdit]) -> Result<(), WorktreeError> {
    let Some(workdir) = repo.workdir() else {
        return Ok(());
    };
    let mut index = repo.index()?;
    index.read(false)?;
    for edit in edits {
        let path = edit.path();
        let target = workdir.join(path);
        match edit {
            FileEdit::Write { bytes, .. } => {
                let io = |e| WorktreeError::Io(path.to_string(), e);
                write_atomically(repo.path(), &target, bytes).map_err(io)?;
                let metadata = fs::metadata(&target).map_err(io)?;
                index.add(&worktree_entry(path, blob_id(bytes)?, &metadata))?;
            }
            FileEdit::Remove { .. } => {
                match fs::remove_file(&target) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(WorktreeError::Io(path.to_string(), e));
                    }
                    _ => {}
                }
                match index.remove_path(Path::new(path)) {
                    Err(e) if e.code() != ErrorCode::NotFound => return Err(e.into()),
                    _ => {}
                }
            }
        }
    }
    index.write()?;
    Ok(())
}

/// Brings the work tree and index to `tip` for each file that `tip` changed from its first
/// parent and that the index and the work tree each hold either as the parent had it or as
/// `tip` has it: what a run killed between moving the branch and updating the work tree
/// (part way through, as well) leaves behind. A file that holds anything else is someone's
/// work, and stays as it is.
pub fn repair_worktree(repo: &Repository, tip: Oid) -> Result<(), WorktreeError> {
    let Some(workdir) = repo.workdir() else {
        return Ok(());
    };
    let commit = repo.find_commit(tip)?;
    let Ok(parent) = commit.parent(0) else {
        return Ok(());
    };
    let diff = repo.diff_tree_to_tree(Some(&parent.tree()?), Some(&commit.tree()?), None)?;
    let mut index = repo.index()?;
    index.read(false)?;
    let mut edits = Vec::new();
    for delta in diff.deltas() {
        let (old, new) = (delta.old_file(), delta.new_file());
        let Some(path) = new.path().or(old.path()).and_then(Path::to_str) else {
            continue;
        };
        let before = (!old.id().is_zero()).then(|| old.id());
        let after = (!new.id().is_zero()).then(|| new.id());
        let staged = index.get_path(Path::new(path), 0).map(|e| e.id);
        let on_disk = match fs::read(workdir.join(path)) {
            Ok(bytes) => Some(blob_id(&bytes)?),
            Err(_) => None,
        };
        let ours = |id: Option<Oid>| id == before || id == after;
        let done = staged == after && on_disk == after;
        if done || !ours(staged) || !ours(on_disk) {
            continue;
        }
        let path = path.to_string();
        if new.id().is_zero() {
            edits.push(FileEdit::Remove { path });
        } else {
            let bytes = repo.find_blob(new.id())?.content().to_vec();
            edits.push(FileEdit::Write { path, bytes });
        }
    }
    if edits.is_empty() {
        return Ok(());
    }
    update_worktree(repo, &edits)
}

/// Why the work tree could not follow the new commit.
#[derive(Debug)]
pub enum WorktreeError {
    /// Git refused to update the index.
    Git(git2::Error),
    /// A file could not be written or removed.
    Io(String, std::io::Error),
}

impl From<git2::Error> for WorktreeError {
    fn from(e: git2::Error) -> Self {
        WorktreeError::Git(e)
    }
}

/// Writes a temporary file in the git directory, then renames it into place, so that a
/// reader never sees half a snapshot and a killed run leaves no stray file in the work tree.
fn write_atomically(git_dir: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)?;
    }
    let temp: PathBuf = git_dir.join(format!("reportdiff-{}.tmp", std::process::id()));
    fs::write(&temp, bytes)?;
    match fs::rename(&temp, target) {
        Ok(()) => Ok(()),
        Err(_) => {
            // Another file system (a work tree elsewhere): write in place instead.
            let _ = fs::remove_file(&temp);
            fs::write(target, bytes)
        }
    }
}
