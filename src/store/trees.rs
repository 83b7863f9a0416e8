//! Tree objects read as bytes, for walking history: a path resolved commit after commit, and
//! the report files two commits' trees hold differently.
//!
//! A store of tens of thousands of hospitals has one `snapshots/` tree of as many entries
//! (about 1 MB) that every commit rewrites. libgit2's own lookups parse such a tree into an
//! entry array and its diff iterates every entry of both sides with path matching; here a
//! tree is scanned in place, a folder whose tree id did not change is never opened, and a
//! tree read for one commit is kept for its parent's turn instead of being read again.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::ffi::CStr;
use std::rc::Rc;

use git2::{Error, ObjectType, Odb, OdbObject, Oid};

use super::SNAPSHOTS_DIR;
use super::open::UncachedTrees;

/// The length of a SHA-1 object id, as tree entries store it.
const ID_LEN: usize = 20;

/// One entry of a tree object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry<'a> {
    /// The name, as stored.
    pub name: &'a [u8],
    /// The mode, as stored (octal digits: `40000` a tree, `100644` a file).
    pub mode: &'a [u8],
    /// The object id, as stored (20 bytes).
    pub raw_id: &'a [u8],
}

impl Entry<'_> {
    /// The object id.
    pub fn id(&self) -> Result<Oid, Error> {
        Oid::from_bytes(self.raw_id)
    }

    /// Whether the entry is a folder.
    pub fn is_tree(&self) -> bool {
        self.mode == b"40000"
    }

    /// Whether the entry is a file (a blob: not a folder, not a submodule's commit).
    pub fn is_blob(&self) -> bool {
        !self.is_tree() && self.mode != b"160000"
    }

    /// Git's order of entries in a tree: by name, a folder's name read with a `/` after it.
    fn order(&self, other: &Entry<'_>) -> Ordering {
        let common = self.name.len().min(other.name.len());
        let end = |entry: &Entry<'_>| match entry.name.get(common) {
            Some(&byte) => byte,
            None if entry.is_tree() => b'/',
            None => 0,
        };
        self.name[..common]
            .cmp(&other.name[..common])
            .then_with(|| end(self).cmp(&end(other)))
    }
}

/// The first entry of a tree's bytes (`mode name\0id`), and the bytes after it.
fn first(data: &[u8]) -> Result<(Entry<'_>, &[u8]), Error> {
    let len = entry_len(data).ok_or_else(malformed)?;
    let nul = len - ID_LEN - 1;
    let space = data[..nul]
        .iter()
        .position(|&b| b == b' ')
        .ok_or_else(malformed)?;
    let entry = Entry {
        mode: &data[..space],
        name: &data[space + 1..nul],
        raw_id: &data[nul + 1..len],
    };
    Ok((entry, &data[len..]))
}

/// The length in bytes of the first entry of a tree's bytes, if it is whole.
fn entry_len(data: &[u8]) -> Option<usize> {
    // The standard library's search for a NUL reads a word at a time.
    let nul = CStr::from_bytes_until_nul(data).ok()?.count_bytes();
    let len = nul + 1 + ID_LEN;
    (len <= data.len()).then_some(len)
}

/// The entry named `name` in a tree's bytes, if there is one.
pub(super) fn find<'a>(data: &'a [u8], name: &[u8]) -> Result<Option<Entry<'a>>, Error> {
    let mut rest = data;
    while !rest.is_empty() {
        let len = entry_len(rest).ok_or_else(malformed)?;
        // `mode name\0id`: only an entry whose bytes before the id end with ` name` is read.
        let head = &rest[..len - ID_LEN - 1];
        let at = head.len().checked_sub(name.len() + 1);
        if at.is_some_and(|at| head[at] == b' ') && head.ends_with(name) {
            let (entry, _) = first(rest)?;
            if entry.name == name {
                return Ok(Some(entry));
            }
        }
        rest = &rest[len..];
    }
    Ok(None)
}

fn malformed() -> Error {
    Error::from_str("malformed tree object")
}

/// Reads tree objects as bytes for a walk; big trees stay out of libgit2's object cache
/// while it lives (see [`UncachedTrees`]), and the last two `snapshots/` trees are kept
/// here instead: a commit's is its child's parent's.
pub(super) struct TreeReader<'r> {
    odb: &'r Odb<'r>,
    kept: RefCell<Vec<(Oid, Rc<OdbObject<'r>>)>>,
    _uncached: UncachedTrees,
}

