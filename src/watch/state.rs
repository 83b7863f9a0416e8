//! What a run remembers of each source for the next one, in `watch/<source>.toml` of the
//! store, committed with the run: so that a run on another machine (a CI runner with a fresh
//! clone) counts failures, sends validators and tells flip-backs as the last one would.
//!
//! A state file is written only when something the next run needs changed (a new version,
//! the failure count, the report the source lands on); the times and validators in it are
//! refreshed then. A quiet run therefore makes no commit at all.

use serde::{Deserialize, Serialize};

use crate::compare_key::sentence_key;
use crate::fetch::Validators;
use crate::snapshot::Snapshot;

/// One source's state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceState {
    /// The source's URL or path, as in `reportdiff.toml`.
    pub source: String,
    /// The report it is stored as, `HOSPITAL/REPORT`, once stored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// When it last read well (RFC 3339), as of the last time this file was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_success: Option<String>,
    /// When it last failed (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_failure: Option<String>,
    /// Why it last failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Failures in a row, 0 after a good read.
    pub failures: u32,
    /// The `ETag` of the last good fetch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` of the last good fetch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Hashes of the versions seen, newest first: the first is the stored version.
    pub seen: Vec<String>,
}

impl SourceState {
    /// The state in a file's text; a file that does not parse is a fresh start (it holds
    /// nothing that cannot be learned again).
    pub fn parse(source: &str, text: Option<&[u8]>) -> SourceState {
        let parsed = text
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .and_then(|text| toml::from_str::<SourceState>(text).ok());
        let mut state = parsed.unwrap_or_default();
        state.source = source.to_string();
        state
    }

    /// The file's text.
    pub fn to_toml(&self) -> String {
        // Only strings, integers and lists: serialization cannot fail.
        toml::to_string(self).unwrap_or_default()
    }

    /// The validators to send: only while the stored version is known, since a `304` for
    /// a page never stored would leave nothing to compare with.
    pub fn validators(&self) -> Validators {
        if self.seen.is_empty() || self.report.is_none() {
            return Validators::default();
        }
        Validators {
            etag: self.etag.clone(),
            last_modified: self.last_modified.clone(),
        }
    }

    /// The stored version's hash.
    pub fn current(&self) -> Option<&str> {
        self.seen.first().map(String::as_str)
    }

    /// How many versions back `hash` was seen (1 = the version before the stored one), if
    /// it was among the remembered ones other than the stored one.
    pub fn seen_before(&self, hash: &str) -> Option<usize> {
        self.seen
            .iter()
            .skip(1)
            .position(|h| h == hash)
            .map(|i| i + 1)
    }

    /// Records `hash` as the stored version, keeping at most `remember` earlier ones.
    pub fn record_version(&mut self, hash: &str, remember: usize) {
        self.seen.retain(|h| h != hash);
        self.seen.insert(0, hash.to_string());
        self.seen.truncate(remember + 1);
    }
}

/// The name of a source's state file: readable (the URL or path, sanitized by the store)
/// and unique (a hash of the whole label, since sanitizing can make two labels alike).
pub fn file_name(label: &str) -> String {
    let rest = label.split_once("://").map_or(label, |(_, rest)| rest);
    let readable: String = rest
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(48)
        .collect();
    format!(
        "{}-{:08x}",
        readable.trim_matches('_'),
        fnv1a(label.as_bytes()) as u32
    )
}

/// A version's hash: of its sentences' comparison keys, so that what a diff would not call a
/// change (punctuation width, spacing, script, metadata) gives the same hash.
pub fn version_hash(snapshot: &Snapshot) -> String {
    let mut keys = Vec::new();
    for sentence in snapshot.sentences() {
        keys.extend_from_slice(sentence_key(sentence.text).as_bytes());
        keys.push(b'\n');
    }
    format!("{:016x}", fnv1a(&keys))
}

/// FNV-1a, 64 bits: a hash that stays the same across Rust versions and machines (the
/// standard library's does not promise to), for state files that outlive both. A handful of
/// versions per source are compared, so its collision rate is no concern.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Block;

    fn snapshot(sentences: &[&str]) -> Snapshot {
        Snapshot {
            blocks: vec![Block::paragraph(
                sentences.iter().map(|s| s.to_string()).collect(),
            )],
            ..Snapshot::default()
        }
    }

    #[test]
    fn the_hash_ignores_what_a_diff_ignores() {
        let a = version_hash(&snapshot(&["门诊量达到42.15万人次,同比增长5%。"]));
        let b = version_hash(&snapshot(&["门诊量达到42.15万人次，同比增长5%。"]));
        let c = version_hash(&snapshot(&["门诊量达到45.3万人次，同比增长5%。"]));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn a_state_round_trips_and_remembers_a_bounded_history() {
        let mut state = SourceState::parse("https://a.cn/1.html", None);
        for hash in ["a", "b", "c", "b"] {
            state.record_version(hash, 2);
        }
        assert_eq!(state.seen, ["b", "c", "a"]);
        assert_eq!(state.seen_before("c"), Some(1));
        assert_eq!(
            state.seen_before("b"),
            None,
            "the stored version is no flip-back"
        );
        state.record_version("d", 2);
        assert_eq!(state.seen, ["d", "b", "c"]);
        state.etag = Some("\"v2\"".to_string());
        let text = state.to_toml();
        assert_eq!(
            SourceState::parse("https://a.cn/1.html", Some(text.as_bytes())),
            state
        );
        assert_eq!(
            SourceState::parse("https://a.cn/1.html", Some("不是 toml".as_bytes())).seen,
            Vec::<String>::new()
        );
    }

    #[test]
    fn file_names_are_readable_and_apart() {
        let a = file_name("https://www.a.cn/news/1.html");
        assert!(a.starts_with("www.a.cn_news_1.html-"), "{a}");
        assert_ne!(
            file_name("pages/诸城 1.html"),
            file_name("pages/诸城_1.html")
        );
    }
}
