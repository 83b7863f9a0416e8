//! `reportdiff review`: every report changed between two revisions, under one summary — in
//! the terminal, as Markdown or JSON, or as GitHub annotations plus a job summary.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use reportdiff::changes::DiffOptions;
use reportdiff::render::review::markdown as review_markdown;
use reportdiff::render::{self, RenderOptions};
use reportdiff::review::{self, FailOn, PathFilter, ReviewOptions, github, range};
use reportdiff::store::changes::Revisions;

use super::{Ctx, DIFFERENT, MIN_WIDTH, SAME};

/// Arguments of `reportdiff review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The old side: the merge base of REV and the head (default: of the default branch,
    /// the first of origin/HEAD, main, master, origin/main, origin/master).
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// The new side (default: HEAD). Uncommitted work is not reviewed.
    #[arg(long, value_name = "REV")]
    head: Option<String>,
    /// Output format; `github` prints workflow annotations and appends the Markdown summary
    /// to $GITHUB_STEP_SUMMARY.
    #[arg(long, value_enum, default_value_t = Format::Term)]
    format: Format,
    /// When to exit 1: any report changed, any figure changed, or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = FailOnArg::Any)]
    fail_on: FailOnArg,
    /// Review only reports whose name (HOSPITAL/REPORT) or file path matches GLOB
    /// (repeatable; `*` stops at `/`, `**` crosses it).
    #[arg(long = "paths", value_name = "GLOB")]
    paths: Vec<String>,
    /// Unchanged sentences shown around each change (term).
    #[arg(long, value_name = "N", default_value_t = 1)]
    context: usize,
    /// Wrap terminal output at this many columns.
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(MIN_WIDTH as i64..))]
    width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Term,
    Markdown,
    Json,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOnArg {
    Any,
    Figures,
    None,
}

/// Runs `reportdiff review`.
pub fn run(args: &ReviewArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let revisions = match &ctx.store {
        Some(dir) => Revisions::open(&ctx.cwd.join(dir)),
        None => Revisions::discover(&ctx.cwd),
    }
    .context("cannot review")?;
    let range = range::choose(&revisions, args.base.as_deref(), args.head.as_deref())
        .context("cannot review")?;
    let options = ReviewOptions {
        diff: DiffOptions::default(),
        paths: PathFilter::new(&args.paths).context("--paths")?,
    };
    let review = review::review(&revisions, range, &options).context("cannot review")?;
    let fail_on = match args.fail_on {
        FailOnArg::Any => FailOn::Any,
        FailOnArg::Figures => FailOn::Figures,
        FailOnArg::None => FailOn::Never,
    };
    let code = if review.flags(fail_on) {
        DIFFERENT
    } else {
        SAME
    };
    let format = match args.format {
        Format::Term => render::Format::Term,
        Format::Markdown => render::Format::Markdown,
        Format::Json => render::Format::Json,
        Format::Github => {
            for annotation in github::annotations(&review) {
                writeln!(ctx.stdout, "{annotation}").context("cannot write the review")?;
            }
            if let Some(path) = &ctx.step_summary {
                append_step_summary(path, &review)?;
            }
            return Ok(code);
        }
    };
    let options = RenderOptions {
        color: ctx.color,
        context: args.context,
        width: ctx.width(args.width),
    };
    render::write(ctx.stdout, &review, format, &options).context("cannot write the review")?;
    Ok(code)
}

/// Appends the Markdown summary to the job-summary file, within what room GitHub's limit
/// leaves after the earlier steps' text.
fn append_step_summary(path: &Path, review: &review::Review) -> Result<()> {
    let what = || format!("GITHUB_STEP_SUMMARY {}: cannot append", path.display());
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(what)?;
    let used = file.metadata().with_context(what)?.len();
    let text = review_markdown::step_summary(review, usize::try_from(used).unwrap_or(usize::MAX));
    file.write_all(text.as_bytes()).with_context(what)
}