impl<'r> TreeReader<'r> {
    /// A reader of `odb` (a repository's [`Repository::odb`]).
    pub fn new(odb: &'r Odb<'r>) -> TreeReader<'r> {
        TreeReader {
            odb,
            kept: RefCell::new(Vec::new()),
            _uncached: UncachedTrees::begin(),
        }
    }

    /// The bytes of the tree `id`.
    pub fn read(&self, id: Oid) -> Result<OdbObject<'r>, Error> {
        let object = self.odb.read(id)?;
        if object.kind() != ObjectType::Tree {
            return Err(Error::from_str(&format!("{id} is not a tree")));
        }
        Ok(object)
    }

    /// The bytes of the tree `id`, kept for the next call or the one after.
    fn read_kept(&self, id: Oid) -> Result<Rc<OdbObject<'r>>, Error> {
        let mut kept = self.kept.borrow_mut();
        if let Some((_, tree)) = kept.iter().find(|(known, _)| *known == id) {
            return Ok(Rc::clone(tree));
        }
        let tree = Rc::new(self.read(id)?);
        if kept.len() == KEPT {
            kept.remove(0);
        }
        kept.push((id, Rc::clone(&tree)));
        Ok(tree)
    }
}

/// How many `snapshots/` trees a [`TreeReader`] keeps: a commit's and its parent's.
const KEPT: usize = 2;

/// Resolves one file path in the trees of commit after commit, opening only the folders
/// whose tree id differs from the previous commit's at the same depth.
pub(super) struct PathResolver<'p> {
    components: Vec<&'p str>,
    /// For each depth resolved last time: the tree id there, and the file's blob below it.
    last: Vec<(Oid, Option<Oid>)>,
}

impl<'p> PathResolver<'p> {
    pub fn new(path: &'p str) -> PathResolver<'p> {
        PathResolver {
            components: path.split('/').collect(),
            last: Vec::new(),
        }
    }

    /// The blob at the path below the tree `root` (a commit's tree), if a file is there.
    pub fn blob(&mut self, reader: &TreeReader<'_>, root: Oid) -> Result<Option<Oid>, Error> {
        let mut trees = Vec::new();
        let mut tree = root;
        let mut found = None;
        for (depth, name) in self.components.iter().enumerate() {
            if let Some(&(known, blob)) = self.last.get(depth)
                && known == tree
            {
                // The same folder as last time holds the same file.
                found = blob;
                trees.extend(self.last[depth..].iter().map(|&(tree, _)| tree));
                break;
            }
            trees.push(tree);
            let data = reader.read(tree)?;
            let Some(entry) = find(data.data(), name.as_bytes())? else {
                break;
            };
            if depth + 1 == self.components.len() {
                found = entry.is_blob().then(|| entry.id()).transpose()?;
            } else if entry.is_tree() {
                tree = entry.id()?;
                continue;
            }
            break;
        }
        self.last = trees.into_iter().map(|tree| (tree, found)).collect();
        Ok(found)
    }
}

/// A report file two trees hold differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FileChange {
    /// `snapshots/<hospital>/<file>`.
    pub path: String,
    /// The blob before (`None`: added).
    pub old: Option<Oid>,
    /// The blob after (`None`: removed).
    pub new: Option<Oid>,
}

