//! The import check: every `crate::` path in the library follows the layers that
//! ARCHITECTURE.md draws, and no two files of one module import each other in a circle.
//!
//! The layers are read from the `layers` block of ARCHITECTURE.md, so the picture and the
//! check cannot drift apart: a module may use modules on earlier lines only, never one on its
//! own line or a later one. The binary's `cli/` and `main.rs` sit above every layer.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first: each line of ARCHITECTURE.md's `layers` block, split on spaces
/// (a `#` starts a comment).
fn layers() -> Vec<Vec<String>> {
    let doc = fs::read_to_string("ARCHITECTURE.md").expect("ARCHITECTURE.md is readable");
    let block = doc
        .split("```layers\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("ARCHITECTURE.md has a ```layers block");
    block
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default())
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split_whitespace().map(str::to_owned).collect())
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("a readable directory")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The path of a file below `src/`, as components without `.rs` (`align/inline`).
fn components(path: &Path) -> Vec<String> {
    path.strip_prefix("src")
        .expect("under src/")
        .components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_owned()
        })
        .collect()
}

/// The code of a file without its comments (line comments, doc comments, block comments) and
/// without string literals, so that a path in prose or in test data is not an import.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if !escaped && c == '"' {
                        break;
                    }
                    escaped = !escaped && c == '\\';
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The first segment of every path that follows `prefix` (`crate::`, `super::`), reading
/// `prefix{a, b::c}` groups as `a` and `b`.
fn heads_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices(prefix) {
        if code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| is_ident(c) || c == '$' || c == ':')
        {
            continue; // `$crate::`, `other_crate::`, `a::super::`
        }
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            let mut items = Vec::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                    _ if depth == 0 => item.push(c),
                    _ => {}
                }
            }
            items.push(item);
            for item in items {
                let head: String = item.trim().chars().take_while(|&c| is_ident(c)).collect();
                if !head.is_empty() {
                    found.insert(head);
                }
            }
        } else {
            let head: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !head.is_empty() {
                found.insert(head);
            }
        }
    }
    found
}

/// The library's files: every `.rs` file under `src/` but the binary's (`main.rs`, `cli/`).
fn library_files() -> Vec<(Vec<String>, String)> {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files
        .into_iter()
        .map(|path| (components(&path), path))
        .filter(|(parts, _)| parts[0] != "main" && parts[0] != "cli")
        .map(|(parts, path)| (parts, code_of(&fs::read_to_string(path).expect("readable"))))
        .collect()
}

#[test]
fn every_import_goes_down_the_layers() {
    let layers = layers();
    let rank: BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .flat_map(|(i, line)| line.iter().map(move |m| (m.as_str(), i)))
        .collect();
    let mut broken = Vec::new();
    for (parts, code) in library_files() {
        let module = parts[0].as_str();
        if module == "lib" {
            continue;
        }
        let Some(&own) = rank.get(module) else {
            broken.push(format!("src/{module}: not in ARCHITECTURE.md's layers"));
            continue;
        };
        for used in heads_after(&code, "crate::") {
            if used == module {
                continue;
            }
            match rank.get(used.as_str()) {
                Some(&theirs) if theirs < own => {}
                Some(_) => broken.push(format!(
                    "src/{}.rs uses crate::{used}, which is not below {module}",
                    parts.join("/")
                )),
                None => broken.push(format!(
                    "src/{}.rs uses crate::{used}, which is not in the layers",
                    parts.join("/")
                )),
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the layers:\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_library_module_is_in_the_layers() {
    let named: BTreeSet<String> = layers().into_iter().flatten().collect();
    let modules: BTreeSet<String> = library_files()
        .into_iter()
        .map(|(parts, _)| parts[0].clone())
        .filter(|m| m != "lib")
        .collect();
    let missing: Vec<_> = modules.difference(&named).collect();
    let stale: Vec<_> = named.difference(&modules).collect();
    assert!(
        missing.is_empty(),
        "modules missing from the layers: {missing:?}"
    );
    assert!(stale.is_empty(), "layers naming no module: {stale:?}");
}

/// Within one module directory, the files beside `mod.rs` may use each other only one way: a
/// circle between two steps of a module means they are one step, or share a third file.
#[test]
fn no_two_files_of_a_module_use_each_other_in_a_circle() {
    let files = library_files();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let siblings: BTreeSet<Vec<String>> = files
        .iter()
        .filter(|(parts, _)| parts.len() >= 2 && parts.last().is_some_and(|p| p != "mod"))
        .map(|(parts, _)| parts.clone())
        .collect();
    for (parts, code) in &files {
        if !siblings.contains(parts) {
            continue;
        }
        let dir = &parts[..parts.len() - 1];
        let absolute = format!("crate::{}::", dir.join("::"));
        let used = heads_after(code, "super::")
            .into_iter()
            .chain(heads_after(code, &absolute));
        for name in used {
            let mut other = dir.to_vec();
            other.push(name);
            if &other != parts && siblings.contains(&other) {
                edges.entry(parts.clone()).or_default().insert(other);
            }
        }
    }
    let mut circles = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            if reaches(&edges, to, from, &mut BTreeSet::new()) && from < to {
                circles.push(format!(
                    "src/{}.rs <-> src/{}.rs",
                    from.join("/"),
                    to.join("/")
                ));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "files that use each other:\n{}",
        circles.join("\n")
    );
}

fn reaches(
    edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    from: &Vec<String>,
    to: &Vec<String>,
    seen: &mut BTreeSet<Vec<String>>,
) -> bool {
    if from == to {
        return true;
    }
    if !seen.insert(from.clone()) {
        return false;
    }
    edges
        .get(from)
        .is_some_and(|next| next.iter().any(|n| reaches(edges, n, to, seen)))
}

#[test]
fn the_reader_sees_groups_and_skips_prose() {
    let code = code_of(
        "use crate::{align, render::{self, Format}};\n// crate::store is only named here\nlet s = \"crate::review\";\nuse super::{walk, score::Stats};",
    );
    assert_eq!(
        heads_after(&code, "crate::"),
        BTreeSet::from(["align".to_owned(), "render".to_owned()])
    );
    assert_eq!(
        heads_after(&code, "super::"),
        BTreeSet::from(["score".to_owned(), "walk".to_owned()])
    );
}
