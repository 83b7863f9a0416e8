//! The command line: arguments in, a library call, output out, an exit code back.
//!
//! Only this module reads the environment, the terminal and `clap` types; it hands the
//! library validated values.

mod compare;
mod diff;
mod error_line;
mod exit_code;
mod git_diff;
mod ingest;
mod init;
mod input;
mod log;
mod metrics;
mod normalize;
mod renormalize;
mod review;
mod show;
mod store_select;
mod textconv;

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::rc::Rc;

use clap::{Parser, Subcommand, ValueEnum};

use reportdiff::store::Store;

pub use exit_code::{DIFFERENT, SAME, TROUBLE};
pub use store_select::GitEnv;

/// What the process was started with, read once by `main`.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// Standard output is a terminal.
    pub stdout_is_tty: bool,
    /// `REPORTDIFF_STORE`.
    pub store: Option<PathBuf>,
    /// The current directory.
    pub cwd: PathBuf,
    /// Git's identity and date variables, for commits.
    pub git: GitEnv,
    /// Columns of the terminal standard output writes to, when it is one.
    pub terminal_width: Option<u16>,
    /// `GITHUB_STEP_SUMMARY`: the job-summary file `review --format github` appends to.
    pub step_summary: Option<PathBuf>,
}

#[derive(Debug, Parser)]
#[command(
    name = "reportdiff",
    version,
    about = "Track how Chinese hospital reports change: normalize, store, and diff them sentence by sentence",
    propagate_version = true
)]
struct Cli {
    /// The store (a git repository); default: REPORTDIFF_STORE, else the repository around
    /// the current directory.
    #[arg(long, global = true, value_name = "DIR")]
    store: Option<PathBuf>,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print a report as a normalized snapshot.
    Normalize(normalize::NormalizeArgs),
    /// List the figures of a report: label, value, unit, qualifier, period, key.
    Metrics(metrics::MetricsArgs),
    /// Show what changed between two versions of a report: sentences and figures.
    Diff(diff::DiffArgs),
    /// Put the reports of several hospitals side by side: figures, shared and distinctive text.
    Compare(compare::CompareArgs),
    /// Create a store (a git repository), or adopt an existing repository.
    Init(init::InitArgs),
    /// Normalize reports and commit them as new versions.
    Ingest(ingest::IngestArgs),
    /// List the versions of a report (or of all), newest first, with change counts.
    Log(log::LogArgs),
    /// Print one stored version of a report.
    Show(show::ShowArgs),
    /// Re-derive every stored snapshot from its raw input with the current rules.
    Renormalize(renormalize::RenormalizeArgs),
    /// Review every report changed between two revisions (a pull request's changes).
    Review(review::ReviewArgs),
    /// Print the snapshot text of any input, for git's diff.<driver>.textconv.
    Textconv(textconv::TextconvArgs),
    /// Git's external diff driver (GIT_EXTERNAL_DIFF, diff.<driver>.command): a sentence diff.
    GitDiff(git_diff::GitDiffArgs),
}

/// What every subcommand gets: where to write, where to read, and the global options.
pub struct Ctx<'a> {
    /// Standard output.
    pub stdout: &'a mut dyn Write,
    /// Standard input (for `-`).
    pub stdin: &'a mut dyn Read,
    /// Whether to colour the output.
    pub color: bool,
    /// The store chosen by `--store` or `REPORTDIFF_STORE`, if any.
    pub store: Option<PathBuf>,
    /// The current directory (where a store is looked for by default).
    pub cwd: PathBuf,
    /// Git's identity and date variables, for commits.
    pub git: GitEnv,
    /// Columns of the terminal, when standard output is one: where terminal output wraps.
    pub terminal_width: Option<u16>,
    /// The job-summary file of a GitHub Actions step, when running in one.
    pub step_summary: Option<PathBuf>,
    /// The store once a command has looked for it (`Some(None)`: there is none).
    opened: Option<Option<Rc<Store>>>,
}

/// Runs the program and returns its exit code. Errors are printed to `stderr` as one line.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    env: &Env,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let (out, code): (&mut dyn Write, i32) = if e.use_stderr() {
                (stderr, TROUBLE)
            } else {
                (stdout, SAME)
            };
            let _ = write!(out, "{}", e.render());
            return code;
        }
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => env.stdout_is_tty && !env.no_color,
    };
    colored::control::set_override(color);
    let mut ctx = Ctx {
        stdout,
        stdin,
        color,
        store: cli.store.clone().or_else(|| env.store.clone()),
        cwd: env.cwd.clone(),
        git: env.git.clone(),
        terminal_width: env.terminal_width,
        step_summary: env.step_summary.clone(),
        opened: None,
    };
    let result = match cli.command {
        Command::Normalize(args) => normalize::run(&args, &mut ctx),
        Command::Diff(args) => diff::run(&args, &mut ctx),
        Command::Compare(args) => compare::run(&args, &mut ctx),
        Command::Metrics(args) => metrics::run(&args, &mut ctx),
        Command::Init(args) => init::run(&args, &mut ctx),
        Command::Ingest(args) => ingest::run(&args, &mut ctx),
        Command::Log(args) => log::run(&args, &mut ctx),
        Command::Show(args) => show::run(&args, &mut ctx),
        Command::Renormalize(args) => renormalize::run(&args, &mut ctx),
        Command::Review(args) => review::run(&args, &mut ctx),
        Command::Textconv(args) => textconv::run(&args, &mut ctx),
        Command::GitDiff(args) => git_diff::run(&args, &mut ctx),
    };
    match result {
        Ok(code) => code,
        Err(error) => error_line::print(&error, stderr),
    }
}
