//! Compare: the reports of several hospitals side by side.
//!
//! Where `diff` asks what changed between two versions, `compare` asks how hospitals differ:
//!
//! 1. **Figures** ([`figures`]): one row per measure (metric key and unit), one cell per
//!    hospital with every figure it gives for the measure, rows ordered by how many hospitals
//!    report them; measures only one hospital reports are set apart.
//! 2. **Lexicon candidates** ([`candidates`]): labels that look alike across hospitals (same
//!    unit, similar wording) but have no common key, with the `reportdiff.toml` lines that
//!    would give them one.
//! 3. **Text** ([`text`]): sentences compared with each hospital's names and places masked
//!    ([`names`]), so that a template filled in by two hospitals reads the same; per hospital
//!    the share of its sentences that have a close counterpart elsewhere, the template text
//!    and set phrases most reports repeat (listed once), and what each says that no other
//!    does.
//!
//! Every step is linear or bounded in the number of hospitals: figures are tabulated through
//! one [`MetricIndex`](crate::metric_index::MetricIndex) per report, and near-identical
//! sentences are found through a MinHash index ([`shingles`]), never by comparing every
//! pair.

pub mod candidates;
pub mod figures;
pub mod names;
pub mod period;
pub mod phrases;
pub mod shared;
pub mod shingles;
pub mod text;

use thiserror::Error;

use crate::metrics::{self, Lexicon, Metric};
use crate::snapshot::Snapshot;

pub use candidates::LexiconCandidate;
pub use figures::{Cell, FigureRow, FigureTable, OnlyIn};
pub use names::HospitalNames;
pub use period::{Period, PeriodError};
pub use text::{Distinctive, Section, Shared, TextComparison, TextShare};

/// One hospital's report, read and with its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The hospital, as columns are headed and as its names are masked.
    pub hospital: String,
    /// How the report was named (a path or a REF).
    pub label: String,
    /// The store revision it was read at, when it came from the store.
    pub revision: Option<String>,
    /// The report.
    pub snapshot: Snapshot,
    /// Its figures, in reading order.
    pub metrics: Vec<Metric>,
}

impl Report {
    /// A report with its figures read with `lexicon`.
    pub fn new(
        hospital: &str,
        label: &str,
        revision: Option<String>,
        snapshot: Snapshot,
        lexicon: &Lexicon,
    ) -> Report {
        let metrics = metrics::extract(&snapshot, lexicon);
        Report {
            hospital: hospital.trim().to_string(),
            label: label.to_string(),
            revision,
            snapshot,
            metrics,
        }
    }
}

/// What a comparison covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareOptions {
    /// Only these measures (empty: all). A key matches itself and the keys it is the stem
    /// of: `key_specialties` matches `key_specialties.city`, `党员干部` matches `党员干部/名`.
    pub keys: Vec<String>,
    /// Only figures of this year (see [`period`]).
    pub period: Option<Period>,
    /// Other names of hospitals (alias, hospital), as `reportdiff.toml`'s `[aliases]` has
    /// them: masked as the hospital's own names.
    pub aliases: Vec<(String, String)>,
}

/// Why a comparison cannot be made.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CompareError {
    /// Fewer than two reports to compare.
    #[error("compare needs at least two reports, got {0}")]
    TooFew(usize),
}

/// Hospitals side by side: their figures, the labels that could share a key, and their text.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The reports compared, in column order.
    pub reports: Vec<Report>,
    /// The year figures were chosen for, if one was asked for.
    pub period: Option<Period>,
    /// The figures table.
    pub figures: FigureTable,
    /// Labels that look alike across hospitals but have no common key.
    pub candidates: Vec<LexiconCandidate>,
    /// The text comparison.
    pub text: TextComparison,
}

