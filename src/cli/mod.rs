//! The command line: arguments in, a library call, output out, an exit code back.
//!
//! Only this module reads the environment, the terminal and `clap` types; it hands the
//! library validated values.

mod compare;
mod completions;
mod diff;
mod error_line;
mod exit_code;
mod git_diff;
mod ingest;
mod init;
mod input;
mod log;
mod man;
mod metrics;
mod normalize;
mod renormalize;
mod review;
mod show;
mod store_select;
mod textconv;
mod watch;

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use exit_code::{DIFFERENT, SAME, TROUBLE};
pub use store_select::GitEnv;

/// What the process was started with, read once by `main`.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// Standard output is a terminal.
    pub stdout_is_tty: bool,
    /// Standard input is a terminal (someone would have to type the report).
    pub stdin_is_tty: bool,
    /// Standard error is a terminal (a progress bar can be drawn there).
    pub stderr_is_tty: bool,
    /// `CI` is set: a CI job, whose log wants no progress bar.
    pub ci: bool,
    /// `TERM` is `dumb`: a terminal that shows escape codes as text.
    pub term_dumb: bool,
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
    /// The store (a git repository made or adopted by `init`); default: REPORTDIFF_STORE,
    /// else the repository around the current directory, if it is a store.
    #[arg(long, global = true, value_name = "DIR")]
    store: Option<PathBuf>,
    /// When to colour the output (auto: on a terminal, unless NO_COLOR is set or TERM=dumb).
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
    /// List the versions of a report, of a hospital's reports, or of all, newest first, with
    /// change counts.
    Log(log::LogArgs),
    /// Print one stored version of a report, or list a hospital's reports.
    Show(show::ShowArgs),
    /// Re-read every watched source, commit what changed, flag what matters (the scheduled
    /// job); `watch add URL` adds a source.
    Watch(watch::WatchArgs),
    /// Re-derive every stored snapshot from its raw input with the current rules.
    Renormalize(renormalize::RenormalizeArgs),
    /// Review every report changed between two revisions (a pull request's changes).
    Review(review::ReviewArgs),
    /// Print the snapshot text of any input, for git's diff.<driver>.textconv.
    Textconv(textconv::TextconvArgs),
    /// Git's external diff driver (GIT_EXTERNAL_DIFF, diff.<driver>.command): a sentence diff.
    GitDiff(git_diff::GitDiffArgs),
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff): `reportdiff man > reportdiff.1`.
    Man(man::ManArgs),
}

/// What every subcommand gets: where to write, where to read, and the global options.
pub struct Ctx<'a> {
    /// Standard output.
    pub stdout: &'a mut dyn Write,
    /// Standard input (for `-`).
    pub stdin: &'a mut dyn Read,
    /// Standard error, for notes beside the output (errors are printed by [`run`]).
    pub stderr: &'a mut dyn Write,
    /// Standard input is a terminal.
    pub stdin_is_tty: bool,
    /// Standard error is a terminal.
    pub stderr_is_tty: bool,
    /// Running in a CI job.
    pub ci: bool,
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
    /// What a command found when it looked for the store.
    opened: Option<store_select::Found>,
}

/// The narrowest `--width` accepted, and the narrowest terminal wrapped to: below it a Han
/// character and its marks no longer fit a line.
pub const MIN_WIDTH: u16 = 20;

impl Ctx<'_> {
    /// Where terminal output wraps: at `asked` (`--width`), else at the terminal's width
    /// when it is wide enough to wrap to; never when neither says.
    pub fn width(&self, asked: Option<u16>) -> Option<usize> {
        asked
            .or(self.terminal_width.filter(|w| *w >= MIN_WIDTH))
            .map(usize::from)
    }
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
        Err(e) if e.use_stderr() => {
            let _ = writeln!(stderr, "{}", error_line::clap_line(&e));
            return TROUBLE;
        }
        // --help and --version: clap's text as it is.
        Err(e) => {
            let written = write!(stdout, "{}", e.render()).and_then(|()| stdout.flush());
            return exit_code::after_writing(written, SAME).unwrap_or(TROUBLE);
        }
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => env.stdout_is_tty && !env.no_color && !env.term_dumb,
    };
    colored::control::set_override(color);
    let mut ctx = Ctx {
        stdout,
        stdin,
        stderr: &mut *stderr,
        stdin_is_tty: env.stdin_is_tty,
        stderr_is_tty: env.stderr_is_tty,
        ci: env.ci,
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
        Command::Watch(args) => watch::run(&args, &mut ctx),
        Command::Renormalize(args) => renormalize::run(&args, &mut ctx),
        Command::Review(args) => review::run(&args, &mut ctx),
        Command::Textconv(args) => textconv::run(&args, &mut ctx),
        Command::GitDiff(args) => git_diff::run(&args, &mut ctx),
        Command::Completions(args) => completions::run(&args, &mut ctx),
        Command::Man(args) => man::run(&args, &mut ctx),
    };
    let result = result.and_then(|code| exit_code::after_writing(ctx.stdout.flush(), code));
    match result {
        Ok(code) => code,
        Err(error) => error_line::print(&error, stderr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `run` sets the colour library's one global switch: runs in parallel threads would set
    /// it under each other.
    static ONE_RUN_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

    /// Runs the program in-process: exit code, stdout, stderr.
    fn run_with(env: &Env, args: &[&str], stdin: &str) -> (i32, String, String) {
        let _one = ONE_RUN_AT_A_TIME
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let args = std::iter::once("reportdiff").chain(args.iter().copied());
        let code = run(
            args.map(OsString::from),
            env,
            &mut stdin.as_bytes(),
            &mut stdout,
            &mut stderr,
        );
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");
        (code, text(stdout), text(stderr))
    }

    fn env() -> Env {
        Env {
            cwd: std::env::temp_dir(),
            ..Env::default()
        }
    }

    #[test]
    fn reading_standard_input_from_a_terminal_says_so_on_stderr() {
        let report = "2024年门诊量达到42.15万人次。\n";
        let terminal = Env {
            stdin_is_tty: true,
            ..env()
        };
        for command in ["normalize", "metrics"] {
            let (code, stdout, stderr) = run_with(&terminal, &[command], report);
            assert_eq!(code, SAME);
            assert!(stdout.contains("42.15万人次"), "{stdout}");
            assert!(
                stderr.starts_with("reading the report from standard input"),
                "{stderr}"
            );
            let (_, _, quiet) = run_with(&env(), &[command], report);
            assert_eq!(quiet, "", "a pipe needs no word");
        }
    }

    #[test]
    fn colour_on_a_terminal_unless_term_is_dumb() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (old, new) = (dir.path().join("旧.txt"), dir.path().join("新.txt"));
        std::fs::write(&old, "2024年门诊量达到42.15万人次。\n").expect("write");
        std::fs::write(&new, "2024年门诊量达到45.3万人次。\n").expect("write");
        let args = [
            "diff",
            old.to_str().expect("path"),
            new.to_str().expect("path"),
        ];
        let terminal = Env {
            stdout_is_tty: true,
            ..env()
        };
        let (code, coloured, _) = run_with(&terminal, &args, "");
        assert_eq!(code, DIFFERENT);
        assert!(coloured.contains('\u{1b}'), "{coloured}");
        let dumb = Env {
            term_dumb: true,
            ..terminal
        };
        let (code, plain, _) = run_with(&dumb, &args, "");
        assert_eq!(code, DIFFERENT);
        assert!(!plain.contains('\u{1b}') && plain.contains("[-"), "{plain}");
    }
}
