//! `reportdiff git-diff`: git's external diff driver (`GIT_EXTERNAL_DIFF`, or
//! `diff.<driver>.command` for the files `.gitattributes` gives that driver). Git calls it
//! once per changed file with seven arguments, nine for a rename:
//!
//! ```text
//! PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE [NEW-PATH RENAME-HEADER]
//! ```
//!
//! and with PATH alone for an unmerged file. A missing side is `/dev/null`. It prints the
//! sentence diff and exits 0 whether or not the reports differ: git takes any other status
//! (unless `diff.trustExitCode` is set) as the driver dying, and stops the whole diff. So a
//! file that does not read as a report gets one line saying so, not an error; only a file
//! that cannot be read at all, or a call git would never make, exits 2.

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;

use reportdiff::changes::{DiffOptions, Side};
use reportdiff::diff;
use reportdiff::metrics::Lexicon;
use reportdiff::pipeline::{self, ReadError, ReadOptions};
use reportdiff::render::{self, RenderOptions};
use reportdiff::snapshot::Snapshot;

use super::{Ctx, SAME};

/// What git calls a missing side.
const DEV_NULL: &str = "/dev/null";

/// Arguments of `reportdiff git-diff`: git's, as it passes them.
#[derive(Debug, Args)]
pub struct GitDiffArgs {
    /// PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE [NEW-PATH RENAME-HEADER]
    #[arg(value_name = "ARG", num_args = 1.., allow_hyphen_values = true, required = true)]
    args: Vec<OsString>,
}

/// One call from git.
#[derive(Debug, PartialEq, Eq)]
enum Call {
    /// A file with merge conflicts: git passes only its path.
    Unmerged(String),
    /// Two versions of a file.
    Diff {
        /// The path in the repository (the old one for a rename).
        path: String,
        /// The path after a rename.
        new_path: Option<String>,
        /// The old version's file, `None` when the file was added.
        old: Option<PathBuf>,
        /// The new version's file, `None` when the file was deleted.
        new: Option<PathBuf>,
    },
}

/// Runs `reportdiff git-diff`.
pub fn run(args: &GitDiffArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let (path, new_path, old, new) = match parse(&args.args)? {
        Call::Unmerged(path) => {
            writeln!(ctx.stdout, "* Unmerged path {path}")?;
            return Ok(SAME);
        }
        Call::Diff {
            path,
            new_path,
            old,
            new,
        } => (path, new_path, old, new),
    };
    let shown_new = new_path.clone().unwrap_or_else(|| path.clone());
    if let Some(new_path) = &new_path {
        writeln!(ctx.stdout, "renamed {path} → {new_path}")?;
    }
    let old = match read_side(old, &path)? {
        Ok(side) => side,
        Err(note) => return not_a_report(ctx, &path, &note),
    };
    let new = match read_side(new, &shown_new)? {
        Ok(side) => side,
        Err(note) => return not_a_report(ctx, &shown_new, &note),
    };
    let result = diff::diff(old, new, &Lexicon::builtin(), &DiffOptions::default());
    if !result.has_changes() {
        writeln!(
            ctx.stdout,
            "{shown_new}: no sentence or figure changes (punctuation, spacing or front matter only)"
        )?;
        return Ok(SAME);
    }
    let options = RenderOptions {
        color: ctx.color,
        context: 1,
        width: ctx.width(None),
    };
    render::write(ctx.stdout, &result, render::Format::Term, &options)
        .context("cannot write the diff")?;
    Ok(SAME)
}

/// Reads git's arguments: PATH alone, seven, or nine.
fn parse(args: &[OsString]) -> Result<Call> {
    let text = |i: usize| args[i].to_string_lossy().into_owned();
    let file = |i: usize| (args[i] != DEV_NULL).then(|| PathBuf::from(&args[i]));
    match args.len() {
        1 => Ok(Call::Unmerged(text(0))),
        7 | 9 => Ok(Call::Diff {
            path: text(0),
            new_path: (args.len() == 9).then(|| text(7)),
            old: file(1),
            new: file(4),
        }),
        n => bail!(
            "git-diff takes git's 7 arguments (9 for a rename), got {n}: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE; set it as diff.reportdiff.command or GIT_EXTERNAL_DIFF"
        ),
    }
}

/// One side: an empty report for `/dev/null` (or an empty file), the report the file reads
/// as, or (inner `Err`) why it is no report.
fn read_side(file: Option<PathBuf>, path: &str) -> Result<Result<Side, String>> {
    let absent = |label: &str| Side {
        label: label.to_string(),
        revision: None,
        snapshot: Snapshot::default(),
    };
    let Some(file) = file else {
        return Ok(Ok(absent(DEV_NULL)));
    };
    let bytes =
        std::fs::read(&file).with_context(|| format!("{path}: cannot read {}", file.display()))?;
    Ok(
        match pipeline::read_report(&bytes, &ReadOptions::default()) {
            Ok(snapshot) => Ok(Side {
                label: path.to_string(),
                revision: None,
                snapshot,
            }),
            Err(ReadError::Empty) => Ok(absent(path)),
            Err(e) => Err(e.to_string()),
        },
    )
}

fn not_a_report(ctx: &mut Ctx<'_>, path: &str, why: &str) -> Result<i32> {
    let why = why.split_whitespace().collect::<Vec<_>>().join(" ");
    writeln!(
        ctx.stdout,
        "{path}: not a report ({why}); `git diff --no-ext-diff -- {path}` shows it"
    )?;
    Ok(SAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn seven_arguments_are_a_change_and_dev_null_a_missing_side() {
        let call = parse(&args(&[
            "snapshots/诸城市人民医院/年报.md",
            "/dev/null",
            ".",
            ".",
            "/tmp/新版.md",
            "1a2b3c4d",
            "100644",
        ]))
        .expect("a call");
        assert_eq!(
            call,
            Call::Diff {
                path: "snapshots/诸城市人民医院/年报.md".to_string(),
                new_path: None,
                old: None,
                new: Some(PathBuf::from("/tmp/新版.md")),
            }
        );
    }

    #[test]
    fn nine_arguments_are_a_rename() {
        let call = parse(&args(&[
            "raw/医院/旧名.html",
            "/tmp/旧.html",
            "1a2b3c4d",
            "100644",
            "raw/医院/新名.html",
            "5e6f7a8b",
            "100644",
            "raw/医院/新名.html",
            "similarity index 90%\nrename from raw/医院/旧名.html\nrename to raw/医院/新名.html\n",
        ]))
        .expect("a call");
        let Call::Diff { new_path, old, .. } = call else {
            panic!("a diff");
        };
        assert_eq!(new_path.as_deref(), Some("raw/医院/新名.html"));
        assert_eq!(old, Some(PathBuf::from("/tmp/旧.html")));
    }

    #[test]
    fn one_argument_is_an_unmerged_path_and_other_counts_are_errors() {
        assert_eq!(
            parse(&args(&["snapshots/医院/报告.md"])).expect("a call"),
            Call::Unmerged("snapshots/医院/报告.md".to_string())
        );
        let error = parse(&args(&["a", "b", "c"])).expect_err("three arguments");
        assert!(error.to_string().contains("got 3"), "{error}");
    }
}
