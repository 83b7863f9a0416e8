//! The sources a run re-reads: the `[[watch]]` tables of `reportdiff.toml`, checked once
//! (one place, one URL or file, a known encoding, a selector and regexes that parse), and
//! the subset a run takes (`--only`, `--shard`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use regex::Regex;
use scraper::Selector;

use crate::store::config::{Config, FlagRules, WatchSource};

use super::WatchError;
use super::flags::Rules;
use super::state::fnv1a;

/// Where a source is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An http(s) page.
    Url(String),
    /// A file (its path resolved against the store's root).
    Path(PathBuf),
}

/// One source, checked and ready to read.
#[derive(Debug, Clone)]
pub struct Source {
    /// How the source is named: its URL, or its path as written in `reportdiff.toml`. Unique
    /// in a run; it also names the source's state file.
    pub label: String,
    /// Where it is read from.
    pub location: Location,
    /// The hospital, when the report does not name it.
    pub hospital: Option<String>,
    /// The report id, instead of the default one.
    pub report: Option<String>,
    /// The encoding the page is in, over what the server and the page say.
    pub encoding: Option<String>,
    /// The element that holds the article.
    pub selector: Option<Selector>,
    /// Sentences left out of the stored report.
    pub ignore: Vec<Regex>,
    /// When a change of this source is flagged.
    pub rules: Rules,
    /// Consecutive failures after which the source is broken.
    pub broken_after: u32,
    /// Earlier versions remembered for telling a flip-back.
    pub remember: usize,
}

/// Consecutive failures after which a source is broken, unless `[flags]` says otherwise.
pub const BROKEN_AFTER: u32 = 3;
/// Earlier versions remembered per source, unless `[flags]` says otherwise.
pub const REMEMBER: usize = 5;

impl Source {
    /// The host the source is fetched from (`""` for a file): the unit of politeness.
    pub fn host(&self) -> &str {
        match &self.location {
            Location::Path(_) => "",
            Location::Url(url) => {
                let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
                let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
                authority.rsplit('@').next().unwrap_or(authority)
            }
        }
    }

    /// The URL recorded with the report, for a page fetched from one.
    pub fn url(&self) -> Option<&str> {
        match &self.location {
            Location::Url(url) => Some(url),
            Location::Path(_) => None,
        }
    }
}

/// Which sources a run takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only the sources of this hospital (as configured, aliases resolved).
    pub only: Option<String>,
    /// Only shard `i` of `n` (1-based): sources are dealt by a hash of their label, so that
    /// adding a source does not move the others to another shard.
    pub shard: Option<(u32, u32)>,
}

/// Every source of `config`, checked; `root` is the folder `path =` is relative to. Any
/// mistake is an error naming the source: a broken config fails the run, it is not skipped.
pub fn sources(config: &Config, root: &Path) -> Result<Vec<Source>, WatchError> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(config.watch.len());
    for (i, entry) in config.watch.iter().enumerate() {
        let source = checked(entry, &config.flags, root).map_err(|why| WatchError::Config {
            source_index: i + 1,
            why,
        })?;
        if !seen.insert(source.label.clone()) {
            return Err(WatchError::Config {
                source_index: i + 1,
                why: format!("{} is listed twice", source.label),
            });
        }
        out.push(source);
    }
    Ok(out)
}

/// One `[[watch]]` table, checked as [`sources`] checks each (for `watch add`).
pub fn source(entry: &WatchSource, config: &Config, root: &Path) -> Result<Source, WatchError> {
    checked(entry, &config.flags, root).map_err(|why| WatchError::Config {
        source_index: config.watch.len() + 1,
        why,
    })
}

