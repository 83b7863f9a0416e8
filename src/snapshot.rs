//! The `Snapshot`: one normalized report, and its diff-friendly `.md` file form.
//!
//! A snapshot is the only value that crosses from the front half of the data flow (decode,
//! extract, normalize, segment) to the back half (store, metrics, align, deltas, render). Its
//! file form is TOML front matter between `+++` lines, then one line per heading (`# …`) or
//! sentence, with a blank line between blocks.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What is known about a report besides its text. Unknown fields stay `None` (never guessed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The institution the report is about, e.g. "诸城市人民医院".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hospital: Option<String>,
    /// The report's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The publisher, e.g. "大众网".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Publication date as ISO `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Authors and reporters, in the order the page names them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Where the report was read from, when it came from the web.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Version of the normalization rules that produced a stored snapshot (set by the store).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalizer: Option<String>,
}

/// Whether a block is a heading or a paragraph of sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A section heading; its one "sentence" is the heading text.
    Heading,
    /// A paragraph: one or more sentences.
    Paragraph,
}

/// A heading or a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Heading or paragraph.
    pub kind: BlockKind,
    /// The block's sentences, each already normalized (a heading has exactly one).
    pub sentences: Vec<String>,
}

impl Block {
    /// A heading block.
    pub fn heading(text: impl Into<String>) -> Block {
        Block {
            kind: BlockKind::Heading,
            sentences: vec![text.into()],
        }
    }

    /// A paragraph block.
    pub fn paragraph(sentences: Vec<String>) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            sentences,
        }
    }
}

/// One normalized report: metadata plus blocks of sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Hospital, title, source, date, authors, url.
    pub meta: Meta,
    /// Headings and paragraphs in reading order.
    pub blocks: Vec<Block>,
}

/// One sentence of a snapshot with its place: the unit that diff and metrics work on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceRef<'a> {
    /// Index among all sentences of the snapshot, counting from 0 (headings included).
    pub index: usize,
    /// Index of the block that holds it.
    pub block: usize,
    /// Whether the sentence is a heading.
    pub heading: bool,
    /// The sentence text.
    pub text: &'a str,
}

/// Why a snapshot file could not be read.
#[derive(Debug, Error)]
pub enum SnapshotError {
    /// The `+++` front matter is missing or not closed.
    #[error("no `+++` front matter at the top of the snapshot")]
    MissingFrontMatter,
    /// The front matter is not valid TOML for a snapshot; the parser's error says where
    /// (boxed: it is large, and every error that wraps this one would carry its size).
    #[error("front matter is not valid")]
    FrontMatter(#[source] Box<toml::de::Error>),
}

const FENCE: &str = "+++";

impl Snapshot {
    /// Every sentence in reading order, headings included.
    pub fn sentences(&self) -> impl Iterator<Item = SentenceRef<'_>> {
        self.blocks
            .iter()
            .enumerate()
            .flat_map(|(block, b)| {
                b.sentences.iter().map(move |text| SentenceRef {
                    index: 0,
                    block,
                    heading: b.kind == BlockKind::Heading,
                    text: text.as_str(),
                })
            })
            .enumerate()
            .map(|(index, s)| SentenceRef { index, ..s })
    }

    /// Number of sentences, headings included.
    pub fn sentence_count(&self) -> usize {
        self.blocks.iter().map(|b| b.sentences.len()).sum()
    }

    /// For each sentence, the text of the heading it stands under (a heading stands under
    /// itself); `None` before the first heading.
    pub fn sections(&self) -> Vec<Option<&str>> {
        let mut current = None;
        self.sentences()
            .map(|s| {
                if s.heading {
                    current = Some(s.text);
                }
                current
            })
            .collect()
    }

    /// The snapshot file: front matter, then one line per heading or sentence.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        out.push_str(FENCE);
        out.push('\n');
        write_front_matter(&self.meta, &mut out);
        out.push_str(FENCE);
        out.push('\n');
        for block in &self.blocks {
            if block.sentences.is_empty() {
                continue;
            }
            out.push('\n');
            match block.kind {
                BlockKind::Heading => {
                    out.push_str("# ");
                    out.push_str(&block.sentences.join(""));
                    out.push('\n');
                }
                BlockKind::Paragraph => {
                    for sentence in &block.sentences {
                        out.push_str(sentence);
                        out.push('\n');
                    }
                }
            }
        }
        out
    }

    /// Reads a snapshot file written by [`Snapshot::to_markdown`] (or edited by hand).
    pub fn from_markdown(text: &str) -> Result<Snapshot, SnapshotError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (front, body) = split_front_matter(text).ok_or(SnapshotError::MissingFrontMatter)?;
        let meta: Meta =
            toml::from_str(front).map_err(|e| SnapshotError::FrontMatter(Box::new(e)))?;
        Ok(Snapshot {
            meta,
            blocks: parse_body(body),
        })
    }
}

