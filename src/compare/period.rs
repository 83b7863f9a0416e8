//! The period a comparison is about, which reports cover it, and which of a hospital's
//! reports stands for the hospital.
//!
//! A period is a year, as figures are dated by year. A report *covers* a year when one of
//! its figures belongs to that year or when it was published in it: a bulletin published
//! in January 2025 with the figures of 2024 covers both. A figure *belongs to* a year when
//! its period is that year, or when it has no period and the report was published that
//! year (an undated "开放床位1200张" states the count when the report was written).

use thiserror::Error;

use crate::metrics::Metric;

use super::Report;

/// A year that figures and reports are chosen for (`--period 2024`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period(String);

/// Why a text is not a period.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("`{0}` is not a period: write a year such as 2024")]
pub struct PeriodError(pub String);

/// The years a period may name: as far back as any report, and not absurdly ahead.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2199;

impl Period {
    /// Parses a year (`2024`, or `2024年`).
    ///
    /// ```
    /// use reportdiff::compare::Period;
    /// assert_eq!(Period::parse("2024年").map(|p| p.as_str().to_string()), Ok("2024".to_string()));
    /// assert!(Period::parse("去年").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let trimmed = text.trim();
        let year = trimmed.strip_suffix('年').unwrap_or(trimmed);
        match year.parse::<u32>() {
            Ok(y) if year.len() == 4 && YEARS.contains(&y) => Ok(Period(year.to_string())),
            _ => Err(PeriodError(text.to_string())),
        }
    }

    /// The year, as figures write their period (`2024`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a figure of a report published on `published` belongs to this year.
    pub fn holds(&self, metric: &Metric, published: Option<&str>) -> bool {
        match &metric.period {
            Some(period) => *period == self.0,
            None => published_year(published) == Some(self.as_str()),
        }
    }

    /// Whether a report covers this year: one of its figures is dated in it, or it was
    /// published in it.
    pub fn covers(&self, report: &Report) -> bool {
        published_year(report.snapshot.meta.published.as_deref()) == Some(self.as_str())
            || report
                .metrics
                .iter()
                .any(|m| m.period.as_deref() == Some(self.as_str()))
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The year of a `published` date (`2024-06-30` -> `2024`).
pub fn published_year(published: Option<&str>) -> Option<&str> {
    let year = published?.get(..4)?;
    year.bytes().all(|b| b.is_ascii_digit()).then_some(year)
}

/// Which of one hospital's reports (in the store's order, by name) stands for it.
///
/// Without a period: the latest published; a report without a date counts as older than
/// any dated one, and ties go to the last by name. With a period: among the reports that
/// cover it, the one with the most figures dated in it, then the latest published. `None`
/// when no report covers the period.
pub fn choose(reports: &[&Report], period: Option<&Period>) -> Option<usize> {
    let published = |r: &Report| r.snapshot.meta.published.clone();
    match period {
        None => (0..reports.len()).max_by_key(|&i| (published(reports[i]), i)),
        Some(period) => (0..reports.len())
            .filter(|&i| period.covers(reports[i]))
            .max_by_key(|&i| {
                let dated = reports[i]
                    .metrics
                    .iter()
                    .filter(|m| m.period.as_deref() == Some(period.as_str()))
                    .count();
                (dated, published(reports[i]), i)
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Lexicon;
    use crate::snapshot::{Block, Meta, Snapshot};

    fn report(published: Option<&str>, sentences: &[&str]) -> Report {
        let snapshot = Snapshot {
            meta: Meta {
                hospital: Some("诸城市人民医院".into()),
                published: published.map(str::to_string),
                ..Meta::default()
            },
            blocks: vec![Block::paragraph(
                sentences.iter().map(|s| s.to_string()).collect(),
            )],
        };
        Report::new(
            "诸城市人民医院",
            "诸城市人民医院/年报",
            None,
            snapshot,
            &Lexicon::builtin(),
        )
    }

    fn year(text: &str) -> Period {
        Period::parse(text).expect("a year")
    }

    #[test]
    fn a_period_is_a_plausible_year() {
        assert_eq!(year("2024").as_str(), "2024");
        assert_eq!(year(" 2023年 ").as_str(), "2023");
        for bad in ["24", "二〇二四", "2024-06", "1850", "", "20240"] {
            assert_eq!(
                Period::parse(bad),
                Err(PeriodError(bad.to_string())),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_report_covers_the_years_of_its_figures_and_of_its_date() {
        let bulletin = report(Some("2025-01-20"), &["2024年门诊量达到95万人次。"]);
        assert!(year("2024").covers(&bulletin));
        assert!(year("2025").covers(&bulletin));
        assert!(!year("2023").covers(&bulletin));
    }

    #[test]
    fn an_undated_figure_belongs_to_the_year_of_publication() {
        let r = report(Some("2023-12-17"), &["开放床位1200张。"]);
        let beds = &r.metrics[0];
        assert!(year("2023").holds(beds, r.snapshot.meta.published.as_deref()));
        assert!(!year("2022").holds(beds, r.snapshot.meta.published.as_deref()));
        assert!(!year("2023").holds(beds, None));
    }

    #[test]
    fn the_latest_report_or_the_one_about_the_period_is_chosen() {
        let old = report(Some("2023-03-01"), &["2022年门诊量达到95万人次。"]);
        let new = report(Some("2024-03-01"), &["2023年门诊量达到98.6万人次。"]);
        let undated = report(None, &["2021年出院5万人次。"]);
        let all = [&old, &undated, &new];
        assert_eq!(choose(&all, None), Some(2));
        assert_eq!(choose(&all, Some(&year("2022"))), Some(0));
        assert_eq!(choose(&all, Some(&year("2021"))), Some(1));
        assert_eq!(choose(&all, Some(&year("2019"))), None);
        assert_eq!(choose(&[], None), None);
    }
}