/// The files two folder levels below `snapshots/` (`<hospital>/<file>`) that differ between
/// the commit trees `old` (none: an empty tree) and `new`, in path order; `hospital` keeps
/// to one folder. A file differs when its blob or its mode does, as in `git diff`.
pub(super) fn snapshot_changes(
    reader: &TreeReader<'_>,
    old: Option<Oid>,
    new: Oid,
    hospital: Option<&str>,
) -> Result<Vec<FileChange>, Error> {
    let snapshots = |root: Option<Oid>| -> Result<Option<Oid>, Error> {
        let Some(root) = root else { return Ok(None) };
        let data = reader.read(root)?;
        find(data.data(), SNAPSHOTS_DIR.as_bytes())?
            .filter(Entry::is_tree)
            .map(|entry| entry.id())
            .transpose()
    };
    let (old, new) = (snapshots(old)?, snapshots(Some(new))?);
    let mut changes = Vec::new();
    if old == new {
        return Ok(changes);
    }
    let old = old.map(|id| reader.read_kept(id)).transpose()?;
    let new = new.map(|id| reader.read_kept(id)).transpose()?;
    let (old, new) = (
        old.as_deref().map(OdbObject::data),
        new.as_deref().map(OdbObject::data),
    );
    let folders = match hospital {
        None => differing(old, new, |e| e.is_tree())?,
        Some(name) => {
            let (before, after) = (folder(old, name)?, folder(new, name)?);
            if before == after {
                Vec::new()
            } else {
                vec![(before, after)]
            }
        }
    };
    for (before, after) in folders {
        let folder = before.or(after).map(|e| e.name).unwrap_or_default();
        let read = |entry: Option<Entry<'_>>| entry.map(|e| reader.read(e.id()?)).transpose();
        let (old_files, new_files) = (read(before)?, read(after)?);
        let files = differing(
            old_files.as_ref().map(OdbObject::data),
            new_files.as_ref().map(OdbObject::data),
            |e| e.is_blob(),
        )?;
        for (before, after) in files {
            let name = before.or(after).map(|e| e.name).unwrap_or_default();
            changes.push(FileChange {
                path: format!(
                    "{SNAPSHOTS_DIR}/{}/{}",
                    String::from_utf8_lossy(folder),
                    String::from_utf8_lossy(name)
                ),
                old: before.map(|e| e.id()).transpose()?,
                new: after.map(|e| e.id()).transpose()?,
            });
        }
    }
    Ok(changes)
}

/// The folder `name` of a tree's bytes, if it has one.
fn folder<'a>(tree: Option<&'a [u8]>, name: &str) -> Result<Option<Entry<'a>>, Error> {
    match tree {
        Some(tree) => Ok(find(tree, name.as_bytes())?.filter(Entry::is_tree)),
        None => Ok(None),
    }
}

