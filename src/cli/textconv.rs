//! `reportdiff textconv FILE`: the snapshot text of any input, for git's
//! `diff.<driver>.textconv`, so that `git diff` and `git log -p` on raw reports show clean
//! sentences, one per line.
//!
//! A file that does not read as a report (binary, an encoding we do not know, a page with no
//! article) is printed unchanged and the exit status is 0: git stops the whole `git log -p`
//! at the first textconv that fails, and one odd version in a long history must not hide all
//! the others. Only a file that cannot be read at all is an error (exit 2).

use anyhow::{Context, Result};
use clap::Args;

use reportdiff::pipeline::{self, ReadOptions};

use super::{Ctx, SAME, input};

/// Arguments of `reportdiff textconv`.
#[derive(Debug, Args)]
pub struct TextconvArgs {
    /// The file git hands over (a path, or `-` for standard input).
    file: String,
}

/// Runs `reportdiff textconv`.
pub fn run(args: &TextconvArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let (_, bytes) = input::read_raw(&args.file, ctx)?;
    let text = match pipeline::read_report(&bytes, &ReadOptions::default()) {
        Ok(snapshot) => snapshot.to_markdown().into_bytes(),
        Err(_) => bytes,
    };
    ctx.stdout
        .write_all(&text)
        .context("cannot write the snapshot")?;
    Ok(SAME)
}
