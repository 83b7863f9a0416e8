//! Opening a store: create or adopt a repository, find the one around a folder, read its
//! `reportdiff.toml`, and name the identity its commits would get.

use std::path::Path;
use std::sync::{Mutex, PoisonError};

use git2::{Repository, RepositoryInitOptions};

use super::error::GitError;
use super::message::message;
use super::{
    CONFIG_FILE, CommitInfo, Config, Identity, ReportPath, ReportRef, SNAPSHOTS_DIR, Store,
    StoreError, config, repo,
};

/// Sets libgit2's process-wide options for reading, once, before the first store is made.
/// A large store's `snapshots/` tree (one entry a hospital) is far over libgit2's default
/// cache limit for trees (4 KB), and a plan reads it once per report it looks up, so trees up
/// to 16 MB are cached (walks of history lift that: see [`UncachedTrees`]); and, as git
/// itself does, reads no longer re-hash every object (`git fsck` is the check for that).
fn tune_object_reads() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        git2::opts::strict_hash_verification(false);
        set_tree_cache_limit(LARGE_TREES);
    });
}

/// The largest tree libgit2 caches outside a walk of history.
const LARGE_TREES: usize = 16 << 20;

/// libgit2's own limit for caching a tree.
const DEFAULT_TREES: usize = 4 << 10;

/// How many walks of history are going on in this process.
static WALKS: Mutex<usize> = Mutex::new(0);

/// While one lives, libgit2 caches trees up to its default 4 KB only. A walk of history reads
/// each commit's `snapshots/` tree once (and keeps the one it reads again itself), so caching
/// a hundred distinct 1 MB trees was only memory to fault in: on a store of 100,000
/// snapshots, half of the CPU time of `log REF`.
pub(super) struct UncachedTrees(());

impl UncachedTrees {
    pub(super) fn begin() -> UncachedTrees {
        let mut walks = WALKS.lock().unwrap_or_else(PoisonError::into_inner);
        if *walks == 0 {
            set_tree_cache_limit(DEFAULT_TREES);
        }
        *walks += 1;
        UncachedTrees(())
    }
}

impl Drop for UncachedTrees {
    fn drop(&mut self) {
        let mut walks = WALKS.lock().unwrap_or_else(PoisonError::into_inner);
        *walks -= 1;
        if *walks == 0 {
            set_tree_cache_limit(LARGE_TREES);
        }
    }
}

