//! The names a store holds: its hospitals and their reports at the branch tip, and the
//! stored names closest to one that is not there, for a message that says what was meant.

use super::{ReportPath, Store, StoreError};

/// How many close names a message offers.
const SUGGESTIONS: usize = 3;

/// How alike (0 to 1, by edit distance) a stored name must be to be offered.
const CLOSE: f64 = 0.5;

impl Store {
    /// The hospitals the store holds reports of, by folder name, sorted.
    pub fn hospitals(&self) -> Result<Vec<String>, StoreError> {
        self.read_tip(|tip| {
            let mut hospitals: Vec<String> = tip
                .reports()?
                .into_iter()
                .map(|path| path.hospital)
                .collect();
            hospitals.dedup();
            Ok(hospitals)
        })
    }

    /// The reports of one hospital (its name or an alias of it), sorted; an unknown hospital
    /// is [`StoreError::UnknownHospital`], with the closest stored names.
    pub fn reports_of(&self, hospital: &str) -> Result<Vec<ReportPath>, StoreError> {
        let folder = self.hospital_folder(hospital);
        let reports = self.read_tip(|tip| tip.reports_of(&folder))?;
        if reports.is_empty() {
            return Err(self.unknown_hospital(hospital));
        }
        Ok(reports)
    }

    /// The folder a hospital's snapshots are under, aliases resolved.
    pub(super) fn hospital_folder(&self, hospital: &str) -> String {
        ReportPath::new(self.config().resolve_hospital(hospital.trim()), "_").hospital
    }

    /// The error for a hospital the store does not hold, with the closest stored names.
    pub(super) fn unknown_hospital(&self, hospital: &str) -> StoreError {
        let hospitals = self.hospitals().unwrap_or_default();
        StoreError::UnknownHospital {
            hospital: hospital.trim().to_string(),
            suggestions: closest(hospital.trim(), hospitals),
        }
    }

    /// The error for a report the store does not hold at its tip, with the closest stored
    /// reports: those of the same hospital whose name holds or is held by the one asked
    /// for, and any stored REF close to it in spelling.
    pub(super) fn unknown_report(&self, path: &ReportPath) -> StoreError {
        let stored = self.read_tip(|tip| tip.reports()).unwrap_or_default();
        let asked = path.to_string();
        let mut contained: Vec<String> = stored
            .iter()
            .filter(|p| p.hospital == path.hospital)
            .filter(|p| p.report.contains(&path.report) || path.report.contains(&p.report))
            .map(ToString::to_string)
            .collect();
        contained.truncate(SUGGESTIONS);
        let spelled = closest(&asked, stored.iter().map(ToString::to_string).collect());
        for name in spelled {
            if contained.len() < SUGGESTIONS && !contained.contains(&name) {
                contained.push(name);
            }
        }
        StoreError::UnknownReport {
            report: asked,
            suggestions: contained,
        }
    }
}

/// The names closest to `asked` by edit distance, best first, at most [`SUGGESTIONS`]; a
/// name that holds `asked` (诸城 in 诸城市人民医院) counts as close.
fn closest(asked: &str, names: Vec<String>) -> Vec<String> {
    let mut scored: Vec<(f64, String)> = names
        .into_iter()
        .map(|name| {
            let score = if !asked.is_empty() && name.contains(asked) {
                1.0
            } else {
                strsim::normalized_levenshtein(asked, &name)
            };
            (score, name)
        })
        .filter(|(score, _)| *score >= CLOSE)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.truncate(SUGGESTIONS);
    scored.into_iter().map(|(_, name)| name).collect()
}

/// `did you mean A or B?` for a message, or what lists the stored names when none is close.
pub(super) fn did_you_mean(suggestions: &[String], list: &str) -> String {
    match suggestions {
        [] => format!("{list} lists what the store holds"),
        [one] => format!("did you mean {one}?"),
        [rest @ .., last] => format!("did you mean {} or {last}?", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn close_names_come_first_and_far_ones_not_at_all() {
        let stored = names(&["诸城市人民医院", "定陶区人民医院", "大同市第六人民医院"]);
        assert_eq!(
            closest("诸城市人民医院", stored.clone())[0],
            "诸城市人民医院"
        );
        assert_eq!(closest("诸城", stored.clone()), ["诸城市人民医院"]);
        assert_eq!(closest("诸城市人民医", stored.clone())[0], "诸城市人民医院");
        assert!(closest("北京天坛", stored).is_empty());
    }

    #[test]
    fn the_message_offers_what_is_close_or_what_lists_all() {
        assert_eq!(
            did_you_mean(&names(&["诸城市人民医院/联建"]), "`reportdiff log`"),
            "did you mean 诸城市人民医院/联建?"
        );
        assert_eq!(
            did_you_mean(&names(&["甲/一", "甲/二", "甲/三"]), "x"),
            "did you mean 甲/一, 甲/二 or 甲/三?"
        );
        assert_eq!(
            did_you_mean(&[], "`reportdiff log`"),
            "`reportdiff log` lists what the store holds"
        );
    }
}
