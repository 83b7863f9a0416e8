//! `reportdiff init`: create a store, or adopt an existing repository as one.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use reportdiff::store::{Initialized, Store};

use super::{Ctx, SAME, store_select};

/// Arguments of `reportdiff init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where the store goes (created if missing); default: the current directory.
    dir: Option<PathBuf>,
    /// Create a bare repository (no work tree), as a server-side store.
    #[arg(long)]
    bare: bool,
}

/// Runs `reportdiff init`.
pub fn run(args: &InitArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let dir = match &args.dir {
        Some(dir) => ctx.cwd.join(dir),
        None => ctx.cwd.clone(),
    };
    let shown = args
        .dir
        .as_ref()
        .map_or_else(|| ".".to_string(), |d| d.display().to_string());
    let identity = Store::identity_at(&dir).or_else(Store::global_identity);
    let info = store_select::commit_info(ctx, identity, None)?;
    let (_, outcome) =
        Store::init(&dir, args.bare, &info).with_context(|| format!("cannot init {shown}"))?;
    let line = match outcome {
        Initialized::Created => format!("created store in {shown}"),
        Initialized::Adopted => format!("adopted repository {shown} as a store"),
        Initialized::AlreadyAStore => format!("{shown} is already a store; nothing changed"),
    };
    writeln!(ctx.stdout, "{line}")?;
    Ok(SAME)
}
