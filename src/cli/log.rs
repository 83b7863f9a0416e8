//! `reportdiff log`: the versions of one report, or of all, newest first, with change counts.

use anyhow::{Context, Result, bail};
use clap::Args;

use reportdiff::diff;
use reportdiff::metrics::Lexicon;
use reportdiff::render::wording::version_counts;
use reportdiff::store::{At, CommitTime, LogEntry, ReportChange, ReportRef};

use super::{Ctx, SAME, store_select};

/// Arguments of `reportdiff log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The report (HOSPITAL/REPORT); default: every report.
    reference: Option<String>,
    /// Show at most this many versions.
    #[arg(short = 'n', long, value_name = "N")]
    max_count: Option<usize>,
}

/// Runs `reportdiff log`.
pub fn run(args: &LogArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let store = store_select::open(ctx)?;
    let path = match &args.reference {
        Some(text) => {
            let reference = ReportRef::parse(text)?;
            if reference.at != At::Head {
                bail!("{text}: log lists every version; name the report without @");
            }
            Some(store.report_path(&reference))
        }
        None => None,
    };
    let entries = store
        .log(path.as_ref(), args.max_count)
        .with_context(|| args.reference.clone().unwrap_or_else(|| "log".to_string()))?;
    let lexicon = store_select::lexicon_of(&store);
    for entry in &entries {
        write_entry(entry, path.is_some(), &lexicon, ctx)?;
    }
    Ok(SAME)
}

fn write_entry(
    entry: &LogEntry,
    one_report: bool,
    lexicon: &Lexicon,
    ctx: &mut Ctx<'_>,
) -> Result<()> {
    let marker = if entry.rule_change { "[rules] " } else { "" };
    let date = format_time(entry.when);
    match (one_report, entry.changes.as_slice()) {
        (true, [change]) => writeln!(
            ctx.stdout,
            "{}  {date}  {}  {marker}{}",
            entry.commit,
            counts(change, lexicon),
            entry.subject
        )?,
        _ => {
            writeln!(
                ctx.stdout,
                "{}  {date}  {marker}{}",
                entry.commit, entry.subject
            )?;
            for change in &entry.changes {
                writeln!(
                    ctx.stdout,
                    "    {}  {}",
                    change.path,
                    counts(change, lexicon)
                )?;
            }
        }
    }
    Ok(())
}

/// What a version changed: `new (42 sentences)`, `removed`, or
/// `+3 -1 ~2, 1 figure changed` (added, deleted, otherwise changed sentences).
pub fn counts(change: &ReportChange, lexicon: &Lexicon) -> String {
    match (&change.old, &change.new) {
        (None, Some(new)) => format!("new ({} sentences)", new.sentence_count()),
        (Some(_), None) => "removed".to_string(),
        (Some(old), Some(new)) => version_counts(&diff::count_changes(old, new, lexicon)),
        (None, None) => String::new(),
    }
}

/// `2025-07-01 08:00 +0800`, in the offset the commit was made in.
fn format_time(when: CommitTime) -> String {
    let offset =
        jiff::tz::Offset::from_seconds(when.offset_minutes * 60).unwrap_or(jiff::tz::Offset::UTC);
    match jiff::Timestamp::from_second(when.seconds) {
        Ok(t) => t
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(offset))
            .strftime("%Y-%m-%d %H:%M %z")
            .to_string(),
        Err(_) => when.seconds.to_string(),
    }
}
