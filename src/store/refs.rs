//! The REF grammar: `HOSPITAL/REPORT`, `…@REV`, `…@~N`, `…@{YYYY-MM-DD}`, parsed into a
//! [`ReportRef`].

use thiserror::Error;

/// Which version of a report a REF names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// The version at the store's current commit (`HOSPITAL/REPORT`).
    Head,
    /// The version at a git revision: a sha, tag, branch, `HEAD~2` (`…@REV`).
    Revision(String),
    /// N versions back in the report's own history (`…@~N`); 0 is the current version.
    VersionsBack(usize),
    /// The version current at the end of a day (`…@{2024-01-01}`).
    AsOf(jiff::civil::Date),
}

/// A stored report and a version of it, as named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRef {
    /// The hospital as written (an alias is resolved by the store).
    pub hospital: String,
    /// The report as written.
    pub report: String,
    /// Which version.
    pub at: At,
}

/// Why a text is not a REF.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum RefError {
    /// No `/` between hospital and report.
    #[error(
        "`{0}` is not a REF: expected HOSPITAL/REPORT, optionally followed by @REV, @~N or @{{YYYY-MM-DD}}"
    )]
    Shape(String),
    /// `@` with nothing after it, or `@~` followed by something that is not a number.
    #[error(
        "`{text}` is not a REF: `@{suffix}` is not a revision; use @REV, @~N or @{{YYYY-MM-DD}}"
    )]
    Suffix {
        /// The whole REF.
        text: String,
        /// What followed `@`.
        suffix: String,
    },
    /// `@{…}` that does not hold a date.
    #[error("`{text}` is not a REF: `{date}` is not a date; write @{{YYYY-MM-DD}}")]
    Date {
        /// The whole REF.
        text: String,
        /// What stood between the braces.
        date: String,
    },
}

impl ReportRef {
    /// Parses a REF.
    ///
    /// The report name ends at the first `@`, so that a revision may itself hold one
    /// (`…@main@{1}`).
    pub fn parse(text: &str) -> Result<ReportRef, RefError> {
        let shape = || RefError::Shape(text.to_string());
        if text.contains("://") {
            return Err(shape());
        }
        let (hospital, rest) = text.split_once('/').ok_or_else(shape)?;
        let (report, suffix) = match rest.split_once('@') {
            Some((report, suffix)) => (report, Some(suffix)),
            None => (rest, None),
        };
        if hospital.trim().is_empty() || report.trim().is_empty() || report.contains('/') {
            return Err(shape());
        }
        let at = match suffix {
            None => At::Head,
            Some(suffix) => parse_suffix(text, suffix)?,
        };
        Ok(ReportRef {
            hospital: hospital.to_string(),
            report: report.to_string(),
            at,
        })
    }
}

fn parse_suffix(text: &str, suffix: &str) -> Result<At, RefError> {
    let bad_suffix = || RefError::Suffix {
        text: text.to_string(),
        suffix: suffix.to_string(),
    };
    if suffix.trim().is_empty() {
        return Err(bad_suffix());
    }
    if let Some(count) = suffix.strip_prefix('~') {
        if count.is_empty() {
            return Ok(At::VersionsBack(1));
        }
        return count
            .parse::<usize>()
            .map(At::VersionsBack)
            .map_err(|_| bad_suffix());
    }
    if let Some(inner) = suffix.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        return inner
            .trim()
            .parse::<jiff::civil::Date>()
            .map(At::AsOf)
            .map_err(|_| RefError::Date {
                text: text.to_string(),
                date: inner.to_string(),
            });
    }
    Ok(At::Revision(suffix.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ReportRef {
        ReportRef::parse(text).expect("a REF")
    }

    #[test]
    fn a_bare_ref_names_the_current_version() {
        let r = parse("诸城市人民医院/天坛医院联建诸城的背后");
        assert_eq!(r.hospital, "诸城市人民医院");
        assert_eq!(r.report, "天坛医院联建诸城的背后");
        assert_eq!(r.at, At::Head);
    }

    #[test]
    fn revisions_are_passed_through() {
        assert_eq!(parse("诸城/联建@HEAD~2").at, At::Revision("HEAD~2".into()));
        assert_eq!(parse("诸城/联建@v1.0").at, At::Revision("v1.0".into()));
        assert_eq!(
            parse("诸城/联建@3f2a9c1").at,
            At::Revision("3f2a9c1".into())
        );
        assert_eq!(
            parse("诸城/联建@main@{1}").at,
            At::Revision("main@{1}".into())
        );
    }

    #[test]
    fn tilde_counts_versions_of_the_report() {
        assert_eq!(parse("诸城/联建@~1").at, At::VersionsBack(1));
        assert_eq!(parse("诸城/联建@~").at, At::VersionsBack(1));
        assert_eq!(parse("诸城/联建@~12").at, At::VersionsBack(12));
    }

    #[test]
    fn braces_hold_a_date() {
        assert_eq!(
            parse("诸城/联建@{2024-01-01}").at,
            At::AsOf(jiff::civil::date(2024, 1, 1))
        );
    }

    #[test]
    fn bad_refs_say_what_is_expected() {
        let err = ReportRef::parse("诸城市人民医院").expect_err("no slash");
        assert!(err.to_string().contains("HOSPITAL/REPORT"), "{err}");
        assert!(matches!(
            ReportRef::parse("诸城/联建@"),
            Err(RefError::Suffix { .. })
        ));
        assert!(matches!(
            ReportRef::parse("诸城/联建@~两"),
            Err(RefError::Suffix { .. })
        ));
        let err = ReportRef::parse("诸城/联建@{去年}").expect_err("not a date");
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        assert!(ReportRef::parse("/联建").is_err());
        assert!(ReportRef::parse("诸城/").is_err());
        assert!(ReportRef::parse("a/b/c").is_err());
        assert!(ReportRef::parse("https://example.com/a").is_err());
    }
}
