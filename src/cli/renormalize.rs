//! `reportdiff renormalize`: re-derive every stored snapshot from its raw input with the
//! current rules, in one commit that `log` marks as a rule change.

use anyhow::{Context, Result};
use clap::Args;

use reportdiff::record;

use super::{Ctx, SAME, TROUBLE, store_select};

/// Arguments of `reportdiff renormalize`.
#[derive(Debug, Args)]
pub struct RenormalizeArgs {
    /// The commit message, instead of one that counts the snapshots.
    #[arg(long, short = 'm', value_name = "TEXT")]
    message: Option<String>,
}

/// Runs `reportdiff renormalize`.
pub fn run(args: &RenormalizeArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let store = store_select::open(ctx)?;
    let info = store_select::commit_info(ctx, store.configured_identity(), args.message.clone())?;
    let outcome = record::renormalize(&store, &info).context("renormalize")?;
    for path in &outcome.changed {
        writeln!(ctx.stdout, "renormalized {path}")?;
    }
    for path in &outcome.without_raw {
        writeln!(ctx.stdout, "no raw input, kept {path}")?;
    }
    for (path, reason) in &outcome.failed {
        let reason = reportdiff::one_line::one_line(reason);
        writeln!(ctx.stdout, "cannot re-read {path}: {reason}")?;
    }
    match &outcome.commit {
        Some(commit) => writeln!(ctx.stdout, "committed {commit}")?,
        None => writeln!(
            ctx.stdout,
            "nothing to commit: {} the current rules",
            match outcome.unchanged {
                1 => "1 snapshot matches".to_string(),
                n => format!("{n} snapshots match"),
            }
        )?,
    }
    Ok(if outcome.failed.is_empty() {
        SAME
    } else {
        TROUBLE
    })
}
