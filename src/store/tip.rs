//! The branch tip a commit is planned against: which reports are stored there, their
//! snapshot files and raw inputs, read without touching the work tree.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::Path;

use git2::{ObjectType, Oid, Repository};

use super::path::sanitize_component;
use super::{RAW_DIR, ReportPath, SNAPSHOTS_DIR, StoreError, WATCH_DIR, repo};

/// The commit the branch points to while a commit is planned, or no commit for an empty
/// branch. Reads only: a plan decides what to write from it, and the store writes.
pub struct Tip<'a> {
    repo: &'a Repository,
    commit: Option<Oid>,
    /// The raw input of every report, found on the first [`Tip::raw`].
    raws: OnceCell<HashMap<ReportPath, String>>,
}

impl<'a> Tip<'a> {
    pub(super) fn new(repo: &'a Repository, commit: Option<Oid>) -> Tip<'a> {
        Tip {
            repo,
            commit,
            raws: OnceCell::new(),
        }
    }

    /// The stored snapshot file of a report, as bytes.
    pub fn snapshot(&self, path: &ReportPath) -> Result<Option<Vec<u8>>, StoreError> {
        self.read(&path.snapshot_path())
    }

    /// The raw input a report's snapshot was read from, if one is kept.
    pub fn raw(&self, path: &ReportPath) -> Result<Option<Vec<u8>>, StoreError> {
        let raws = match self.raws.get() {
            Some(raws) => raws,
            None => {
                let raws = match self.commit {
                    Some(commit) => raw_files(self.repo, commit)?,
                    None => HashMap::new(),
                };
                self.raws.get_or_init(|| raws)
            }
        };
        match raws.get(path) {
            Some(file) => self.read(file),
            None => Ok(None),
        }
    }

    /// The state file of a watched source (see [`Edit::WatchState`](super::Edit::WatchState)),
    /// if the tip holds one.
    pub fn watch_state(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.read(&format!("{WATCH_DIR}/{}.toml", sanitize_component(name)))
    }

    /// Every stored report, in the order of its snapshot file's path.
    pub fn reports(&self) -> Result<Vec<ReportPath>, StoreError> {
        let Some(commit) = self.commit else {
            return Ok(Vec::new());
        };
        let mut files = Vec::new();
        for (hospital, name) in two_level_files(self.repo, commit, SNAPSHOTS_DIR)? {
            let file = format!("{SNAPSHOTS_DIR}/{hospital}/{name}");
            if let Some(path) = ReportPath::from_snapshot_path(&file) {
                files.push((file, path));
            }
        }
        files.sort();
        Ok(files.into_iter().map(|(_, path)| path).collect())
    }

    /// The stored reports of one hospital (its folder name), in the order of their names.
    pub fn reports_of(&self, hospital: &str) -> Result<Vec<ReportPath>, StoreError> {
        let Some(commit) = self.commit else {
            return Ok(Vec::new());
        };
        let folder = format!("{SNAPSHOTS_DIR}/{hospital}");
        let mut names = file_names(self.repo, commit, &folder)?;
        names.sort();
        Ok(names
            .iter()
            .filter_map(|name| ReportPath::from_snapshot_path(&format!("{folder}/{name}")))
            .collect())
    }

    /// The raw files of a report under an extension other than `ext`: a new raw input
    /// replaces them, so that `renormalize` finds exactly one.
    pub(super) fn other_raw_files(
        &self,
        path: &ReportPath,
        ext: &str,
    ) -> Result<Vec<String>, StoreError> {
        let Some(commit) = self.commit else {
            return Ok(Vec::new());
        };
        let folder = format!("{RAW_DIR}/{}", path.hospital);
        let mut files = Vec::new();
        for name in file_names(self.repo, commit, &folder)? {
            if let Some((stem, other)) = name.rsplit_once('.')
                && stem == path.report
                && other != ext
            {
                files.push(format!("{folder}/{name}"));
            }
        }
        Ok(files)
    }

    fn read(&self, file: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match self.commit {
            Some(commit) => Ok(repo::read_at(self.repo, commit, file)?),
            None => Ok(None),
        }
    }
}

/// Names of the files directly inside `folder` at `commit`.
fn file_names(repo: &Repository, commit: Oid, folder: &str) -> Result<Vec<String>, StoreError> {
    let tree = repo.find_commit(commit)?.tree()?;
    let entry = match tree.get_path(Path::new(folder)) {
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

/// Every raw input at `commit`, by the report it belongs to (the last by name, should a
/// report have several).
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
    let Ok(entry) = tree.get_path(Path::new(root)) else {
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
