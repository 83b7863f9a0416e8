//! `reportdiff diff OLD NEW`: sentence changes and metric deltas between two reports.

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use reportdiff::diff::{self, ChangeClass, DiffOptions, Granularity, Side};
use reportdiff::pipeline::ReadOptions;
use reportdiff::render::{self, RenderOptions};

use super::{Ctx, DIFFERENT, MIN_WIDTH, SAME, exit_code, input, store_select};

/// Arguments of `reportdiff diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version: a path, `-` for standard input, or a REF (HOSPITAL/REPORT[@REV]).
    old: String,
    /// The new version: a path, `-` for standard input, or a REF (HOSPITAL/REPORT[@REV]).
    new: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Term)]
    format: Format,
    /// Unchanged sentences shown around each change (term and html).
    #[arg(long, value_name = "N", default_value_t = 1)]
    context: usize,
    /// Print only the counts of what changed: the summary line, or with --format json a
    /// `reportdiff.stat/v1` document.
    #[arg(long)]
    stat: bool,
    /// Exit 1 when something changed, 0 when nothing did: the default, as diff(1) does (git
    /// diff needs this flag to do the same).
    #[arg(long, overrides_with = "no_exit_code")]
    exit_code: bool,
    /// Exit 0 whether or not something changed (for a step that only shows the diff).
    #[arg(long, overrides_with = "exit_code")]
    no_exit_code: bool,
    /// Print nothing; only the exit status tells whether something changed.
    #[arg(long, short)]
    quiet: bool,
    /// Report punctuation-, spacing- and script-only edits as changes.
    #[arg(long)]
    show_punctuation: bool,
    /// Token size inside edited sentences.
    #[arg(long, value_enum, default_value_t = GranularityArg::Char)]
    granularity: GranularityArg,
    /// Leave out changes of this class (repeatable).
    #[arg(long, value_enum, value_name = "CLASS")]
    ignore: Vec<IgnoreArg>,
    /// Wrap terminal output at this many columns (default: the terminal's width; none when
    /// the output is not a terminal).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(MIN_WIDTH as i64..))]
    width: Option<u16>,
    /// The hospital both reports are about, overriding what is read from the text.
    #[arg(long, value_name = "NAME")]
    hospital: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Term,
    Json,
    /// Also `md`, as `normalize` and `show` name it.
    #[value(alias = "md")]
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GranularityArg {
    Char,
    Word,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum IgnoreArg {
    Figures,
    Wording,
}

/// The library's options for these arguments.
fn diff_options(args: &DiffArgs) -> DiffOptions {
    let mut ignore: Vec<ChangeClass> = Vec::new();
    for class in &args.ignore {
        let class = match class {
            IgnoreArg::Figures => ChangeClass::Figures,
            IgnoreArg::Wording => ChangeClass::Wording,
        };
        if !ignore.contains(&class) {
            ignore.push(class);
        }
    }
    DiffOptions {
        show_punctuation: args.show_punctuation,
        granularity: match args.granularity {
            GranularityArg::Char => Granularity::Char,
            GranularityArg::Word => Granularity::Word,
        },
        ignore,
        ..DiffOptions::default()
    }
}

/// Runs `reportdiff diff`.
pub fn run(args: &DiffArgs, ctx: &mut Ctx<'_>) -> Result<i32> {
    if args.old == "-" && args.new == "-" {
        bail!("OLD and NEW cannot both be `-`: pass at least one of them as a path");
    }
    if args.stat && args.format == Format::Html {
        bail!("--stat prints the counts alone: pass --format term, markdown or json with it");
    }
    let options = diff_options(args);
    let read = ReadOptions {
        hospital: args.hospital.clone(),
        ..ReadOptions::default()
    };
    let old = input::read_old(&args.old, &read, ctx)?;
    let new = input::read(&args.new, &read, ctx)?;
    let (old, new) = normalize_both(old, new);
    let (old, new) = (old?, new?);
    for loaded in [&old, &new] {
        input::warn_replaced(&loaded.label, loaded.replaced, ctx)?;
    }
    let (old, new) = (side(old), side(new));
    let lexicon = store_select::lexicon(ctx)?;
    let result = diff::diff(old, new, &lexicon, &options);
    let code = if result.has_changes() && !args.no_exit_code {
        DIFFERENT
    } else {
        SAME
    };
    if args.quiet {
        return Ok(code);
    }
    let options = RenderOptions {
        color: ctx.color,
        context: args.context,
        width: ctx.width(args.width),
    };
    let format = match args.format {
        Format::Term => render::Format::Term,
        Format::Json => render::Format::Json,
        Format::Markdown => render::Format::Markdown,
        Format::Html => render::Format::Html,
    };
    let written = if args.stat {
        render::write(ctx.stdout, &render::Stat(&result), format, &options)
    } else {
        render::write(ctx.stdout, &result, format, &options)
    };
    exit_code::after_writing(written.and_then(|()| ctx.stdout.flush()), code)
}

/// Inputs up to this size are normalized one after the other: a thread costs more than it
/// saves on them.
const PARALLEL_BYTES: usize = 64 * 1024;

/// Inputs over this size are normalized one after the other too: normalizing holds a few
/// copies of its input at its peak, and two at once would take the diff over ten times its
/// inputs in memory.
const PARALLEL_MAX_BYTES: usize = 4 << 20;

/// Normalizes both inputs, on two threads when they are large (the machine a diff driver
/// runs on has a core to spare) but not huge.
fn normalize_both(
    old: input::Read,
    new: input::Read,
) -> (Result<input::Loaded>, Result<input::Loaded>) {
    let size = |read: &input::Read| match read {
        input::Read::Raw { bytes, .. } => bytes.len(),
        input::Read::Loaded(_) => 0,
    };
    let (small, large) = (size(&old).min(size(&new)), size(&old).max(size(&new)));
    if small < PARALLEL_BYTES || large > PARALLEL_MAX_BYTES {
        return (old.normalize(), new.normalize());
    }
    std::thread::scope(|scope| {
        let old = scope.spawn(|| old.normalize());
        let new = new.normalize();
        let old = old
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (old, new)
    })
}

fn side(loaded: input::Loaded) -> Side {
    Side {
        label: loaded.label,
        revision: loaded.revision,
        snapshot: loaded.snapshot,
    }
}
