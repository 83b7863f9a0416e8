//! The `reportdiff` binary: read the environment once, run, exit with the code.
//!
//! The command line (`cli`) belongs to the binary: it reaches the library only through the
//! library's public API, as any other program would.

mod cli;

use std::io::IsTerminal;

fn main() {
    let stdout_is_tty = std::io::stdout().is_terminal();
    let env = cli::Env {
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        stdout_is_tty,
        stdin_is_tty: std::io::stdin().is_terminal(),
        stderr_is_tty: std::io::stderr().is_terminal(),
        ci: std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false"),
        term_dumb: std::env::var_os("TERM").is_some_and(|t| t == "dumb"),
        terminal_width: stdout_is_tty
            .then(|| terminal_size::terminal_size_of(std::io::stdout()))
            .flatten()
            .map(|(terminal_size::Width(w), _)| w),
        // An empty value counts as unset, as git treats its own variables.
        store: std::env::var_os("REPORTDIFF_STORE")
            .filter(|v| !v.is_empty())
            .map(Into::into),
        cwd: std::env::current_dir().unwrap_or_default(),
        git: cli::GitEnv::from_vars(|name| std::env::var(name).ok()),
        step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
            .filter(|v| !v.is_empty())
            .map(Into::into),
    };
    let code = cli::run(
        std::env::args_os(),
        &env,
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code);
}