/// Compares the reports of two or more hospitals.
///
/// ```
/// use reportdiff::compare::{compare, CompareOptions, Report};
/// use reportdiff::metrics::Lexicon;
/// use reportdiff::pipeline::{read_report, ReadOptions};
///
/// let read = |hospital: &str, text: &str| {
///     let snapshot = read_report(text.as_bytes(), &ReadOptions::default()).expect("a report");
///     Report::new(hospital, hospital, None, snapshot, &Lexicon::builtin())
/// };
/// let comparison = compare(
///     vec![
///         read("临沂市人民医院", "2024年，临沂市人民医院门诊量达到120万人次。"),
///         read("沂水县人民医院", "2024年，沂水县人民医院门诊量达到85万人次。"),
///     ],
///     &CompareOptions::default(),
/// )?;
/// let row = &comparison.figures.rows[0];
/// assert_eq!(row.key, "outpatient_visits");
/// assert_eq!(row.ratio, Some(85.0 / 120.0));
/// assert_eq!(comparison.text.hospitals[0].share(), 1.0);
/// # Ok::<(), reportdiff::compare::CompareError>(())
/// ```
pub fn compare(reports: Vec<Report>, options: &CompareOptions) -> Result<Comparison, CompareError> {
    if reports.len() < 2 {
        return Err(CompareError::TooFew(reports.len()));
    }
    let names: Vec<HospitalNames> = reports
        .iter()
        .map(|report| {
            let aliases: Vec<&str> = options
                .aliases
                .iter()
                .filter(|(_, hospital)| hospital.trim() == report.hospital)
                .map(|(alias, _)| alias.as_str())
                .collect();
            HospitalNames::new(&report.hospital, &aliases)
        })
        .collect();
    let figures = figures::tabulate(&reports, options);
    let candidates = candidates::find(&figures);
    let text = text::compare_text(&reports, &names);
    Ok(Comparison {
        reports,
        period: options.period.clone(),
        figures,
        candidates,
        text,
    })
}

/// Whether `key` is one of the measures asked for (see [`CompareOptions::keys`]).
pub fn key_matches(asked: &[String], key: &str) -> bool {
    asked.is_empty()
        || asked.iter().any(|a| {
            key == a
                || key
                    .strip_prefix(a.as_str())
                    .is_some_and(|rest| rest.starts_with(['.', '/']))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_matches_itself_and_what_it_is_the_stem_of() {
        let asked = vec!["key_specialties".to_string(), "党员干部".to_string()];
        assert!(key_matches(&asked, "key_specialties"));
        assert!(key_matches(&asked, "key_specialties.city"));
        assert!(key_matches(&asked, "党员干部/名"));
        assert!(!key_matches(&asked, "key_specialties_total"));
        assert!(!key_matches(&asked, "优秀党员干部/名"));
        assert!(key_matches(&[], "anything"));
    }

    fn report(hospital: &str, sentence: &str) -> Report {
        let snapshot = Snapshot {
            blocks: vec![crate::snapshot::Block::paragraph(vec![
                sentence.to_string(),
            ])],
            ..Snapshot::default()
        };
        Report::new(hospital, hospital, None, snapshot, &Lexicon::builtin())
    }

    #[test]
    fn an_alias_from_the_store_is_masked_as_its_hospital() {
        let reports = vec![
            report("诸城市人民医院", "密州医院召开大会。"),
            report("长治市人民医院", "长治市人民医院召开大会。"),
        ];
        let plain = compare(reports.clone(), &CompareOptions::default()).expect("two");
        assert_eq!(plain.text.hospitals[0].with_counterpart, 0);
        let options = CompareOptions {
            aliases: vec![("密州医院".into(), "诸城市人民医院".into())],
            ..CompareOptions::default()
        };
        let aliased = compare(reports, &options).expect("two");
        assert_eq!(aliased.text.hospitals[0].with_counterpart, 1);
    }

    #[test]
    fn another_hospitals_name_is_not_masked() {
        let reports = vec![
            report("诸城市人民医院", "长治市人民医院派专家来院指导工作。"),
            report("长治市人民医院", "长治市人民医院派专家来院指导工作。"),
        ];
        let comparison = compare(reports, &CompareOptions::default()).expect("two");
        assert_eq!(comparison.text.hospitals[0].with_counterpart, 0);
    }

    #[test]
    fn one_report_is_not_a_comparison() {
        let report = Report::new(
            "诸城市人民医院",
            "a",
            None,
            Snapshot::default(),
            &Lexicon::builtin(),
        );
        assert_eq!(
            compare(vec![report], &CompareOptions::default()).map(|_| ()),
            Err(CompareError::TooFew(1))
        );
    }
}
