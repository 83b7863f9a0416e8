//! `reportdiff ingest`: normalize reports and store them as new versions, in one commit.

use std::path::Path;

use anyhow::{Context, Result, bail};
use clap::Args;

use reportdiff::diff;
use reportdiff::metrics::Lexicon;
use reportdiff::pipeline::ReadOptions;
use reportdiff::record::{self, Input, Matched, Report, ReportOutcome, Status};
use reportdiff::render::wording::{counted, version_counts};

use super::{Ctx, SAME, input, store_select};

/// Arguments of `reportdiff ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// The reports: paths, or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
    /// The hospital the reports are about, overriding what is read from the text.
    #[arg(long, value_name = "NAME")]
    hospital: Option<String>,
    /// The report id; default: the title, else the URL, else the file name, unless the input
    /// is a new version of a stored report of its hospital. With several inputs, each must
    /// land on its own path (inputs of different hospitals).
    #[arg(long, value_name = "ID", conflicts_with = "new_report")]
    report: Option<String>,
    /// Store each input under its own id even when it looks like a new version of a stored
    /// report (same URL, or most sentences alike).
    #[arg(long)]
    new_report: bool,
    /// Where the report was read from (one input only); recorded in the snapshot and as a
    /// `Source-Url:` trailer.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// The commit message, instead of one that names the reports.
    #[arg(long, short = 'm', value_name = "TEXT")]
    message: Option<String>,
    /// Do not keep the raw input under raw/ (`renormalize` cannot re-derive such snapshots).
    #[arg(long)]
    no_raw: bool,
    /// Say where each report would be stored and whether it would be new, updated or
    /// unchanged; write nothing.
    #[arg(long, short = 'n')]
    dry_run: bool,
}

/// Runs `reportdiff ingest`.
pub fn run(args: &IngestArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    // --report with several inputs is fine while they land on different paths (one report
    // of several hospitals); two that would collide are refused by the record step, before
    // anything is written.
    if args.inputs.len() > 1 && args.url.is_some() {
        bail!("--url belongs to one report; pass one INPUT with it");
    }
    let store = store_select::open(ctx)?;
    let options = ReadOptions {
        hospital: args.hospital.clone(),
        url: args.url.clone(),
    };
    let mut reports = Vec::with_capacity(args.inputs.len());
    for spec in &args.inputs {
        reports.push(read(spec, &options, args, ctx)?);
    }
    let lexicon = store_select::lexicon_of(&store);
    if args.dry_run {
        let outcomes = record::preview(&store, &reports).context("cannot ingest")?;
        report_outcomes(&outcomes, true, &lexicon, ctx)?;
        writeln!(ctx.stdout, "dry run: nothing written")?;
        return Ok(SAME);
    }
    let info = store_select::commit_info(ctx, store.configured_identity(), args.message.clone())?;
    let outcome =
        record::commit(&store, &reports, &info, Some(info.when)).context("cannot ingest")?;
    report_outcomes(&outcome.reports, false, &lexicon, ctx)?;
    match &outcome.commit {
        Some(commit) => writeln!(ctx.stdout, "committed {commit}")?,
        None => writeln!(
            ctx.stdout,
            "nothing to commit: {} unchanged",
            counted(outcome.reports.len(), "report")
        )?,
    }
    Ok(SAME)
}

/// One line per report on stdout (`new`, `updated … (counts)`, `unchanged`; `would add`,
/// `would update` in a dry run), and a note on stderr for each stored under another report.
fn report_outcomes(
    outcomes: &[ReportOutcome],
    dry_run: bool,
    lexicon: &Lexicon,
    ctx: &mut Ctx<'_>,
) -> Result<()> {
    for report in outcomes {
        if let Some(matched) = &report.matched {
            let why = match matched {
                Matched::Url => "was read from the same URL as".to_string(),
                Matched::Content(alike) => format!(
                    "shares {:.0}% of its sentences with",
                    (alike * 100.0).floor()
                ),
            };
            writeln!(
                ctx.stderr,
                "note: {} {why} {}, so it {} a new version of it; pass --new-report to store it apart",
                report.label,
                report.path,
                if dry_run { "would be" } else { "is stored as" }
            )?;
        }
        let (new, updated) = if dry_run {
            ("would add", "would update")
        } else {
            ("new", "updated")
        };
        match &report.status {
            Status::New => writeln!(ctx.stdout, "{new} {}", report.path)?,
            Status::Unchanged => writeln!(ctx.stdout, "unchanged {}", report.path)?,
            Status::Updated(old) => {
                let counts = old
                    .as_ref()
                    .map(|old| version_counts(&diff::count_changes(old, &report.snapshot, lexicon)))
                    .unwrap_or_else(|| "replaced an unreadable version".to_string());
                writeln!(ctx.stdout, "{updated} {} ({counts})", report.path)?;
            }
        }
    }
    Ok(())
}

/// Reads one INPUT into a report to store, with its raw bytes unless `--no-raw`.
fn read(spec: &str, options: &ReadOptions, args: &IngestArgs, ctx: &mut Ctx<'_>) -> Result<Report> {
    let (label, bytes) = input::read_raw(spec, ctx)?;
    // A fetched page is named by its address (or its title), never by the last part of the
    // URL's path, and is kept as the HTML it is.
    let fetched = input::is_url(spec) && !ctx.cwd.join(spec).exists();
    if fetched {
        return Ok(record::read(Input {
            label,
            bytes,
            options: input::options_for(spec, options),
            report: args.report.clone(),
            fallback_id: None,
            raw_ext: (!args.no_raw).then(|| "html".to_string()),
            new_report: args.new_report,
        })?);
    }
    let file = (spec != "-").then(|| Path::new(spec));
    let fallback_id = file
        .and_then(Path::file_stem)
        .map(|stem| stem.to_string_lossy().into_owned());
    let ext = file
        .and_then(Path::extension)
        .map_or_else(|| "txt".to_string(), |e| e.to_string_lossy().into_owned());
    Ok(record::read(Input {
        label,
        bytes,
        options: options.clone(),
        report: args.report.clone(),
        fallback_id,
        raw_ext: (!args.no_raw).then_some(ext),
        new_report: args.new_report,
    })?)
}
