//! `reportdiff compare`: the reports of several hospitals side by side, named one by one
//! (paths, `-`, REFs) or all at once from the store (`--all`).

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use rayon::prelude::*;
use reportdiff::compare::{self, CompareOptions, Period, Report, period};
use reportdiff::metrics::Lexicon;
use reportdiff::pipeline::ReadOptions;
use reportdiff::render::{self, RenderOptions};
use reportdiff::snapshot::Snapshot;
use reportdiff::store::{At, ReportRef, Store};

use super::{Ctx, MIN_WIDTH, SAME, exit_code, input, store_select};

/// Arguments of `reportdiff compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The reports, one per hospital: paths, `-` for standard input, or REFs
    /// (HOSPITAL/REPORT[@REV]); at least two.
    #[arg(value_name = "INPUT|REF")]
    inputs: Vec<String>,
    /// Every hospital in the store: each one's latest report, or the one covering --period.
    #[arg(long, conflicts_with = "inputs")]
    all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Term)]
    format: Format,
    /// Only these measures: metric keys, comma-separated (a key also matches the keys it
    /// is the stem of: `key_specialties` matches `key_specialties.city`).
    #[arg(long, value_name = "KEY,...", value_delimiter = ',')]
    keys: Vec<String>,
    /// Only figures of this year; with --all, each hospital's report that covers it.
    #[arg(long, value_name = "YEAR")]
    period: Option<String>,
    /// Wrap terminal output at this many columns (default: the terminal's width).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(MIN_WIDTH as i64..))]
    width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Term,
    Json,
    /// Also `md`, as the other commands name it.
    #[value(alias = "md")]
    Markdown,
    Html,
    Csv,
}

/// Runs `reportdiff compare`.
pub fn run(args: &CompareArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let period = args.period.as_deref().map(Period::parse).transpose()?;
    let keys: Vec<String> = args
        .keys
        .iter()
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    let reports = if args.all {
        all_reports(period.as_ref(), ctx)?
    } else {
        named_reports(&args.inputs, ctx)?
    };
    let aliases = store_select::optional(ctx)?
        .map(|store| {
            store
                .config()
                .aliases
                .iter()
                .map(|(alias, hospital)| (alias.clone(), hospital.clone()))
                .collect()
        })
        .unwrap_or_default();
    let options = CompareOptions {
        keys,
        period,
        aliases,
    };
    let comparison = compare::compare(reports, &options)?;
    let render_options = RenderOptions {
        color: false,
        context: 0,
        width: ctx.width(args.width),
    };
    let format = match args.format {
        Format::Term => render::Format::Term,
        Format::Json => render::Format::Json,
        Format::Markdown => render::Format::Markdown,
        Format::Html => render::Format::Html,
        Format::Csv => render::Format::Csv,
    };
    let written = render::write(ctx.stdout, &comparison, format, &render_options);
    exit_code::after_writing(written.and_then(|()| ctx.stdout.flush()), SAME)
}

/// The reports named on the command line, each keyed with the lexicon of the store.
fn named_reports(inputs: &[String], ctx: &mut Ctx<'_>) -> Result<Vec<Report>> {
    if inputs.len() < 2 {
        bail!("compare needs at least two reports: name two or more INPUTs or REFs, or pass --all");
    }
    if inputs.iter().filter(|i| *i == "-").count() > 1 {
        bail!("`-` (standard input) can be given once: pass the other reports as paths");
    }
    let mut loaded = Vec::with_capacity(inputs.len());
    for spec in inputs {
        loaded.push(input::load(spec, &ReadOptions::default(), ctx)?);
    }
    let lexicon = store_select::lexicon(ctx)?;
    let read: Vec<Read> = loaded
        .into_iter()
        .map(|l| Read {
            hospital: hospital_of(&l.snapshot, || {
                ReportRef::parse(&l.label)
                    .ok()
                    .filter(|_| l.revision.is_some())
                    .map(|r| r.hospital)
                    .unwrap_or_else(|| l.label.clone())
            }),
            label: l.label,
            revision: l.revision,
            snapshot: l.snapshot,
        })
        .collect();
    Ok(with_figures(read, &lexicon))
}

