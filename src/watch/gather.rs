//! Reading one source into a report to record: fetch the page (or read the file), decode it
//! with the charset the source or the server gives, keep the selected element, read it with
//! the same front half as `ingest`, drop the ignored sentences, and hash what is left.

use std::path::Path;
use std::time::Duration;

use scraper::{Html, Selector};

use crate::decode::decode_with_charset;
use crate::fetch::{FetchError, Fetched, Fetcher, Validators};
use crate::pipeline::{ReadError, ReadOptions};
use crate::record::{self, Input, RecordError, Report};
use crate::snapshot::Snapshot;

use super::source::{Location, Source};
use super::state::{SourceState, version_hash};

/// A source, read.
#[derive(Debug)]
pub enum Got {
    /// The server says the page has not changed since the last good fetch.
    NotModified,
    /// The report, ready to record.
    Read(Box<ReadSource>),
}

/// A report read from a source.
#[derive(Debug)]
pub struct ReadSource {
    /// The report, ignored sentences gone.
    pub report: Report,
    /// Its version hash (see [`version_hash`]).
    pub hash: String,
    /// The page's validators, for the next fetch.
    pub validators: Validators,
}

/// Why a source could not be read: a short, stable kind for programs and a reason for
/// people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// `timeout`, `http_status`, `too_big`, `redirects`, `dns`, `connection`, `file`,
    /// `decode`, `not_an_article`, `no_hospital`, `collision`, …
    pub kind: &'static str,
    /// The reason, as a person would say it (`HTTP 500`, `timed out`).
    pub message: String,
}

impl SourceError {
    pub(super) fn new(kind: &'static str, message: impl Into<String>) -> SourceError {
        SourceError {
            kind,
            message: message.into(),
        }
    }
}

impl From<FetchError> for SourceError {
    fn from(e: FetchError) -> SourceError {
        SourceError::new(e.kind(), e.to_string())
    }
}

/// Reads `source`; `state` gives the validators to send and the report it was stored as.
pub fn gather(
    source: &Source,
    state: &SourceState,
    fetcher: &Fetcher,
    sleep: &dyn Fn(Duration),
) -> Result<Got, SourceError> {
    let (bytes, charset, validators) = match &source.location {
        Location::Url(url) => match fetcher.fetch(url, &state.validators(), sleep)? {
            Fetched::NotModified => return Ok(Got::NotModified),
            Fetched::Page(page) => (page.bytes, page.charset, page.validators),
        },
        Location::Path(path) => (
            read_file(path, fetcher.options().max_bytes)?,
            None,
            Validators::default(),
        ),
    };
    let hint = source.encoding.as_deref().or(charset.as_deref());
    let text =
        decode_with_charset(&bytes, hint).map_err(|e| SourceError::new("decode", e.to_string()))?;
    let (bytes, is_html) = match &source.selector {
        Some(selector) => (select(&text, selector)?.into_bytes(), true),
        // The bytes as they came, when they already read as the text: the raw input kept is
        // then the page itself.
        None if std::str::from_utf8(&bytes) == Ok(text.as_str()) => {
            let is_html = looks_like_html(&text);
            (bytes, is_html)
        }
        // Decoded with a charset from outside: handed on as UTF-8 with a byte-order mark, so
        // that reading it again (renormalize) gives the same text without that charset.
        None => (
            format!("\u{feff}{text}").into_bytes(),
            looks_like_html(&text),
        ),
    };
    let (hospital, report) = stored_as(source, state);
    let raw_ext = match &source.location {
        Location::Path(path) if !is_html => path
            .extension()
            .map_or_else(|| "txt".to_string(), |e| e.to_string_lossy().into_owned()),
        _ if is_html => "html".to_string(),
        _ => "txt".to_string(),
    };
    let fallback_id = match &source.location {
        Location::Path(path) => path.file_stem().map(|s| s.to_string_lossy().into_owned()),
        Location::Url(_) => None,
    };
    let mut read = record::read(Input {
        label: source.label.clone(),
        bytes,
        options: ReadOptions {
            hospital,
            url: source.url().map(str::to_string),
        },
        report,
        fallback_id,
        raw_ext: Some(raw_ext),
        // Each source is its own report: a source is never taken for a new version of
        // another stored report because their sentences look alike, or two sources of one
        // template would overwrite each other's report on every run.
        new_report: true,
    })
    .map_err(|e| match e {
        RecordError::Read {
            source: ReadError::Empty,
            ..
        } => SourceError::new("not_an_article", ReadError::Empty.to_string()),
        RecordError::Read { source, .. } => SourceError::new("decode", source.to_string()),
        other => SourceError::new("read", other.to_string()),
    })?;
    drop_ignored(&mut read.snapshot, source);
    if read.snapshot.sentence_count() == 0 {
        return Err(SourceError::new(
            "not_an_article",
            "no report text left once the ignored sentences are dropped",
        ));
    }
    let hash = version_hash(&read.snapshot);
    Ok(Got::Read(Box::new(ReadSource {
        report: read,
        hash,
        validators,
    })))
}