fn checked(entry: &WatchSource, global: &FlagRules, root: &Path) -> Result<Source, String> {
    let (label, location) = match (&entry.url, &entry.path) {
        (Some(url), None) => {
            let lower = url.to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                return Err(format!(
                    "url `{url}` is not an http(s) address; use path = for a file"
                ));
            }
            (
                url.trim().to_string(),
                Location::Url(url.trim().to_string()),
            )
        }
        (None, Some(path)) => (path.clone(), Location::Path(root.join(path))),
        (Some(_), Some(_)) => return Err("give url or path, not both".to_string()),
        (None, None) => return Err("give url = or path =".to_string()),
    };
    if let Some(encoding) = &entry.encoding
        && encoding_rs::Encoding::for_label(encoding.trim().as_bytes()).is_none()
    {
        return Err(format!(
            "encoding `{encoding}` is unknown; use gbk, gb18030, big5 or utf-8"
        ));
    }
    let selector = entry
        .selector
        .as_deref()
        .map(|css| Selector::parse(css).map_err(|e| format!("selector `{css}`: {e}")))
        .transpose()?;
    let ignore = entry
        .ignore
        .iter()
        .map(|pattern| Regex::new(pattern).map_err(|e| format!("ignore `{pattern}`: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let flags = match &entry.flags {
        Some(own) => own.over(global),
        None => global.clone(),
    };
    if flags
        .min_ratio
        .is_some_and(|r| !(r.is_finite() && r >= 0.0))
    {
        return Err("flags.min_ratio must be a fraction of 0 or more (0.1 = 10%)".to_string());
    }
    Ok(Source {
        label,
        location,
        hospital: entry.hospital.clone(),
        report: entry.report.clone(),
        encoding: entry.encoding.clone(),
        selector,
        ignore,
        rules: Rules::from_flags(&flags),
        broken_after: flags.broken_after.unwrap_or(BROKEN_AFTER).max(1),
        remember: flags.remember.unwrap_or(REMEMBER),
    })
}

/// The sources `selection` takes, in their order. `hospital_of` tells the hospital a source
/// was last stored under, for one that does not name it in its table.
pub fn select(
    sources: Vec<Source>,
    selection: &Selection,
    config: &Config,
    hospital_of: impl Fn(&Source) -> Option<String>,
) -> Vec<Source> {
    let only = selection
        .only
        .as_deref()
        .map(|h| config.resolve_hospital(h.trim()).to_string());
    sources
        .into_iter()
        .filter(|source| match selection.shard {
            Some((i, n)) => fnv1a(source.label.as_bytes()) % u64::from(n) == u64::from(i - 1),
            None => true,
        })
        .filter(|source| match &only {
            None => true,
            Some(only) => {
                let hospital = source
                    .hospital
                    .as_deref()
                    .map(|h| config.resolve_hospital(h).to_string())
                    .or_else(|| hospital_of(source));
                hospital.as_deref() == Some(only.as_str())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Config {
        Config::parse(text).expect("parses")
    }

    #[test]
    fn every_mistake_names_the_source() {
        for (text, says) in [
            (
                "[[watch]]\nhospital = \"诸城市人民医院\"\n",
                "give url = or path =",
            ),
            (
                "[[watch]]\nurl = \"https://a.cn/1\"\npath = \"1.html\"\n",
                "not both",
            ),
            (
                "[[watch]]\nurl = \"ftp://a.cn/1\"\n",
                "not an http(s) address",
            ),
            (
                "[[watch]]\npath = \"1.html\"\nencoding = \"klingon\"\n",
                "klingon",
            ),
            (
                "[[watch]]\npath = \"1.html\"\nselector = \"div[\"\n",
                "selector",
            ),
            (
                "[[watch]]\npath = \"1.html\"\nignore = [\"(浏览\"]\n",
                "ignore",
            ),
            (
                "[[watch]]\npath = \"1.html\"\n[[watch]]\npath = \"1.html\"\n",
                "listed twice",
            ),
        ] {
            let err = sources(&config(text), Path::new("/")).expect_err(text);
            assert!(err.to_string().contains(says), "{err}");
        }
    }

    #[test]
    fn a_source_knows_its_host_and_its_file() {
        let list = sources(
            &config(
                "[[watch]]\nurl = \"https://user@www.a.cn:8080/news/1.html?id=3\"\n\
                 [[watch]]\npath = \"pages/诸城.html\"\n",
            ),
            Path::new("/store"),
        )
        .expect("valid");
        assert_eq!(list[0].host(), "www.a.cn:8080");
        assert_eq!(list[1].host(), "");
        assert_eq!(
            list[1].location,
            Location::Path(PathBuf::from("/store/pages/诸城.html"))
        );
        assert_eq!(list[1].broken_after, BROKEN_AFTER);
    }

    #[test]
    fn shards_deal_every_source_once() {
        let text: String = (0..40)
            .map(|i| format!("[[watch]]\npath = \"{i}.html\"\n"))
            .collect();
        let config = config(&text);
        let all = sources(&config, Path::new("/")).expect("valid");
        let mut dealt = 0;
        for i in 1..=3 {
            let selection = Selection {
                shard: Some((i, 3)),
                ..Selection::default()
            };
            let shard = select(all.clone(), &selection, &config, |_| None);
            assert!(!shard.is_empty() && shard.len() < 40, "{}", shard.len());
            dealt += shard.len();
        }
        assert_eq!(dealt, 40);
    }

    #[test]
    fn only_takes_a_hospital_by_name_alias_or_stored_name() {
        let config = config(
            "[aliases]\n\"诸城人医\" = \"诸城市人民医院\"\n\
             [[watch]]\npath = \"1.html\"\nhospital = \"诸城人医\"\n\
             [[watch]]\npath = \"2.html\"\n\
             [[watch]]\npath = \"3.html\"\nhospital = \"定陶区人民医院\"\n",
        );
        let all = sources(&config, Path::new("/")).expect("valid");
        let selection = Selection {
            only: Some("诸城市人民医院".to_string()),
            ..Selection::default()
        };
        let stored = |s: &Source| (s.label == "2.html").then(|| "诸城市人民医院".to_string());
        let taken: Vec<String> = select(all, &selection, &config, stored)
            .into_iter()
            .map(|s| s.label)
            .collect();
        assert_eq!(taken, ["1.html", "2.html"]);
    }
}
