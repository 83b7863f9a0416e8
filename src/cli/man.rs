//! `reportdiff man`: the manual page (roff), generated from the command line's own
//! definition: `reportdiff man > reportdiff.1 && man ./reportdiff.1`.

use anyhow::Result;
use clap::{Args, CommandFactory};

use super::{Cli, Ctx, SAME, exit_code};

/// Arguments of `reportdiff man`.
#[derive(Debug, Args)]
pub struct ManArgs {}

/// Runs `reportdiff man`.
pub fn run(_: &ManArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    exit_code::after_writing(ctx.stdout.write_all(&page), SAME)
}
