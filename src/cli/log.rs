//! `reportdiff log`: the versions of one report, of one hospital's reports, or of all,
//! newest first, with change counts.

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use reportdiff::diff;
use reportdiff::metrics::Lexicon;
use reportdiff::render::log::{Changed, Log, Version};
use reportdiff::render::{self, RenderOptions};
use reportdiff::store::{At, LogQuery, ReportChange, ReportRef, Scope};

use super::{Ctx, SAME, exit_code, store_select};

/// Arguments of `reportdiff log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// A report (HOSPITAL/REPORT), or a HOSPITAL (all of its reports); default: every report.
    #[arg(value_name = "REF|HOSPITAL")]
    reference: Option<String>,
    /// Show at most this many versions.
    #[arg(short = 'n', long, value_name = "N")]
    max_count: Option<usize>,
    /// Show only versions made on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    since: Option<jiff::civil::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn parse_day(text: &str) -> Result<jiff::civil::Date, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a day; write YYYY-MM-DD"))
}

/// Runs `reportdiff log`.
pub fn run(args: &LogArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let store = store_select::open(ctx)?;
    let scope = match &args.reference {
        None => Scope::All,
        Some(text) if !text.trim_end_matches('/').contains('/') => {
            Scope::Hospital(text.trim_end_matches('/').to_string())
        }
        Some(text) => {
            let reference = ReportRef::parse(text)?;
            if reference.at != At::Head {
                bail!("{text}: log lists every version; name the report without @");
            }
            Scope::Report(store.report_path(&reference))
        }
    };
    let one_report = matches!(scope, Scope::Report(_));
    let query = LogQuery {
        scope,
        limit: args.max_count,
        since: args.since,
    };
    let entries = store
        .history(&query)
        .with_context(|| args.reference.clone().unwrap_or_else(|| "log".to_string()))?;
    let lexicon = store_select::lexicon_of(&store);
    let log = Log {
        versions: entries
            .iter()
            .map(|entry| Version {
                entry,
                reports: entry
                    .changes
                    .iter()
                    .map(|change| (&change.path, changed(change, &lexicon)))
                    .collect(),
            })
            .collect(),
        one_report,
    };
    let format = match args.format {
        Format::Text => render::Format::Term,
        Format::Json => render::Format::Json,
    };
    let written = render::write(ctx.stdout, &log, format, &RenderOptions::default());
    exit_code::after_writing(written, SAME)
}

/// What a version did to a report, counted as `diff` counts it.
fn changed(change: &ReportChange, lexicon: &Lexicon) -> Changed {
    match (&change.old, &change.new) {
        (None, Some(new)) => Changed::New(new.sentence_count()),
        (Some(old), Some(new)) => Changed::Updated(diff::count_changes(old, new, lexicon)),
        (_, None) => Changed::Removed,
    }
}