/// The entries that pass `keep` and differ between two trees' bytes (either may be absent:
/// an empty tree), paired by name, in order: `(old, new)`, `None` on the side that lacks
/// the entry. Entries equal in mode and id are left out.
#[allow(clippy::type_complexity)]
fn differing<'a>(
    old: Option<&'a [u8]>,
    new: Option<&'a [u8]>,
    keep: impl Fn(&Entry<'a>) -> bool,
) -> Result<Vec<(Option<Entry<'a>>, Option<Entry<'a>>)>, Error> {
    let (mut old, mut new) = (old.unwrap_or_default(), new.unwrap_or_default());
    let mut out = Vec::new();
    loop {
        // Most entries of a large tree are the same on both sides, byte for byte: they are
        // passed over without being read.
        if let Some(len) = entry_len(old)
            && new.get(..len) == Some(&old[..len])
        {
            (old, new) = (&old[len..], &new[len..]);
            continue;
        }
        let a = (!old.is_empty()).then(|| first(old)).transpose()?;
        let b = (!new.is_empty()).then(|| first(new)).transpose()?;
        let order = match (&a, &b) {
            (None, None) => break,
            (Some((a, rest)), _) if !keep(a) => {
                old = rest;
                continue;
            }
            (_, Some((b, rest))) if !keep(b) => {
                new = rest;
                continue;
            }
            (Some((a, _)), Some((b, _))) => a.order(b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
        };
        let (a, b) = (a.filter(|_| order.is_le()), b.filter(|_| order.is_ge()));
        if let Some((_, rest)) = a {
            old = rest;
        }
        if let Some((_, rest)) = b {
            new = rest;
        }
        let (a, b) = (a.map(|(entry, _)| entry), b.map(|(entry, _)| entry));
        if a != b {
            out.push((a, b));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree object's bytes from `(mode, name, id byte)` entries, in the order given.
    fn tree(list: &[(&str, &str, u8)]) -> Vec<u8> {
        let mut data = Vec::new();
        for (mode, name, id) in list {
            data.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            data.extend_from_slice(&[*id; ID_LEN]);
        }
        data
    }

    fn names(pairs: &[(Option<Entry<'_>>, Option<Entry<'_>>)]) -> Vec<(String, String)> {
        let name = |entry: &Option<Entry<'_>>| {
            entry.map_or(String::from("-"), |e| {
                String::from_utf8_lossy(e.name).into_owned()
            })
        };
        pairs.iter().map(|(a, b)| (name(a), name(b))).collect()
    }

    /// Every entry of a tree's bytes, in order.
    fn entries(mut data: &[u8]) -> Result<Vec<Entry<'_>>, Error> {
        let mut read = Vec::new();
        while !data.is_empty() {
            let (entry, rest) = first(data)?;
            read.push(entry);
            data = rest;
        }
        Ok(read)
    }

    #[test]
    fn entries_read_back_what_was_written_and_a_cut_tree_is_an_error() {
        let data = tree(&[("100644", "报告.md", 1), ("40000", "诸城市人民医院", 2)]);
        let read = entries(&data).expect("entries");
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].name, "报告.md".as_bytes());
        assert!(read[0].is_blob() && read[1].is_tree());
        assert_eq!(
            read[1].id().expect("id"),
            Oid::from_bytes(&[2; 20]).expect("oid")
        );
        let cut = &data[..data.len() - 1];
        assert!(entries(cut).is_err());
        assert!(find(cut, "诸城市人民医院".as_bytes()).is_err());
    }

    #[test]
    fn a_folder_sorts_as_its_name_with_a_slash() {
        let entry = |mode, name: &'static str| Entry {
            mode,
            name: name.as_bytes(),
            raw_id: &[0; ID_LEN],
        };
        let folder = entry(b"40000".as_slice(), "a");
        // Git's order: `a-b` < `a.c` < `a/` (the folder) < `a0`, and the file `a` first.
        assert_eq!(entry(b"100644", "a-b").order(&folder), Ordering::Less);
        assert_eq!(entry(b"100644", "a.c").order(&folder), Ordering::Less);
        assert_eq!(entry(b"100644", "a0").order(&folder), Ordering::Greater);
        assert_eq!(entry(b"100644", "a").order(&folder), Ordering::Less);
        assert_eq!(folder.order(&entry(b"40000", "a")), Ordering::Equal);
    }

    #[test]
    fn differing_pairs_entries_by_name_and_leaves_out_equal_ones() {
        let old = tree(&[
            ("40000", "a", 1),
            ("40000", "b", 2),
            ("40000", "c", 3),
            ("100644", "d.md", 4),
        ]);
        let new = tree(&[
            ("40000", "a", 1),
            ("40000", "b", 9),
            ("100644", "d.md", 6),
            ("40000", "e", 5),
        ]);
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        let folders = differing(Some(&old), Some(&new), Entry::is_tree).expect("folders");
        assert_eq!(
            names(&folders),
            [pair("b", "b"), pair("c", "-"), pair("-", "e")]
        );
        let files = differing(None, Some(&new), Entry::is_blob).expect("files");
        assert_eq!(names(&files), [pair("-", "d.md")]);
        assert!(
            differing(Some(&old), Some(&old), |_| true)
                .expect("same")
                .is_empty()
        );
    }

    #[test]
    fn a_mode_change_alone_is_a_difference() {
        let old = tree(&[("100644", "a.md", 1)]);
        let new = tree(&[("100755", "a.md", 1)]);
        let files = differing(Some(&old), Some(&new), Entry::is_blob).expect("files");
        assert_eq!(names(&files), [("a.md".to_string(), "a.md".to_string())]);
    }

    /// Commits of a repository whose snapshot folders change in every way a walk must see:
    /// files added, changed, removed, a mode changed, folders added and removed, a name that
    /// sorts apart as a folder (`甲.1` before `甲/`), files outside `<hospital>/<file>`.
    fn history(repo: &git2::Repository) -> Vec<Oid> {
        let steps: &[&[(&str, Option<&str>)]] = &[
            &[
                ("reportdiff.toml", Some("")),
                ("snapshots/甲/一.md", Some("1")),
            ],
            &[
                ("snapshots/甲/二.md", Some("2")),
                ("snapshots/甲.1/一.md", Some("3")),
                ("snapshots/乙/深/一.md", Some("4")),
                ("snapshots/顶层.md", Some("5")),
            ],
            &[
                ("snapshots/甲/一.md", Some("6")),
                ("snapshots/甲.1/一.md", None),
            ],
            &[("raw/甲/一.txt", Some("7"))],
            &[("snapshots/甲/二.md", None), ("snapshots/甲/二.md", None)],
            &[
                ("snapshots/甲/一.md", None),
                ("snapshots/乙/一.md", Some("8")),
            ],
            &[("snapshots/甲/一.md", Some("1"))],
            // The same bytes, now executable.
            &[("snapshots/乙/一.md", Some("8"))],
        ];
        let signature = git2::Signature::now("t", "t@localhost").expect("signature");
        let mut index = git2::Index::new().expect("index");
        let mut commits = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            for (path, text) in *step {
                match text {
                    Some(text) => {
                        let id = repo.blob(text.as_bytes()).expect("blob");
                        let mode = if i == 7 { 0o100_755 } else { 0o100_644 };
                        let entry = git2::IndexEntry {
                            ctime: git2::IndexTime::new(0, 0),
                            mtime: git2::IndexTime::new(0, 0),
                            dev: 0,
                            ino: 0,
                            mode,
                            uid: 0,
                            gid: 0,
                            file_size: 1,
                            id,
                            flags: 0,
                            flags_extended: 0,
                            path: path.as_bytes().to_vec(),
                        };
                        index.add(&entry).expect("add");
                    }
                    None => {
                        let _ = index.remove_path(std::path::Path::new(path));
                    }
                }
            }
            let tree = repo
                .find_tree(index.write_tree_to(repo).expect("tree"))
                .expect("find tree");
            let parents: Vec<git2::Commit<'_>> = commits
                .last()
                .map(|&id| repo.find_commit(id).expect("parent"))
                .into_iter()
                .collect();
            let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
            let id = repo
                .commit(None, &signature, &signature, "step", &tree, &parents)
                .expect("commit");
            commits.push(id);
        }
        commits
    }

    /// What libgit2's own diff finds, limited as `snapshot_changes` is.
    fn git_changes(
        repo: &git2::Repository,
        old: Option<Oid>,
        new: Oid,
        hospital: Option<&str>,
    ) -> Vec<FileChange> {
        let tree = |id: Oid| repo.find_tree(id).expect("tree");
        let mut options = git2::DiffOptions::new();
        options.pathspec(match hospital {
            Some(name) => format!("{SNAPSHOTS_DIR}/{name}/"),
            None => SNAPSHOTS_DIR.to_string(),
        });
        let diff = repo
            .diff_tree_to_tree(old.map(tree).as_ref(), Some(&tree(new)), Some(&mut options))
            .expect("diff");
        let side = |file: git2::DiffFile<'_>| (!file.id().is_zero()).then(|| file.id());
        diff.deltas()
            .filter_map(|delta| {
                let path = delta.new_file().path().or(delta.old_file().path())?;
                let path = path.to_str()?.to_string();
                super::super::ReportPath::from_snapshot_path(&path)?;
                Some(FileChange {
                    path,
                    old: side(delta.old_file()),
                    new: side(delta.new_file()),
                })
            })
            .collect()
    }

    #[test]
    fn a_walk_finds_what_git_diff_finds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = git2::Repository::init_bare(dir.path()).expect("init");
        let commits = history(&repo);
        let odb = repo.odb().expect("odb");
        let reader = TreeReader::new(&odb);
        let root = |id: Oid| repo.find_commit(id).expect("commit").tree_id();
        for file in [
            "snapshots/甲/一.md",
            "snapshots/甲.1/一.md",
            "snapshots/乙/深/一.md",
        ] {
            let mut resolver = PathResolver::new(file);
            for &commit in commits.iter().rev() {
                let expected = repo
                    .find_commit(commit)
                    .and_then(|c| c.tree())
                    .and_then(|t| t.get_path(std::path::Path::new(file)))
                    .ok()
                    .filter(|e| e.kind() == Some(ObjectType::Blob))
                    .map(|e| e.id());
                let found = resolver.blob(&reader, root(commit)).expect("blob");
                assert_eq!(found, expected, "{file}");
            }
        }
        let mut seen = 0;
        for hospital in [None, Some("甲"), Some("乙"), Some("丙")] {
            let mut parent = None;
            for &commit in &commits {
                let found =
                    snapshot_changes(&reader, parent, root(commit), hospital).expect("changes");
                let expected = git_changes(&repo, parent, root(commit), hospital);
                assert_eq!(found, expected, "{hospital:?}");
                seen += found.len();
                parent = Some(root(commit));
            }
        }
        // Every scope together: ten changes of the store, six of 甲, two of 乙.
        assert_eq!(seen, 18);
    }
}