fn set_tree_cache_limit(limit: usize) {
    // SAFETY: the limit is a plain global that libgit2 reads when it is about to cache an
    // object; it is set only here, under `WALKS` or before the first store is opened, and
    // its value decides only whether an object is kept, never what a read returns.
    let set = unsafe { git2::opts::set_cache_object_limit(git2::ObjectType::Tree, limit) };
    // A cache that keeps its limit is only slower.
    drop(set);
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
            std::fs::create_dir_all(&snapshots).map_err(|source| StoreError::Io {
                path: SNAPSHOTS_DIR.to_string(),
                source,
            })?;
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

    /// Opens the store at exactly `dir` (a work tree root, a `.git` folder or a bare
    /// repository). A repository without `reportdiff.toml` is [`StoreError::NotAStore`]: only
    /// `init` makes a repository a store, so that no command writes into a repository that
    /// merely happens to be around (a clone of a project, a home directory under git).
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let repo = Repository::open(dir).map_err(|e| not_a_repository(dir, e))?;
        Store::recognized(repo)
    }

    /// Opens the store whose repository holds `dir`, looking upwards as git does; the
    /// nearest repository must be a store (see [`Store::open`]).
    pub fn discover(dir: &Path) -> Result<Store, StoreError> {
        if !may_hold_repository(dir) {
            // `diff` and `normalize` look for a store's lexicon wherever they run; outside
            // any repository that look costs no libgit2 start-up.
            return Err(StoreError::NotARepository {
                dir: dir.to_path_buf(),
            });
        }
        let repo = Repository::discover(dir).map_err(|e| not_a_repository(dir, e))?;
        Store::recognized(repo)
    }

    /// The `user.name` and `user.email` that commits in the repository at `dir` would get
    /// from its git configuration, whether or not it is a store yet (for `init`).
    pub fn identity_at(dir: &Path) -> Option<Identity> {
        let repo = Repository::open(dir).ok()?;
        identity(repo.config().ok()?)
    }

    fn recognized(repo: Repository) -> Result<Store, StoreError> {
        let store = Store::from_repository(repo)?;
        if store.has_config_file()? {
            Ok(store)
        } else {
            Err(StoreError::NotAStore {
                dir: store.root().to_path_buf(),
            })
        }
    }

    /// The repository's root: its work tree, or the repository itself when bare.
    pub fn root(&self) -> &Path {
        self.repo.workdir().unwrap_or_else(|| self.repo.path())
    }

    fn from_repository(repo: Repository) -> Result<Store, StoreError> {
        tune_object_reads();
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
        identity(self.repo.config().ok()?)
    }

    /// `user.name` and `user.email` from the user's and system git configuration, for a
    /// repository that does not exist yet.
    pub fn global_identity() -> Option<Identity> {
        identity(git2::Config::open_default().ok()?)
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
                Err(source) => {
                    return Err(StoreError::Io {
                        path: CONFIG_FILE.to_string(),
                        source,
                    });
                }
            }
        }
        let Some(tip) = self.tip()? else {
            return Ok(None);
        };
        let bytes = repo::read_at(&self.repo, tip, CONFIG_FILE)?;
        Ok(bytes.map(|b| String::from_utf8_lossy(&b).into_owned()))
    }

    /// The text of the store's `reportdiff.toml` as [`Store::config`] read it (the work
    /// tree's, else the committed one).
    pub fn config_file(&self) -> Result<String, StoreError> {
        Ok(self.config_text()?.unwrap_or_default())
    }

    /// Commits `text` as the store's `reportdiff.toml` (what `watch add` does), after
    /// checking that it parses; no commit when the file already holds it. A work tree copy
    /// with uncommitted edits is refused, not overwritten.
    pub fn commit_config(
        &self,
        info: &CommitInfo,
        subject: &str,
        text: &str,
    ) -> Result<Option<String>, StoreError> {
        Config::parse(text)?;
        let (commit, (), _) = self.transact(info, super::lock::Stale::Refuse, |repo, tip| {
            let current = match tip {
                Some(tip) => repo::read_at(repo, tip, CONFIG_FILE)?,
                None => None,
            };
            if current.as_deref() == Some(text.as_bytes()) {
                return Ok((Vec::new(), String::new(), ()));
            }
            let edits = vec![repo::FileEdit::Write {
                path: CONFIG_FILE.to_string(),
                bytes: text.as_bytes().to_vec(),
            }];
            Ok((edits, message(subject, &[]), ()))
        })?;
        Ok(commit.map(super::message::short_id))
    }

    fn has_config_file(&self) -> Result<bool, StoreError> {
        Ok(self.config_text()?.is_some())
    }

    fn commit_config_template(&self, info: &CommitInfo) -> Result<(), StoreError> {
        let subject = info.message.as_deref().unwrap_or("init reportdiff store");
        self.transact(info, super::lock::Stale::Refuse, |_, _| {
            let edits = vec![repo::FileEdit::Write {
                path: CONFIG_FILE.to_string(),
                bytes: config::TEMPLATE.as_bytes().to_vec(),
            }];
            Ok((edits, message(subject, &[]), ()))
        })?;
        Ok(())
    }

    /// The commit the current branch points to, or `None` before the first commit.
    pub(super) fn tip(&self) -> Result<Option<git2::Oid>, StoreError> {
        match repo::branch(&self.repo)? {
            Some(branch) => Ok(repo::tip(&self.repo, &branch)?),
            None => Ok(Some(self.repo.head()?.peel_to_commit()?.id())),
        }
    }
}

