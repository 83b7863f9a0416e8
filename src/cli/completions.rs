//! `reportdiff completions SHELL`: a completion script for the shell, generated from the
//! command line's own definition so that it never falls behind it.

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Ctx, SAME, exit_code};

/// Arguments of `reportdiff completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    shell: Shell,
}

/// Runs `reportdiff completions`.
pub fn run(args: &CompletionsArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "reportdiff", &mut script);
    exit_code::after_writing(ctx.stdout.write_all(&script), SAME)
}
