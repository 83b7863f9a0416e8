//! Re-deriving every stored snapshot from its kept raw input with the current rules, in one
//! commit that `log` marks as a rule change.

use crate::pipeline::{self, ReadError, ReadOptions, normalizer_version};
use crate::snapshot::Snapshot;
use crate::store::{CommitInfo, Edit, NORMALIZER_CHANGE_TRAILER, Plan, ReportPath, Store};

use super::{RecordError, file_bytes};

/// What [`renormalize`] did.
#[derive(Debug, Default)]
pub struct Renormalized {
    /// Reports whose snapshot changed under the current rules.
    pub changed: Vec<ReportPath>,
    /// Reports checked and found equal.
    pub unchanged: usize,
    /// Reports with no raw input to re-read.
    pub without_raw: Vec<ReportPath>,
    /// Reports whose raw input no longer reads, with the reason.
    pub failed: Vec<(ReportPath, ReadError)>,
    /// The commit made (short id), or `None` when nothing changed.
    pub commit: Option<String>,
}

/// Re-reads every kept raw input with the current rules and stores the snapshots whose
/// bytes changed, in one commit marked with a `Normalizer-Change: yes` trailer. An input
/// that no longer reads is listed in [`Renormalized::failed`], not an error.
pub fn renormalize(store: &Store, info: &CommitInfo) -> Result<Renormalized, RecordError> {
    let committed = store.commit(info, |tip| {
        let mut outcome = Renormalized::default();
        let mut edits = Vec::new();
        for path in tip.reports()? {
            let Some(raw) = tip.raw(&path)? else {
                outcome.without_raw.push(path);
                continue;
            };
            let old_bytes = tip.snapshot(&path)?.unwrap_or_default();
            let old =
                Snapshot::from_markdown(&String::from_utf8_lossy(&old_bytes)).unwrap_or_default();
            let options = ReadOptions {
                hospital: old.meta.hospital.clone(),
                url: old.meta.url.clone(),
            };
            let bytes = match pipeline::read_report(&raw, &options) {
                Ok(mut snapshot) => file_bytes(&mut snapshot),
                Err(e) => {
                    outcome.failed.push((path, e));
                    continue;
                }
            };
            if bytes == old_bytes {
                outcome.unchanged += 1;
            } else {
                edits.push(Edit::Snapshot {
                    path: path.clone(),
                    bytes,
                });
                outcome.changed.push(path);
            }
        }
        Ok(Plan {
            subject: format!(
                "renormalize {} report{} with rules {}",
                outcome.changed.len(),
                if outcome.changed.len() == 1 { "" } else { "s" },
                normalizer_version()
            ),
            edits,
            trailers: vec![(NORMALIZER_CHANGE_TRAILER.to_string(), "yes".to_string())],
            value: outcome,
        })
    })?;
    let mut outcome = committed.value;
    outcome.commit = committed.commit;
    Ok(outcome)
}
