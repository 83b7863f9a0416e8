//! `reportdiff watch`: the scheduled job. Re-read every source of the store, commit what
//! changed in one commit, report, and exit 1 when something is flagged. `watch add` appends
//! a source to `reportdiff.toml` once it has read it.

use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use reportdiff::fetch::FetchOptions;
use reportdiff::render::{self, RenderOptions, watch as watch_render};
use reportdiff::store::config::{WatchSource, append_watch_source};
use reportdiff::watch::{self, Progress, Selection, WatchOptions};

use super::{Ctx, DIFFERENT, SAME, input, store_select};

/// Arguments of `reportdiff watch`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct WatchArgs {
    #[command(subcommand)]
    command: Option<WatchCommand>,
    /// Only the sources of this hospital (its name or an alias).
    #[arg(long, value_name = "HOSPITAL")]
    only: Option<String>,
    /// Only shard I of N (1-based), for runs split across CI runners.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    shard: Option<(u32, u32)>,
    /// Read and compare; write nothing.
    #[arg(long, short = 'n')]
    dry_run: bool,
    /// Also write the report to FILE: `reportdiff.watch/v1` for a `.json` name, Markdown for
    /// `.md`.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// The report on standard output.
    #[arg(long, value_enum, default_value_t = Format::Term)]
    format: Format,
    /// Only the summary: no progress bar, no list of sources.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Seconds a server may take to connect or stay silent.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
    /// Tries after the first for a 5xx, a timeout or a refused connection.
    #[arg(long, value_name = "N", default_value_t = 2)]
    retries: u32,
    /// The largest page accepted, in MB (as sent and once decompressed).
    #[arg(long, value_name = "MB", default_value_t = 10)]
    max_size: u64,
    /// Sources read at once (at most 2 of one host).
    #[arg(long, value_name = "N", default_value_t = 8)]
    jobs: usize,
}

#[derive(Debug, Subcommand)]
enum WatchCommand {
    /// Add a source to reportdiff.toml, once it reads as a report.
    Add(AddArgs),
}

/// Arguments of `reportdiff watch add`.
#[derive(Debug, Args)]
struct AddArgs {
    /// The page's URL, or a file (kept relative to the store's root).
    #[arg(value_name = "URL|PATH")]
    location: String,
    /// The hospital, when the report does not name it.
    #[arg(long, value_name = "NAME")]
    hospital: Option<String>,
    /// The report id, instead of the title.
    #[arg(long, value_name = "ID")]
    report: Option<String>,
    /// The page's encoding, when the server and the page say it wrong.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// A CSS selector for the element that holds the article.
    #[arg(long, value_name = "CSS")]
    selector: Option<String>,
    /// Seconds the server may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Term,
    Json,
    #[value(alias = "md")]
    Markdown,
}

/// Runs `reportdiff watch` (or `watch add`).
pub fn run(args: &WatchArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    if let Some(WatchCommand::Add(add)) = &args.command {
        return run_add(add, ctx);
    }
    let report_format = args.report.as_deref().map(report_format).transpose()?;
    let store = store_select::open(ctx)?;
    let info = store_select::commit_info(ctx, store.configured_identity(), None)?;
    let lexicon = store_select::lexicon_of(&store);
    let options = WatchOptions {
        selection: Selection {
            only: args.only.clone(),
            shard: args.shard,
        },
        dry_run: args.dry_run,
        jobs: args.jobs.max(1),
        per_host: 2,
        fetch: fetch_options(args.timeout, args.retries, args.max_size),
    };
    let bar = progress_bar(args.quiet, ctx);
    let report = watch::run(&store, &options, &info, &lexicon, &|step| match step {
        Progress::Total(n) => bar.set_length(n as u64),
        Progress::Read(label) => {
            bar.set_message(label.to_string());
            bar.inc(1);
        }
        Progress::Committing => bar.set_message("committing"),
    });
    bar.finish_and_clear();
    let report = report.context("watch")?;
    if let Some(taken) = &report.took_over {
        writeln!(
            ctx.stderr,
            "note: took over {}, left by reportdiff pid {} which is no longer running",
            taken.shown, taken.pid
        )?;
    }
    if let (Some(path), Some(format)) = (&args.report, report_format) {
        let text =
            render::Render::render(&report, format, &RenderOptions::default()).unwrap_or_default();
        std::fs::write(ctx.cwd.join(path), text)
            .with_context(|| format!("{}: cannot write the report", path.display()))?;
    }
    let options = RenderOptions {
        color: ctx.color,
        context: 0,
        width: ctx.terminal_width.map(usize::from),
    };
    let text = match args.format {
        Format::Term if args.quiet => watch_render::render_quiet(&report),
        Format::Term => watch_render::render_term(&report, &options),
        Format::Json => render::json::watch_json(&report),
        Format::Markdown => render::watch_markdown::render(&report),
    };
    ctx.stdout.write_all(text.as_bytes())?;
    Ok(if report.flagged() { DIFFERENT } else { SAME })
}

