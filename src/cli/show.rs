//! `reportdiff show`: print one stored version of a report.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use reportdiff::render::{self, RenderOptions};
use reportdiff::store::ReportRef;

use super::{Ctx, SAME, store_select};

/// Arguments of `reportdiff show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The version: HOSPITAL/REPORT, optionally @REV, @~N or @{YYYY-MM-DD}; or a HOSPITAL,
    /// to list its reports.
    #[arg(value_name = "REF|HOSPITAL")]
    reference: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Also `markdown`, as `diff` names it.
    #[value(alias = "markdown")]
    Md,
    Json,
}

/// Runs `reportdiff show`.
pub fn run(args: &ShowArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let hospital = args.reference.trim_end_matches('/');
    if !hospital.contains('/') && !hospital.contains('@') {
        let store = store_select::open(ctx)?;
        let reports = store.reports_of(hospital)?;
        for path in reports {
            writeln!(ctx.stdout, "{path}")?;
        }
        return Ok(SAME);
    }
    let reference = ReportRef::parse(&args.reference)?;
    let store = store_select::open(ctx)?;
    let stored = store
        .read(&reference)
        .with_context(|| args.reference.clone())?;
    match args.format {
        // The stored file itself, byte for byte, not the snapshot written anew.
        Format::Md => ctx.stdout.write_all(&stored.bytes)?,
        Format::Json => render::write(
            ctx.stdout,
            &stored.snapshot,
            render::Format::Json,
            &RenderOptions::default(),
        )?,
    }
    Ok(SAME)
}
