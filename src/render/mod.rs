//! Render: results to text for people (terminal, markdown, html) and programs (json, csv).
//!
//! One [`Format`] names every output form and one dispatch, [`write`], writes any [`Render`]
//! value in it: a [`DiffResult`], its counts ([`Stat`], what `--stat` prints), a store's
//! [`log::Log`], a [`Snapshot`], a report's figures (`[Metric]`), or a [`Comparison`] of
//! hospitals. A command picks the value and the format; which function draws that pair is
//! decided here, once.

pub mod compare;
pub mod delta_table;
pub mod html;
pub mod hunks;
pub mod json;
pub mod log;
pub mod markdown;
pub mod metrics_table;
pub mod review;
#[cfg(test)]
mod sample;
pub mod table;
pub mod term;
pub mod watch;
pub mod watch_markdown;
#[cfg(test)]
mod watch_sample;
pub mod wording;
pub mod wrap;

use std::io::{self, Write};

use crate::changes::DiffResult;
use crate::compare::Comparison;
use crate::metrics::Metric;
use crate::snapshot::Snapshot;

/// An output form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Text for people at a terminal: coloured when asked for, wrapped when a width is given,
    /// figures in an aligned table.
    Term,
    /// A versioned JSON document (`reportdiff.diff/v1`, `reportdiff.snapshot/v1`,
    /// `reportdiff.metrics/v1`).
    Json,
    /// Markdown: a diff for a pull-request comment, or a snapshot's `.md` file form.
    Markdown,
    /// One self-contained html page.
    Html,
    /// Comma-separated values, for spreadsheets.
    Csv,
}

impl Format {
    /// The format's name, as the command line spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Term => "term",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Csv => "csv",
        }
    }
}

/// How the human formats look; the others ignore it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Colour the terminal output (the caller has decided: `--color`, `NO_COLOR`, a
    /// terminal). The escape codes also follow the colour library's one global switch,
    /// which the command line sets once; without colour the terminal renderer makes no
    /// colour call at all.
    pub color: bool,
    /// Unchanged sentences shown around each change (term and html).
    pub context: usize,
    /// Wrap long terminal lines at this many columns, with a hanging indent; `None` leaves
    /// wrapping to the terminal.
    pub width: Option<usize>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            context: 1,
            width: None,
        }
    }
}

/// A result that a command writes out.
pub trait Render {
    /// The rendering in `format`, or `None` when this result has no form in it.
    fn render(&self, format: Format, options: &RenderOptions) -> Option<String>;
}

/// Writes `value` in `format` to `out`. A format the value has no form in is an
/// [`io::ErrorKind::Unsupported`] error, and nothing is written.
pub fn write<W, R>(
    out: &mut W,
    value: &R,
    format: Format,
    options: &RenderOptions,
) -> io::Result<()>
where
    W: Write + ?Sized,
    R: Render + ?Sized,
{
    let text = value.render(format, options).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::Unsupported,
            format!("this result has no {} form", format.as_str()),
        )
    })?;
    out.write_all(text.as_bytes())
}

/// A diff in every human form and as `reportdiff.diff/v1`; nothing when nothing changed
/// (except JSON, which always names its schema).
impl Render for DiffResult {
    fn render(&self, format: Format, options: &RenderOptions) -> Option<String> {
        Some(match format {
            Format::Term => term::render(self, options),
            Format::Json => json::diff_json(self),
            Format::Markdown => markdown::render(self),
            Format::Html => html::render(self, options.context),
            Format::Csv => return None,
        })
    }
}

/// A diff's counts alone: what `diff --stat` prints.
#[derive(Debug, Clone, Copy)]
pub struct Stat<'a>(pub &'a DiffResult);

/// The counts as the summary line (term and markdown), or as `reportdiff.stat/v1`.
impl Render for Stat<'_> {
    fn render(&self, format: Format, _: &RenderOptions) -> Option<String> {
        match format {
            Format::Term | Format::Markdown => Some(format!("{}\n", wording::headline(self.0))),
            Format::Json => Some(json::stat_json(self.0)),
            Format::Html | Format::Csv => None,
        }
    }
}

/// A snapshot in its `.md` file form, or as `reportdiff.snapshot/v1`.
impl Render for Snapshot {
    fn render(&self, format: Format, _: &RenderOptions) -> Option<String> {
        match format {
            Format::Markdown => Some(self.to_markdown()),
            Format::Json => Some(json::snapshot_json(self)),
            _ => None,
        }
    }
}