/// `user.name` and `user.email` of a git configuration, if both are set.
fn identity(mut config: git2::Config) -> Option<Identity> {
    let config = config.snapshot().ok()?;
    let name = config.get_string("user.name").ok()?;
    let email = config.get_string("user.email").ok()?;
    Some(Identity { name, email })
}

/// Whether `dir` or a folder above it looks like a repository: holds a `.git` (a folder, or
/// a file pointing to one), or is bare (`HEAD`, `objects` and `refs`). False means that
/// looking upwards as git does cannot find one; true only that it may. The folders above are
/// those of the real path, as libgit2 walks them: a link into a work tree is inside it.
fn may_hold_repository(dir: &Path) -> bool {
    let Ok(real) = dir.canonicalize() else {
        // A path that cannot be resolved is libgit2's to report on.
        return true;
    };
    real.ancestors().any(|at| {
        at.join(".git").exists()
            || (at.join("HEAD").is_file()
                && at.join("objects").is_dir()
                && at.join("refs").is_dir())
    })
}

/// Git found no repository at `dir` (the usual case), or found one it cannot open.
pub(super) fn not_a_repository(dir: &Path, error: git2::Error) -> StoreError {
    let error = GitError::from(error);
    if error.is_not_found() {
        StoreError::NotARepository {
            dir: dir.to_path_buf(),
        }
    } else {
        StoreError::Open {
            dir: dir.to_path_buf(),
            source: error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repository_is_looked_for_above_a_folder_too() {
        let dir = tempfile::tempdir().expect("tempdir");
        let deep = dir.path().join("a").join("b");
        std::fs::create_dir_all(&deep).expect("mkdir");
        assert!(!may_hold_repository(&deep) || may_hold_repository(Path::new("/")));
        Repository::init(dir.path()).expect("init");
        assert!(may_hold_repository(&deep));
        let bare = tempfile::tempdir().expect("tempdir");
        Repository::init_bare(bare.path()).expect("init bare");
        assert!(may_hold_repository(bare.path()));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_into_a_work_tree_is_inside_its_repository() {
        let repo = tempfile::tempdir().expect("tempdir");
        Repository::init(repo.path()).expect("init");
        let sub = repo.path().join("sub");
        std::fs::create_dir(&sub).expect("mkdir");
        let elsewhere = tempfile::tempdir().expect("tempdir");
        let link = elsewhere.path().join("link");
        std::os::unix::fs::symlink(&sub, &link).expect("symlink");
        assert!(may_hold_repository(&link));
        assert!(Repository::discover(&link).is_ok());
    }

    #[test]
    fn a_folder_without_a_repository_is_not_a_repository() {
        let dir = tempfile::tempdir().expect("tempdir");
        for asked in [dir.path().join("报告库"), dir.path().to_path_buf()] {
            match Store::open(&asked) {
                Err(StoreError::NotARepository { dir }) => assert_eq!(dir, asked),
                Err(e) => panic!("{e}"),
                Ok(_) => panic!("a store where there is none"),
            }
        }
    }

    #[test]
    fn a_repository_without_reportdiff_toml_is_not_a_store() {
        let dir = tempfile::tempdir().expect("tempdir");
        Repository::init(dir.path()).expect("git init");
        std::fs::create_dir_all(dir.path().join("子目录")).expect("mkdir");
        for result in [
            Store::open(dir.path()),
            Store::discover(&dir.path().join("子目录")),
        ] {
            match result {
                Err(e @ StoreError::NotAStore { .. }) => {
                    assert!(e.to_string().contains("reportdiff init"), "{e}")
                }
                Err(e) => panic!("{e}"),
                Ok(_) => panic!("a foreign repository taken for a store"),
            }
        }
        std::fs::write(dir.path().join(CONFIG_FILE), "[aliases]\n").expect("write");
        assert!(Store::discover(&dir.path().join("子目录")).is_ok());
    }
}
