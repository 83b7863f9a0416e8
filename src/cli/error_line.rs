//! The one place an error becomes what the user sees: `error: <what>: <cause>: <cause>` on
//! one line of stderr, and exit code 2.
//!
//! The library keeps every cause as a `source`; `reportdiff::one_line` joins them.

use std::io::{self, Write};

use reportdiff::one_line::one_line;

use super::{SAME, TROUBLE};

/// Writes the error as one line to `stderr` and returns the exit code: [`TROUBLE`], or
/// [`SAME`] when standard output was closed (`reportdiff … | head` is not a failure).
pub fn print(error: &anyhow::Error, stderr: &mut dyn Write) -> i32 {
    if is_broken_pipe(error) {
        return SAME;
    }
    let _ = writeln!(stderr, "error: {}", one_line(error.as_ref()));
    TROUBLE
}

/// A command-line error of clap's as one line: clap's message, the lines that belong to it
/// (the arguments it lists, its tips), and where to read more; clap's own rendering spans
/// several lines with a usage block.
pub fn clap_line(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let mut message = String::new();
    let mut usage = None;
    for line in rendered.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("Usage:") {
            usage = Some(rest.trim().to_string());
            break;
        }
        if line.is_empty() || line.starts_with("For more information") {
            continue;
        }
        if !message.is_empty() {
            message.push_str(if line.starts_with("tip:") { "; " } else { " " });
        }
        message.push_str(line);
    }
    // The command path is the usage's words before its first option or argument.
    let command: Vec<&str> = usage
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .take_while(|w| !w.starts_with(['-', '<', '[']))
        .collect();
    let help = if command.is_empty() {
        "reportdiff --help".to_string()
    } else {
        format!("{} --help", command.join(" "))
    };
    let message = message
        .strip_prefix("error: ")
        .unwrap_or(&message)
        .to_string();
    format!("error: {message}; see `{help}`")
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use anyhow::Context;

    use super::*;

    #[test]
    fn every_cause_joins_the_line_after_a_colon() {
        let error = Err::<(), _>(io::Error::other("磁盘已满"))
            .context("snapshots/诸城市人民医院/联建.md")
            .context("cannot ingest")
            .expect_err("an error");
        let mut stderr = Vec::new();
        assert_eq!(print(&error, &mut stderr), TROUBLE);
        assert_eq!(
            String::from_utf8(stderr).expect("utf-8"),
            "error: cannot ingest: snapshots/诸城市人民医院/联建.md: 磁盘已满\n"
        );
    }

    fn parse_error(args: &[&str]) -> String {
        use clap::Parser;
        let error = super::super::Cli::try_parse_from(args).expect_err("a bad command line");
        clap_line(&error)
    }

    #[test]
    fn an_argument_error_is_one_line_with_its_tip_and_where_help_is() {
        assert_eq!(
            parse_error(&["reportdiff", "diff", "--formt", "json", "旧.txt", "新.txt"]),
            "error: unexpected argument '--formt' found; tip: a similar argument exists: '--format'; see `reportdiff diff --help`"
        );
        assert_eq!(
            parse_error(&["reportdiff", "diff"]),
            "error: the following required arguments were not provided: <OLD> <NEW>; see `reportdiff diff --help`"
        );
        let line = parse_error(&["reportdiff", "diff", "--format", "pdf", "旧.txt", "新.txt"]);
        assert!(line.contains("[possible values: term,"), "{line}");
        assert!(!line.contains('\n'));
    }

    #[test]
    fn a_closed_stdout_is_success_and_says_nothing() {
        let error = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe))
            .context("cannot write the diff");
        let mut stderr = Vec::new();
        assert_eq!(print(&error, &mut stderr), SAME);
        assert!(stderr.is_empty());
    }
}
