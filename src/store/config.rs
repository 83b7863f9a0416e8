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

# Sources that `reportdiff watch` re-reads.
# [[watch]]
# url = "https://example.com/news/1.html"
# hospital = "诸城市人民医院"
# report = "天坛医院联建诸城的背后"

# When `reportdiff watch` flags a change.
[flags]
# min_ratio = 0.1          # a metric moving by 10% or more
# keys = ["outpatient_visits"]
# removed = true           # a metric that disappeared
"#;

/// One source that `watch` re-reads.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchSource {
    /// Where the report is read from.
    pub url: String,
    /// The hospital, when the report does not name it.
    #[serde(default)]
    pub hospital: Option<String>,
    /// The report id, instead of the default one.
    #[serde(default)]
    pub report: Option<String>,
}

/// When a change is flagged.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagRules {
    /// Flag a metric whose value moved by at least this fraction (0.1 = 10%).
    #[serde(default)]
    pub min_ratio: Option<f64>,
    /// Only these metric keys are flagged (all when empty).
    #[serde(default)]
    pub keys: Vec<String>,
    /// Flag a metric that disappeared.
    #[serde(default)]
    pub removed: bool,
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