/// A report read, before its figures are.
struct Read {
    hospital: String,
    label: String,
    revision: Option<String>,
    snapshot: Snapshot,
}

/// The reports with their figures, read on every core (a thousand reports take a while).
fn with_figures(read: Vec<Read>, lexicon: &Lexicon) -> Vec<Report> {
    read.into_par_iter()
        .map(|r| Report::new(&r.hospital, &r.label, r.revision, r.snapshot, lexicon))
        .collect()
}

/// Every hospital of the store with the report that stands for it: its latest, or the one
/// covering `period` (hospitals with none are left out).
fn all_reports(period: Option<&Period>, ctx: &mut Ctx<'_>) -> Result<Vec<Report>> {
    let store = store_select::open(ctx)?;
    let lexicon = store_select::lexicon_of(&store);
    // Every snapshot file at the branch tip in one pass over the tree; parsing them and
    // reading their figures are spread over the cores below.
    let files = store
        .read_tip(|tip| {
            let mut files = Vec::new();
            for path in tip.reports()? {
                if let Some(bytes) = tip.snapshot(&path)? {
                    files.push((path, bytes));
                }
            }
            Ok(files)
        })
        .context("cannot read the store's reports")?;
    let Some((first, _)) = files.first() else {
        bail!("compare --all needs at least two hospitals in the store, found none");
    };
    // The commit they were read at: the tip, as a read of any of them names it.
    let revision = read_stored(&store, &first.hospital, &first.report)?.revision;
    let read: Vec<Read> = files
        .into_par_iter()
        .map(|(path, bytes)| {
            let label = path.to_string();
            Snapshot::from_markdown(&String::from_utf8_lossy(&bytes))
                .map(|snapshot| Read {
                    hospital: hospital_of(&snapshot, || path.hospital.clone()),
                    label: label.clone(),
                    revision: revision.clone(),
                    snapshot,
                })
                .map_err(|e| anyhow::Error::new(e).context(format!("{label}: not a snapshot file")))
        })
        .collect::<Result<_>>()?;
    let mut reports = Vec::new();
    let mut group: Vec<Report> = Vec::new();
    for report in with_figures(read, &lexicon) {
        if group
            .first()
            .is_some_and(|r| folder_of(r) != folder_of(&report))
        {
            reports.extend(pick(std::mem::take(&mut group), period));
        }
        group.push(report);
    }
    reports.extend(pick(group, period));
    if reports.len() < 2 {
        let covering = period
            .map(|p| format!(" with a report covering {p}"))
            .unwrap_or_default();
        bail!(
            "compare --all needs at least two hospitals{covering} in the store, found {}",
            reports.len()
        );
    }
    Ok(reports)
}

/// Reads one stored report at the tip; its label is its REF.
fn read_stored(store: &Store, hospital: &str, report: &str) -> Result<Read> {
    let reference = ReportRef {
        hospital: hospital.to_string(),
        report: report.to_string(),
        at: At::Head,
    };
    let label = format!("{hospital}/{report}");
    let stored = store.read(&reference).with_context(|| label.clone())?;
    Ok(Read {
        hospital: hospital_of(&stored.snapshot, || hospital.to_string()),
        label,
        revision: Some(stored.commit),
        snapshot: stored.snapshot,
    })
}

/// The store folder a report was read from (the first part of its REF label).
fn folder_of(report: &Report) -> &str {
    report.label.split('/').next().unwrap_or_default()
}

/// The report of a hospital's group that stands for it.
fn pick(group: Vec<Report>, period: Option<&Period>) -> Option<Report> {
    let chosen = period::choose(&group.iter().collect::<Vec<_>>(), period)?;
    group.into_iter().nth(chosen)
}

/// The hospital a report is about: as its text names it, else `fallback`.
fn hospital_of(snapshot: &Snapshot, fallback: impl FnOnce() -> String) -> String {
    snapshot
        .meta
        .hospital
        .as_deref()
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .map(str::to_string)
        .unwrap_or_else(fallback)
}
