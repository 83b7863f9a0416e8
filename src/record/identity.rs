//! Which report an input is: the hospital it is filed under, and its report id, including
//! the stored report it is a new version of when its own name would start a new one.
//!
//! A report is named by `--report`, else its title, else its URL, else its file name. A
//! title is the name people type in a REF, so it comes before the URL; and the same article
//! read with and without `--url` then lands on one report. Names still drift (a title is
//! edited, an untitled report arrives as `datong-0102.txt` after `datong-0101.txt`), so an
//! input whose name is new is compared with the stored reports of its hospital: one with the
//! same URL, or else one that holds most of the same sentences, is the report it updates.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::compare_key::sentence_key;
use crate::snapshot::Snapshot;
use crate::store::config::Config;
use crate::store::path::{report_id_from_url, sanitize_component};
use crate::store::{ReportPath, StoreError, Tip};

use super::Report;

/// The share of sentences two versions must have in common (of the longer one) to be taken
/// for one report. Two versions of a report share nearly all of theirs (an edit changes a
/// few sentences); two reports of one hospital share a slogan or two.
pub const SAME_REPORT: f64 = 0.6;

/// Why an input is stored as an existing report other than the one its name gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Matched {
    /// The stored report was read from the same URL.
    Url,
    /// The stored report holds this share of the input's sentences (see [`SAME_REPORT`]).
    Content(f64),
}

/// The report id a report's own data gives: `--report`, else the title, else the URL, else
/// the file name; `None` when it has none of them.
pub(super) fn own_id(report: &Report, snapshot: &Snapshot) -> Option<String> {
    let meta = &snapshot.meta;
    if let Some(id) = &report.report {
        return Some(sanitize_component(id));
    }
    let title = meta.title.as_deref().filter(|t| !t.trim().is_empty());
    match (title, &meta.url) {
        (Some(title), _) => Some(sanitize_component(title)),
        (None, Some(url)) => Some(report_id_from_url(url)),
        (None, None) => report.fallback_id.as_deref().map(sanitize_component),
    }
}

/// The stored reports of each hospital that inputs are matched against, each read once per
/// plan however many inputs of that hospital arrive: a run of many new reports of one
/// hospital compares sentence sets, and does not parse every stored snapshot again for each.
#[derive(Default)]
pub(super) struct StoredReports {
    by_hospital: HashMap<String, Vec<StoredReport>>,
}

struct StoredReport {
    path: ReportPath,
    url: Option<String>,
    keys: HashSet<String>,
}

impl StoredReports {
    /// The stored report of `hospital` (a folder name) that `snapshot` is a new version of:
    /// the one read from the same URL, else the one most alike at [`SAME_REPORT`] or more.
    pub(super) fn version_of(
        &mut self,
        tip: &Tip<'_>,
        hospital: &str,
        snapshot: &Snapshot,
    ) -> Result<Option<(ReportPath, Matched)>, StoreError> {
        let stored = match self.by_hospital.entry(hospital.to_string()) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => entry.insert(read_hospital(tip, hospital)?),
        };
        if let Some(url) = &snapshot.meta.url
            && let Some(same) = stored.iter().find(|s| s.url.as_ref() == Some(url))
        {
            return Ok(Some((same.path.clone(), Matched::Url)));
        }
        let keys = sentence_keys(snapshot);
        let mut best: Option<(&StoredReport, f64)> = None;
        for report in stored.iter() {
            let alike = likeness(&keys, &report.keys);
            if alike >= SAME_REPORT && best.is_none_or(|(_, b)| alike > b) {
                best = Some((report, alike));
            }
        }
        Ok(best.map(|(report, alike)| (report.path.clone(), Matched::Content(alike))))
    }
}

/// Every readable stored report of a hospital, with its URL and sentence keys.
fn read_hospital(tip: &Tip<'_>, hospital: &str) -> Result<Vec<StoredReport>, StoreError> {
    let mut stored = Vec::new();
    for path in tip.reports_of(hospital)? {
        let Some(bytes) = tip.snapshot(&path)? else {
            continue;
        };
        // An unreadable stored snapshot cannot be matched; it is not this input's problem.
        let Ok(snapshot) = Snapshot::from_markdown(&String::from_utf8_lossy(&bytes)) else {
            continue;
        };
        stored.push(StoredReport {
            keys: sentence_keys(&snapshot),
            url: snapshot.meta.url,
            path,
        });
    }
    Ok(stored)
}

