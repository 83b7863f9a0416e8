//! `reportdiff.toml`: the store's hospital aliases, lexicon entries, watch sources and flag
//! rules.

use std::collections::BTreeMap;

use serde::Deserialize;
use thiserror::Error;

/// The file name of the store's configuration, at the repository root.
pub const CONFIG_FILE: &str = "reportdiff.toml";

/// What `reportdiff init` writes: every section, commented, with Chinese examples.
pub const TEMPLATE: &str = r#"# reportdiff store configuration.
# Snapshots live under snapshots/<hospital>/<report>.md, raw inputs under raw/.

# Other names of a hospital, usable in REFs and with `ingest --hospital`:
# the alias on the left, the name snapshots are stored under on the right.
[aliases]
# "诸城人医" = "诸城市人民医院"

# Label wordings mapped to metric keys, added to (or overriding) the built-in lexicon.
[lexicon]
# "门急诊量" = "outpatient_visits"

# Sources that `reportdiff watch` re-reads (`reportdiff watch add URL` appends one).
# [[watch]]
# url = "https://example.com/news/1.html"   # or: path = "pages/1.html"
# hospital = "诸城市人民医院"
# report = "天坛医院联建诸城的背后"
# encoding = "gbk"                          # when the server and the page say it wrong
# selector = "div.article"                  # CSS: the element that holds the article
# ignore = ["^本文已被浏览\\d+次"]            # sentences left out of the stored report
# [watch.flags]                             # this source's own rules, over [flags]
# min_ratio = 0.05

# When `reportdiff watch` flags a change: by default, any sentence change; with rules,
# only what they select.
[flags]
# min_ratio = 0.1          # a metric moving by 10% or more
# keys = ["outpatient_visits"]
# removed = true           # a metric that disappeared
# keywords = ["死亡", "停诊"]  # a changed sentence holding one of these words
# any = true               # any sentence change as well
# broken_after = 3         # consecutive failures before a source is reported broken
# remember = 5             # earlier versions kept for telling a flip-back
"#;

/// One source that `watch` re-reads: a `[[watch]]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchSource {
    /// Where the report is fetched from (http or https); this or `path`.
    #[serde(default)]
    pub url: Option<String>,
    /// A file the report is read from, relative to the store's root; this or `url`.
    #[serde(default)]
    pub path: Option<String>,
    /// The hospital, when the report does not name it.
    #[serde(default)]
    pub hospital: Option<String>,
    /// The report id, instead of the default one.
    #[serde(default)]
    pub report: Option<String>,
    /// The page's encoding (`gbk`, `utf-8`, `big5`), when neither the server nor the page
    /// says it right.
    #[serde(default)]
    pub encoding: Option<String>,
    /// A CSS selector for the element that holds the article, when extraction alone picks
    /// the wrong block.
    #[serde(default)]
    pub selector: Option<String>,
    /// Regular expressions: sentences matching any are left out of the stored report.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Flag rules of this source, over `[flags]` key by key.
    #[serde(default)]
    pub flags: Option<FlagRules>,
}

/// When `watch` flags a change (`[flags]`, or a source's own `flags` table over it, key by
/// key). With none of `min_ratio`, `keys`, `removed`, `keywords` set, any sentence change is
/// flagged; with some, only what they select, unless `any = true`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagRules {
    /// Flag any sentence change, besides what the other rules select.
    #[serde(default)]
    pub any: Option<bool>,
    /// Flag a metric whose value moved by at least this fraction (0.1 = 10%).
    #[serde(default)]
    pub min_ratio: Option<f64>,
    /// Only these metric keys are flagged (with `min_ratio` or `removed`, they narrow those;
    /// alone, any change of these metrics is flagged).
    #[serde(default)]
    pub keys: Option<Vec<String>>,
    /// Flag a metric that disappeared.
    #[serde(default)]
    pub removed: Option<bool>,
    /// Flag a changed sentence (old or new side) that holds any of these words.
    #[serde(default)]
    pub keywords: Option<Vec<String>>,
    /// Consecutive failures after which a source is reported as broken (default 3).
    #[serde(default)]
    pub broken_after: Option<u32>,
    /// How many earlier versions of a source are remembered, so that a page that comes
    /// back to one of them is a flip-back, not a change (default 5).
    #[serde(default)]
    pub remember: Option<usize>,
}

impl FlagRules {
    /// These rules, with each key they leave unset taken from `base`.
    pub fn over(&self, base: &FlagRules) -> FlagRules {
        FlagRules {
            any: self.any.or(base.any),
            min_ratio: self.min_ratio.or(base.min_ratio),
            keys: self.keys.clone().or_else(|| base.keys.clone()),
            removed: self.removed.or(base.removed),
            keywords: self.keywords.clone().or_else(|| base.keywords.clone()),
            broken_after: self.broken_after.or(base.broken_after),
            remember: self.remember.or(base.remember),
        }
    }
}

/// `text` (a `reportdiff.toml`) with one more `[[watch]]` table at its end; the rest of
/// the file, comments included, is kept as it is.
pub fn append_watch_source(text: &str, source: &WatchSource) -> String {
    let quoted = |value: &str| toml::Value::String(value.to_string()).to_string();
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("\n[[watch]]\n");
    let fields = [
        ("url", &source.url),
        ("path", &source.path),
        ("hospital", &source.hospital),
        ("report", &source.report),
        ("encoding", &source.encoding),
        ("selector", &source.selector),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            out.push_str(&format!("{key} = {}\n", quoted(value)));
        }
    }
    out
}