/// `watch add`: read the source once, then append it and commit `reportdiff.toml`.
fn run_add(args: &AddArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    let store = store_select::open(ctx)?;
    let (url, path) = if input::is_url(&args.location) {
        (Some(args.location.trim().to_string()), None)
    } else {
        let file = ctx.cwd.join(&args.location);
        if !file.is_file() {
            bail!("{}: no such file; pass a URL or a file", args.location);
        }
        (None, Some(relative_to(&file, store.root())))
    };
    let entry = WatchSource {
        url,
        path,
        hospital: args.hospital.clone(),
        report: args.report.clone(),
        encoding: args.encoding.clone(),
        selector: args.selector.clone(),
        ..WatchSource::default()
    };
    let label = entry.url.clone().or(entry.path.clone()).unwrap_or_default();
    if store.config().watch.iter().any(|w| {
        w.url.as_deref() == Some(label.as_str()) || w.path.as_deref() == Some(label.as_str())
    }) {
        bail!("{label} is already watched");
    }
    let read = watch::try_source(&entry, &store, fetch_options(args.timeout, 0, 10))
        .context("watch add")?
        .map_err(|e| anyhow!("{label}: {}; not added", e.message))?;
    let snapshot = &read.report.snapshot;
    let hospital = args
        .hospital
        .clone()
        .or_else(|| snapshot.meta.hospital.clone())
        .ok_or_else(|| anyhow!("{label}: no hospital found in the report; pass --hospital NAME"))?;
    let text = append_watch_source(&store.config_file()?, &entry);
    let info = store_select::commit_info(ctx, store.configured_identity(), None)?;
    let commit = store
        .commit_config(&info, &format!("watch {label}"), &text)
        .context("watch add")?;
    writeln!(
        ctx.stdout,
        "watching {label} ({hospital}, {} sentences)",
        snapshot.sentence_count()
    )?;
    if let Some(commit) = commit {
        writeln!(ctx.stdout, "committed {commit}")?;
    }
    Ok(SAME)
}

fn fetch_options(timeout: u64, retries: u32, max_mb: u64) -> FetchOptions {
    let timeout = Duration::from_secs(timeout.max(1));
    FetchOptions {
        connect_timeout: timeout.min(Duration::from_secs(10)),
        read_timeout: timeout,
        retries,
        max_bytes: max_mb.max(1).saturating_mul(1024 * 1024),
        ..FetchOptions::default()
    }
}

/// A progress bar on standard error when it is a terminal, outside CI and without
/// `--quiet`; a hidden one otherwise.
fn progress_bar(quiet: bool, ctx: &Ctx<'_>) -> ProgressBar {
    if quiet || ctx.ci || !ctx.stderr_is_tty {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// The report format a `--report FILE` name asks for.
fn report_format(path: &Path) -> Result<render::Format> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => Ok(render::Format::Json),
        Some("md" | "markdown") => Ok(render::Format::Markdown),
        _ => bail!(
            "--report {}: name the file .json (reportdiff.watch/v1) or .md (Markdown)",
            path.display()
        ),
    }
}

/// `file` as a path from `root` (with `..` where it lies outside), `/`-separated, so that
/// the store's `reportdiff.toml` names it the same on every machine that checks it out.
fn relative_to(file: &Path, root: &Path) -> String {
    let clean = |p: &Path| -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    parts.pop();
                }
                Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
                _ => {}
            }
        }
        parts
    };
    let (file, root) = (clean(file), clean(root));
    let common = file.iter().zip(&root).take_while(|(a, b)| a == b).count();
    let mut parts = vec!["..".to_string(); root.len() - common];
    parts.extend(file[common..].iter().cloned());
    parts.join("/")
}

/// `I/N` with 1 <= I <= N.
fn parse_shard(text: &str) -> Result<(u32, u32), String> {
    let (i, n) = text
        .split_once('/')
        .ok_or_else(|| "write it I/N, e.g. 1/4".to_string())?;
    let (i, n): (u32, u32) = match (i.trim().parse(), n.trim().parse()) {
        (Ok(i), Ok(n)) => (i, n),
        _ => return Err("write it I/N, e.g. 1/4".to_string()),
    };
    if n == 0 || i == 0 || i > n {
        return Err(format!(
            "shard {i} of {n} does not exist; I runs from 1 to N"
        ));
    }
    Ok((i, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_one_based() {
        assert_eq!(parse_shard("2/4"), Ok((2, 4)));
        assert!(parse_shard("0/4").is_err());
        assert!(parse_shard("5/4").is_err());
        assert!(parse_shard("一/四").is_err());
    }

    #[test]
    fn a_file_is_named_from_the_store_root() {
        let root = Path::new("/home/编辑/报告库");
        assert_eq!(
            relative_to(Path::new("/home/编辑/报告库/pages/1.html"), root),
            "pages/1.html"
        );
        assert_eq!(
            relative_to(Path::new("/home/编辑/examples/v1.txt"), root),
            "../examples/v1.txt"
        );
        assert_eq!(
            relative_to(Path::new("/home/编辑/报告库/../examples/./v1.txt"), root),
            "../examples/v1.txt"
        );
    }
}