/// The hospital a report is filed under: the one the caller gave, else the one its text names
/// most, counting the names the store's `[aliases]` give it (a report that calls itself
/// 诸城人医 is a report of 诸城市人民医院), always under the name aliases resolve to.
pub(super) fn hospital_of(report: &Report, config: &Config) -> Option<String> {
    let read = report.snapshot.meta.hospital.as_deref().map(str::trim);
    let read = read.filter(|h| !h.is_empty());
    if report.hospital_given || config.aliases.is_empty() {
        return read.map(|h| config.resolve_hospital(h).to_string());
    }
    let text: String = report
        .snapshot
        .meta
        .title
        .iter()
        .map(String::as_str)
        .chain(report.snapshot.sentences().map(|s| s.text))
        .collect::<Vec<_>>()
        .join("\n");
    let mut candidates: Vec<&str> = read
        .map(|h| config.resolve_hospital(h))
        .into_iter()
        .collect();
    candidates.extend(config.aliases.values().map(String::as_str));
    // The first candidate (what the front half read) wins a tie.
    let mut best: Option<(&str, usize)> = None;
    for name in candidates {
        let count = mentions(&text, name, config);
        if count > 0 && best.is_none_or(|(_, b)| count > b) {
            best = Some((name, count));
        }
    }
    best.map(|(name, _)| name.to_string())
        .or_else(|| read.map(|h| config.resolve_hospital(h).to_string()))
}

/// How often `text` names the hospital `name`, by its name or by any alias of it; an alias
/// inside a mention of the full name (诸城 in 诸城市人民医院) is not counted again.
fn mentions(text: &str, name: &str, config: &Config) -> usize {
    let full = text.matches(name).count();
    let rest = text.replace(name, "\u{0}");
    let aliases: usize = config
        .aliases
        .iter()
        .filter(|(alias, canonical)| canonical.as_str() == name && !alias.is_empty())
        .map(|(alias, _)| rest.matches(alias.as_str()).count())
        .sum();
    full + aliases
}

fn sentence_keys(snapshot: &Snapshot) -> HashSet<String> {
    snapshot.sentences().map(|s| sentence_key(s.text)).collect()
}

/// The share of sentences both sides hold, of the side with more: 1 for the same report, 0
/// for reports with no sentence in common.
fn likeness(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / longer as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{Block, Meta};

    fn snapshot(title: Option<&str>, url: Option<&str>, sentences: &[&str]) -> Snapshot {
        Snapshot {
            meta: Meta {
                title: title.map(str::to_string),
                url: url.map(str::to_string),
                hospital: Some("大同市第六人民医院".to_string()),
                ..Meta::default()
            },
            blocks: vec![Block::paragraph(
                sentences.iter().map(|s| s.to_string()).collect(),
            )],
        }
    }

    fn report(snapshot: Snapshot, fallback: Option<&str>) -> Report {
        Report {
            label: "datong-0102.txt".to_string(),
            snapshot,
            report: None,
            fallback_id: fallback.map(str::to_string),
            raw: None,
            hospital_given: false,
            new_report: false,
        }
    }

    #[test]
    fn a_title_names_the_report_before_a_url() {
        let titled = snapshot(Some("心理健康辅导"), Some("https://a.cn/1.html"), &["甲。"]);
        let r = report(titled.clone(), Some("datong-0101"));
        assert_eq!(own_id(&r, &titled).as_deref(), Some("心理健康辅导"));
        let untitled = snapshot(None, Some("https://a.cn/1.html"), &["甲。"]);
        assert_eq!(own_id(&r, &untitled).as_deref(), Some("a.cn_1.html"));
        let bare = snapshot(None, None, &["甲。"]);
        assert_eq!(own_id(&r, &bare).as_deref(), Some("datong-0101"));
        assert_eq!(own_id(&report(bare.clone(), None), &bare), None);
    }

    #[test]
    fn likeness_is_the_share_of_sentences_in_common() {
        let keys = |s: &[&str]| sentence_keys(&snapshot(None, None, s));
        let old = keys(&[
            "门诊量达到42.15万人次。",
            "开展义诊80余场。",
            "与强者同行。",
        ]);
        let new = keys(&["门诊量达到45.3万人次。", "开展义诊80余场。", "与强者同行。"]);
        assert!((likeness(&old, &new) - 2.0 / 3.0).abs() < 1e-9);
        let other = keys(&["召开党建工作会议。"]);
        assert_eq!(likeness(&old, &other), 0.0);
        assert!(likeness(&old, &new) >= SAME_REPORT);
    }

    #[test]
    fn an_alias_in_the_text_names_the_hospital() {
        let config =
            Config::parse("[aliases]\n\"诸城人医\" = \"诸城市人民医院\"\n").expect("config");
        let mut text = snapshot(
            None,
            None,
            &[
                "诸城人医与北京天坛医院开展党建联建。",
                "诸城人医神经学科发展迅速。",
            ],
        );
        text.meta.hospital = Some("北京天坛医院".to_string());
        let r = report(text, None);
        assert_eq!(hospital_of(&r, &config).as_deref(), Some("诸城市人民医院"));
        let given = Report {
            hospital_given: true,
            ..r.clone()
        };
        assert_eq!(
            hospital_of(&given, &config).as_deref(),
            Some("北京天坛医院")
        );
        let empty = Config::default();
        assert_eq!(hospital_of(&r, &empty).as_deref(), Some("北京天坛医院"));
    }
}
