//! `reportdiff normalize`: print a report as a snapshot.

use anyhow::Result;
use clap::{Args, ValueEnum};

use reportdiff::pipeline::{ReadOptions, Reading};
use reportdiff::render::{self, RenderOptions};

use super::{Ctx, SAME, input};

/// Arguments of `reportdiff normalize`.
#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// The report: a path, `-` for standard input, or a REF (HOSPITAL/REPORT[@REV]).
    #[arg(default_value = "-")]
    input: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,
    /// The hospital the report is about, overriding what is read from the text.
    #[arg(long, value_name = "NAME")]
    hospital: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Also `markdown`, as `diff` names it.
    #[value(alias = "markdown")]
    Md,
    Json,
}

/// Runs `reportdiff normalize`.
pub fn run(args: &NormalizeArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let options = ReadOptions {
        hospital: args.hospital.clone(),
        ..ReadOptions::default()
    };
    let loaded = input::load(&args.input, &options, ctx)?;
    let format = match args.format {
        Format::Md => render::Format::Markdown,
        Format::Json => render::Format::Json,
    };
    match loaded.provenance {
        Some(provenance) => {
            let reading = Reading {
                snapshot: loaded.snapshot,
                provenance,
                replaced: 0,
            };
            render::write(ctx.stdout, &reading, format, &RenderOptions::default())?;
        }
        None => render::write(
            ctx.stdout,
            &loaded.snapshot,
            format,
            &RenderOptions::default(),
        )?,
    }
    Ok(SAME)
}