/// Whether `text` looks like a snapshot file (starts with a `+++` front matter fence).
pub fn looks_like_snapshot(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    split_front_matter(text).is_some()
}

fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

fn parse_body(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<String> = Vec::new();
    for line in body.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else if let Some(heading) = line.strip_prefix("# ") {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::heading(heading.trim()));
        } else {
            paragraph.push(line.to_string());
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

fn flush(paragraph: &mut Vec<String>, blocks: &mut Vec<Block>) {
    if !paragraph.is_empty() {
        blocks.push(Block::paragraph(std::mem::take(paragraph)));
    }
}

/// Writes the front matter by hand so that the field order is the documented one and the
/// output is byte-stable across `toml` versions.
fn write_front_matter(meta: &Meta, out: &mut String) {
    let fields = [
        ("hospital", &meta.hospital),
        ("title", &meta.title),
        ("source", &meta.source),
        ("published", &meta.published),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            push_field(out, name, &toml_string(value));
        }
    }
    if !meta.authors.is_empty() {
        let list: Vec<String> = meta.authors.iter().map(|a| toml_string(a)).collect();
        push_field(out, "authors", &format!("[{}]", list.join(", ")));
    }
    if let Some(url) = &meta.url {
        push_field(out, "url", &toml_string(url));
    }
    if let Some(normalizer) = &meta.normalizer {
        push_field(out, "normalizer", &toml_string(normalizer));
    }
}

fn push_field(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push_str(" = ");
    out.push_str(value);
    out.push('\n');
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn toml_string(value: &str) -> String {
    let mut s = String::with_capacity(value.len() + 2);
    s.push('"');
    for c in value.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            c if c.is_control() => s.push_str(&format!("\\u{:04X}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Snapshot {
        Snapshot {
            meta: Meta {
                hospital: Some("诸城市人民医院".into()),
                title: Some("天坛医院联建诸城的背后".into()),
                source: Some("大众网".into()),
                published: Some("2023-08-04".into()),
                authors: vec!["钟耀萱".into(), "邵长江".into()],
                url: None,
                normalizer: None,
            },
            blocks: vec![
                Block::heading("“支部建在学科上”"),
                Block::paragraph(vec![
                    "与强者同行,方可行稳致远。".into(),
                    "由18个党支部调整为23个党支部。".into(),
                ]),
            ],
        }
    }

    #[test]
    fn writes_the_documented_file_form() {
        let md = sample().to_markdown();
        assert_eq!(
            md,
            "+++\nhospital = \"诸城市人民医院\"\ntitle = \"天坛医院联建诸城的背后\"\n\
             source = \"大众网\"\npublished = \"2023-08-04\"\nauthors = [\"钟耀萱\", \"邵长江\"]\n+++\n\
             \n# “支部建在学科上”\n\n与强者同行,方可行稳致远。\n由18个党支部调整为23个党支部。\n"
        );
    }

    #[test]
    fn reads_back_what_it_writes() {
        let snapshot = sample();
        let md = snapshot.to_markdown();
        assert_eq!(Snapshot::from_markdown(&md).expect("parses"), snapshot);
    }

    #[test]
    fn escapes_quotes_in_front_matter() {
        let mut snapshot = sample();
        snapshot.meta.title = Some("题目\"带引号\"\\".into());
        let md = snapshot.to_markdown();
        assert_eq!(Snapshot::from_markdown(&md).expect("parses"), snapshot);
    }

    #[test]
    fn unknown_fields_are_omitted() {
        let snapshot = Snapshot {
            meta: Meta::default(),
            blocks: vec![Block::paragraph(vec!["只有正文。".into()])],
        };
        assert_eq!(snapshot.to_markdown(), "+++\n+++\n\n只有正文。\n");
    }

    #[test]
    fn sentences_are_numbered_across_blocks() {
        let snapshot = sample();
        let all: Vec<_> = snapshot.sentences().collect();
        assert_eq!(all.len(), 3);
        assert!(all[0].heading);
        assert_eq!(all[2].index, 2);
        assert_eq!(all[2].block, 1);
        assert_eq!(all[2].text, "由18个党支部调整为23个党支部。");
    }

    #[test]
    fn refuses_a_file_without_front_matter() {
        assert!(matches!(
            Snapshot::from_markdown("正文。\n"),
            Err(SnapshotError::MissingFrontMatter)
        ));
        assert!(!looks_like_snapshot("正文。\n"));
    }

    #[test]
    fn a_broken_front_matter_keeps_the_parser_error() {
        let error = Snapshot::from_markdown("+++\ntitle = \n+++\n\n医院召开大会。\n")
            .expect_err("no value for title");
        assert_eq!(error.to_string(), "front matter is not valid");
        let cause = std::error::Error::source(&error).expect("the TOML error");
        assert!(cause.to_string().contains("line 1"), "{cause}");
    }
}