/// A reading of an input: its snapshot, and as JSON also where its metadata came from.
impl Render for crate::pipeline::Reading {
    fn render(&self, format: Format, options: &RenderOptions) -> Option<String> {
        match format {
            Format::Json => Some(json::snapshot_with_provenance_json(
                &self.snapshot,
                Some(&self.provenance),
            )),
            _ => self.snapshot.render(format, options),
        }
    }
}

/// A watch run: the terminal report, `reportdiff.watch/v1`, or Markdown for an issue.
impl Render for crate::watch::RunReport {
    fn render(&self, format: Format, options: &RenderOptions) -> Option<String> {
        match format {
            Format::Term => Some(watch::render_term(self, options)),
            Format::Json => Some(json::watch_json(self)),
            Format::Markdown => Some(watch_markdown::render(self)),
            Format::Html | Format::Csv => None,
        }
    }
}

/// A report's figures as an aligned table, as `reportdiff.metrics/v1`, or as CSV.
impl Render for [Metric] {
    fn render(&self, format: Format, _: &RenderOptions) -> Option<String> {
        match format {
            Format::Term => Some(metrics_table::metrics_table(self)),
            Format::Json => Some(json::metrics_json(self)),
            Format::Csv => Some(metrics_table::metrics_csv(self)),
            _ => None,
        }
    }
}

/// Hospitals side by side in every form: `reportdiff.compare/v1`, and the figures table
/// alone as CSV.
impl Render for Comparison {
    fn render(&self, format: Format, options: &RenderOptions) -> Option<String> {
        Some(match format {
            Format::Term => compare::term::render(self, options),
            Format::Json => json::compare_json(self),
            Format::Markdown => compare::markdown::render(self),
            Format::Html => compare::html::render(self),
            Format::Csv => compare::csv::render(self),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{Lexicon, extract_sentence};

    fn written<R: Render + ?Sized>(value: &R, format: Format) -> io::Result<String> {
        let mut out = Vec::new();
        write(&mut out, value, format, &RenderOptions::default())?;
        Ok(String::from_utf8(out).expect("UTF-8"))
    }

    #[test]
    fn a_diff_is_written_in_each_of_its_forms() -> io::Result<()> {
        let result = sample::diff_result();
        let options = RenderOptions::default();
        assert_eq!(
            written(&result, Format::Term)?,
            term::render(&result, &options)
        );
        assert_eq!(written(&result, Format::Json)?, json::diff_json(&result));
        assert_eq!(
            written(&result, Format::Markdown)?,
            markdown::render(&result)
        );
        assert_eq!(written(&result, Format::Html)?, html::render(&result, 1));
        Ok(())
    }

    #[test]
    fn the_stat_line_is_the_summary() -> io::Result<()> {
        let result = sample::diff_result();
        assert_eq!(
            written(&Stat(&result), Format::Term)?,
            "3 modified, 1 added, 1 deleted, 1 moved, 1 split, 1 merged; 5 figures changed\n"
        );
        let json = written(&Stat(&result), Format::Json)?;
        assert!(
            json.contains("\"schema\": \"reportdiff.stat/v1\""),
            "{json}"
        );
        assert!(json.contains("\"split\": 1"), "{json}");
        assert!(!json.contains("\"changes\""), "{json}");
        Ok(())
    }

    #[test]
    fn figures_and_snapshots_are_written_in_their_forms() -> io::Result<()> {
        let metrics = extract_sentence("2024年门诊量达到42.15万人次。", &Lexicon::builtin());
        assert!(written(&metrics[..], Format::Csv)?.starts_with("key,label,value"));
        assert!(written(&metrics[..], Format::Json)?.contains("reportdiff.metrics/v1"));
        let snapshot = sample::diff_result().old.snapshot;
        assert_eq!(
            written(&snapshot, Format::Markdown)?,
            snapshot.to_markdown()
        );
        Ok(())
    }

    #[test]
    fn a_form_the_result_does_not_have_is_an_error_and_writes_nothing() {
        let mut out = Vec::new();
        let snapshot = Snapshot::default();
        let error = write(&mut out, &snapshot, Format::Csv, &RenderOptions::default())
            .expect_err("a snapshot has no csv form");
        assert_eq!(error.kind(), io::ErrorKind::Unsupported);
        assert!(out.is_empty());
    }
}
