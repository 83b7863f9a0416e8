//! Which reports a review covers: `--paths GLOB`, matched against a report's name
//! (`诸城市人民医院/年报`) and against the paths of its files in the repository
//! (`snapshots/诸城市人民医院/年报.md`, `raw/诸城市人民医院/年报.html`).

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::ReviewError;

/// A set of globs; empty, it lets every report through.
#[derive(Debug, Clone, Default)]
pub struct PathFilter {
    set: Option<GlobSet>,
}

impl PathFilter {
    /// Every report.
    pub fn all() -> PathFilter {
        PathFilter::default()
    }

    /// The reports any of `patterns` matches. `*` stops at `/`, `**` crosses it, as in
    /// `.gitignore`.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<PathFilter, ReviewError> {
        if patterns.is_empty() {
            return Ok(PathFilter::all());
        }
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            let pattern = pattern.as_ref();
            let glob = GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .map_err(|source| ReviewError::BadGlob {
                    pattern: pattern.to_string(),
                    source,
                })?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|source| ReviewError::BadGlob {
            pattern: patterns
                .iter()
                .map(|p| p.as_ref())
                .collect::<Vec<_>>()
                .join(" "),
            source,
        })?;
        Ok(PathFilter { set: Some(set) })
    }

    /// Whether a report named `name`, stored at any of `paths`, is covered.
    pub fn covers<'a>(&self, name: &str, paths: impl IntoIterator<Item = &'a str>) -> bool {
        let Some(set) = &self.set else {
            return true;
        };
        set.is_match(name) || paths.into_iter().any(|path| set.is_match(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_pattern_covers_every_report() {
        assert!(PathFilter::all().covers("诸城市人民医院/年报", []));
        let none: [&str; 0] = [];
        assert!(
            PathFilter::new(&none)
                .expect("empty")
                .covers("任何/报告", [])
        );
    }

    #[test]
    fn a_pattern_matches_the_name_or_a_path() {
        let filter = PathFilter::new(&["诸城市人民医院/*"]).expect("a glob");
        assert!(filter.covers("诸城市人民医院/年报", ["snapshots/诸城市人民医院/年报.md"]));
        assert!(!filter.covers("潍坊市人民医院/年报", ["snapshots/潍坊市人民医院/年报.md"]));
        let by_path = PathFilter::new(&["raw/**/*.html"]).expect("a glob");
        assert!(by_path.covers("医院/报告", ["raw/医院/报告.html"]));
        assert!(!by_path.covers("医院/报告", ["snapshots/医院/报告.md"]));
    }

    #[test]
    fn a_star_stops_at_a_slash() {
        let filter = PathFilter::new(&["snapshots/*.md"]).expect("a glob");
        assert!(!filter.covers("医院/报告", ["snapshots/医院/报告.md"]));
    }

    #[test]
    fn a_broken_pattern_is_an_error_that_names_it() {
        let error = PathFilter::new(&["诸城市人民医院/[年报"]).expect_err("unclosed class");
        assert!(
            error.to_string().contains("诸城市人民医院/[年报"),
            "{error}"
        );
    }
}