/// The parsed `reportdiff.toml`; every section may be missing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Alias -> hospital name.
    pub aliases: BTreeMap<String, String>,
    /// Lexicon entries, wording -> metric key, sorted by wording: plain pairs, for the
    /// metrics lexicon to be built from (the store does not interpret them).
    pub lexicon: Vec<(String, String)>,
    /// Sources for `watch`.
    pub watch: Vec<WatchSource>,
    /// Flag rules for `watch`.
    pub flags: FlagRules,
}

/// Why `reportdiff.toml` could not be read.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file is not TOML, or holds an unknown key or a value of the wrong type; the
    /// `toml` crate's message names the line and the key.
    #[error("{CONFIG_FILE}")]
    Toml(#[source] toml::de::Error),
    /// A `[lexicon]` entry does not map to a metric key.
    #[error("{CONFIG_FILE}: [lexicon] `{0}` must map to a metric key in quotes")]
    NotAKey(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    #[serde(default)]
    lexicon: toml::Table,
    #[serde(default)]
    watch: Vec<WatchSource>,
    #[serde(default)]
    flags: FlagRules,
}

impl Config {
    /// Parses the file's text. Unknown keys are an error that names the key.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(ConfigError::Toml)?;
        Ok(Config {
            aliases: raw.aliases,
            lexicon: lexicon_entries(&raw.lexicon)?,
            watch: raw.watch,
            flags: raw.flags,
        })
    }

    /// The hospital an alias stands for, or the name itself.
    pub fn resolve_hospital<'a>(&'a self, name: &'a str) -> &'a str {
        self.aliases.get(name).map_or(name, String::as_str)
    }
}

/// The `(wording, key)` pairs of a `[lexicon]` table: every key a non-empty string.
fn lexicon_entries(table: &toml::Table) -> Result<Vec<(String, String)>, ConfigError> {
    table
        .iter()
        .map(|(wording, key)| {
            key.as_str()
                .filter(|k| !k.trim().is_empty())
                .map(|k| (wording.clone(), k.to_string()))
                .ok_or_else(|| ConfigError::NotAKey(wording.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_parses_to_an_empty_config() {
        let config = Config::parse(TEMPLATE).expect("template parses");
        assert!(config.aliases.is_empty());
        assert!(config.lexicon.is_empty());
        assert!(config.watch.is_empty());
    }

    #[test]
    fn reads_every_section() {
        let config = Config::parse(
            r#"
[aliases]
"诸城人医" = "诸城市人民医院"

[lexicon]
"门急诊量" = "outpatient_visits"

[[watch]]
url = "https://example.com/1.html"
hospital = "诸城市人民医院"

[flags]
min_ratio = 0.1
keys = ["outpatient_visits"]
"#,
        )
        .expect("parses");
        assert_eq!(config.resolve_hospital("诸城人医"), "诸城市人民医院");
        assert_eq!(config.resolve_hospital("定陶区人民医院"), "定陶区人民医院");
        assert_eq!(
            config.lexicon,
            vec![("门急诊量".to_string(), "outpatient_visits".to_string())]
        );
        assert_eq!(config.watch.len(), 1);
        assert_eq!(config.flags.min_ratio, Some(0.1));
    }

    #[test]
    fn a_source_reads_its_own_flags_over_the_global_ones() {
        let config = Config::parse(
            r#"
[[watch]]
path = "pages/诸城.html"
encoding = "gbk"
selector = "div.article"
ignore = ["^浏览"]
[watch.flags]
keywords = ["停诊"]

[[watch]]
url = "https://example.com/2.html"

[flags]
min_ratio = 0.1
broken_after = 5
"#,
        )
        .expect("parses");
        let first = &config.watch[0];
        assert_eq!(first.path.as_deref(), Some("pages/诸城.html"));
        assert_eq!(first.ignore, ["^浏览"]);
        let own = first.flags.as_ref().expect("own flags").over(&config.flags);
        assert_eq!(own.keywords, Some(vec!["停诊".to_string()]));
        assert_eq!(own.min_ratio, Some(0.1));
        assert_eq!(own.broken_after, Some(5));
        assert_eq!(config.watch[1].flags, None);
    }

    #[test]
    fn an_appended_source_parses_and_keeps_the_rest_of_the_file() {
        let source = WatchSource {
            url: Some("https://example.com/news/1.html".to_string()),
            hospital: Some("诸城市人民医院".to_string()),
            report: Some("联建\"新闻\"".to_string()),
            ..WatchSource::default()
        };
        let text = append_watch_source(TEMPLATE, &source);
        assert!(text.starts_with(TEMPLATE));
        let config = Config::parse(&text).expect("parses");
        assert_eq!(config.watch, [source]);
    }

    #[test]
    fn unknown_keys_are_named_by_the_cause() {
        for (text, key) in [
            ("[alias]\n\"诸城\" = \"诸城市人民医院\"\n", "alias"),
            ("[flags]\nratio = 0.1\n", "ratio"),
        ] {
            let err = Config::parse(text).expect_err("unknown");
            assert_eq!(err.to_string(), CONFIG_FILE);
            let cause = std::error::Error::source(&err).expect("the toml error");
            assert!(cause.to_string().contains(key), "{cause}");
        }
    }

    #[test]
    fn an_empty_lexicon_key_is_refused() {
        let err = Config::parse("[lexicon]\n\"门诊量\" = \" \"\n").expect_err("empty key");
        assert!(err.to_string().contains("门诊量"), "{err}");
    }

    #[test]
    fn a_lexicon_entry_must_be_a_string() {
        let err = Config::parse("[lexicon]\n\"门诊量\" = 3\n").expect_err("not a key");
        assert!(err.to_string().contains("门诊量"), "{err}");
    }
}
