//! `reportdiff metrics`: list the figures of a report.

use anyhow::Result;
use clap::{Args, ValueEnum};

use reportdiff::metrics;
use reportdiff::pipeline::ReadOptions;
use reportdiff::render::{self, RenderOptions};

use super::{Ctx, SAME, input, store_select};

/// Arguments of `reportdiff metrics`.
#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// The report: a path, `-` for standard input, or a REF (HOSPITAL/REPORT[@REV]).
    #[arg(default_value = "-")]
    input: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
}

/// Runs `reportdiff metrics`.
pub fn run(args: &MetricsArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let loaded = input::load(&args.input, &ReadOptions::default(), ctx)?;
    let lexicon = store_select::lexicon(ctx)?;
    let metrics = metrics::extract(&loaded.snapshot, &lexicon);
    let format = match args.format {
        Format::Table => render::Format::Term,
        Format::Json => render::Format::Json,
        Format::Csv => render::Format::Csv,
    };
    render::write(ctx.stdout, &metrics[..], format, &RenderOptions::default())?;
    Ok(SAME)
}