/// The hospital and report id to read a source as: its table's, else those it was stored
/// under, so that a report does not wander when its title is edited.
fn stored_as(source: &Source, state: &SourceState) -> (Option<String>, Option<String>) {
    let stored = state.report.as_deref().and_then(|r| r.split_once('/'));
    let hospital = source
        .hospital
        .clone()
        .or_else(|| stored.map(|(h, _)| h.to_string()));
    let report = source
        .report
        .clone()
        .or_else(|| stored.map(|(_, r)| r.to_string()));
    (hospital, report)
}

/// A file's bytes, refused past the size cap as a page would be.
fn read_file(path: &Path, max: u64) -> Result<Vec<u8>, SourceError> {
    let file = |e: std::io::Error| SourceError::new("file", format!("cannot read the file: {e}"));
    let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => SourceError::new("file", "no such file"),
        _ => file(e),
    })?;
    if metadata.len() > max {
        return Err(FetchError::TooBig(max).into());
    }
    std::fs::read(path).map_err(file)
}

/// The page's head and the first element `selector` matches, as a page of their own: the
/// head keeps the title and dates the metadata step reads.
fn select(text: &str, selector: &Selector) -> Result<String, SourceError> {
    let page = Html::parse_document(text);
    let Some(element) = page.select(selector).next() else {
        return Err(SourceError::new(
            "not_an_article",
            "the selector matched no element",
        ));
    };
    let head = Selector::parse("head")
        .ok()
        .and_then(|head| page.select(&head).next().map(|h| h.html()))
        .unwrap_or_default();
    Ok(format!(
        "<!DOCTYPE html>\n<html>{head}<body>{}</body></html>\n",
        element.html()
    ))
}

fn looks_like_html(text: &str) -> bool {
    let start: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    ["<html", "<!doctype html", "<body", "<div", "<p>", "<head"]
        .iter()
        .any(|tag| start.contains(tag))
}

/// Removes the sentences any of the source's `ignore` patterns match, and the blocks left
/// empty.
fn drop_ignored(snapshot: &mut Snapshot, source: &Source) {
    if source.ignore.is_empty() {
        return;
    }
    for block in &mut snapshot.blocks {
        block
            .sentences
            .retain(|s| !source.ignore.iter().any(|pattern| pattern.is_match(s)));
    }
    snapshot.blocks.retain(|b| !b.sentences.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selected_element_keeps_the_page_head() {
        let page = "<html><head><title>院务公开</title></head><body><div id=\"nav\">首页</div>\
                    <div class=\"article\"><p>医院召开党建工作会议。</p></div></body></html>";
        let selector = Selector::parse("div.article").expect("selector");
        let html = select(page, &selector).expect("found");
        assert!(html.contains("<title>院务公开</title>"), "{html}");
        assert!(
            html.contains("医院召开党建工作会议") && !html.contains("首页"),
            "{html}"
        );
        let missing = Selector::parse("div.正文").expect("selector");
        assert_eq!(
            select(page, &missing).expect_err("none").kind,
            "not_an_article"
        );
    }

    #[test]
    fn a_report_is_stored_where_it_was_unless_its_table_says_otherwise() {
        let state = SourceState {
            report: Some("诸城市人民医院/联建".to_string()),
            ..SourceState::default()
        };
        let config = crate::store::config::Config::parse(
            "[[watch]]\npath = \"1.html\"\n[[watch]]\npath = \"2.html\"\nreport = \"党建\"\n",
        )
        .expect("parses");
        let sources = super::super::source::sources(&config, Path::new("/")).expect("valid");
        assert_eq!(
            stored_as(&sources[0], &state),
            (Some("诸城市人民医院".to_string()), Some("联建".to_string()))
        );
        assert_eq!(stored_as(&sources[1], &state).1.as_deref(), Some("党建"));
    }
}
