//! One run, step by step: select the sources, read them concurrently, classify each against
//! its state, record the new versions and the changed states in one commit, then diff and
//! flag what changed.

use std::collections::HashMap;

use crate::diff::{self, DiffOptions, Side};
use crate::metrics::Lexicon;
use crate::record::{self, Extra, RecordError, Report, ReportOutcome, Status};
use crate::snapshot::Snapshot;
use crate::store::{CommitInfo, Edit, Store};

use super::gather::{self, Got, ReadSource, SourceError};
use super::report::{Changed, Outcome, RunReport, SourceReport};
use super::source::{self, Source};
use super::state::{self, SourceState};
use super::{Progress, WatchError, WatchOptions, pool};

/// Runs the watch job on `store`: reads every selected source, commits what changed (unless
/// `options.dry_run`), and reports. `info` is the commit's time and identity; `progress` is
/// told how far the run has come.
pub fn run(
    store: &Store,
    options: &WatchOptions,
    info: &CommitInfo,
    lexicon: &Lexicon,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<RunReport, WatchError> {
    let config = store.config();
    let all = source::sources(config, store.root())?;
    // A killed run's lock and work tree are cleaned up whether or not this run commits.
    let recovered = if options.dry_run {
        None
    } else {
        store.recover_unattended(info.when.seconds)?
    };
    let states: HashMap<String, SourceState> = store.read_tip(|tip| {
        let mut states = HashMap::new();
        for source in &all {
            let bytes = tip.watch_state(&state::file_name(&source.label))?;
            let state = SourceState::parse(&source.label, bytes.as_deref());
            states.insert(source.label.clone(), state);
        }
        Ok(states)
    })?;
    let stored_hospital = |source: &Source| {
        let report = states.get(&source.label)?.report.as_deref()?;
        report.split_once('/').map(|(h, _)| h.to_string())
    };
    let sources = source::select(all.clone(), &options.selection, config, stored_hospital);
    progress(Progress::Total(sources.len()));
    let fetcher = crate::fetch::Fetcher::new(options.fetch.clone());
    let fresh = SourceState::default();
    let gathered = pool::run(
        &sources,
        options.jobs,
        options.per_host,
        Source::host,
        |source| {
            let state = states.get(&source.label).unwrap_or(&fresh);
            gather::gather(source, state, &fetcher, &std::thread::sleep)
        },
        |source, _| progress(Progress::Read(&source.label)),
    );
    progress(Progress::Committing);
    let now = record::rfc3339(info.when);
    let mut run = Run {
        now,
        outcomes: vec![None; sources.len()],
        settled: Vec::new(),
        candidates: Vec::new(),
    };
    for (i, (source, got)) in sources.iter().zip(gathered).enumerate() {
        let state = states.get(&source.label).unwrap_or(&fresh);
        run.classify(i, source, state, got);
    }
    let recorded = run.record(store, &sources, &states, options.dry_run, info)?;
    let mut outcomes = run.outcomes;
    for (candidate, outcome) in run.candidates.iter().zip(&recorded.reports) {
        let source = &sources[candidate.index];
        let state = states.get(&source.label).unwrap_or(&fresh);
        let report = describe(source, state, &candidate.read, outcome, lexicon);
        outcomes[candidate.index] = Some(report);
    }
    Ok(RunReport {
        started: run.now,
        dry_run: options.dry_run,
        commit: recorded.commit,
        took_over: recovered.or(recorded.took_over),
        sources: outcomes.into_iter().flatten().collect(),
    })
}

/// A run between reading and committing.
struct Run {
    now: String,
    /// The report of each source decided without recording (unchanged, failed).
    outcomes: Vec<Option<SourceReport>>,
    /// State files to write whatever is recorded: failures counted, failures cleared.
    settled: Vec<Edit>,
    /// Sources with a version to record.
    candidates: Vec<Candidate>,
}

struct Candidate {
    index: usize,
    read: ReadSource,
}

impl Run {
    fn classify(
        &mut self,
        index: usize,
        source: &Source,
        state: &SourceState,
        got: Result<Got, SourceError>,
    ) {
        let report = |outcome| SourceReport {
            source: source.label.clone(),
            report: state.report.clone(),
            outcome,
        };
        match got {
            Err(error) => {
                let (edit, outcome) = self.failed(source, state, error);
                self.settled.push(edit);
                self.outcomes[index] = Some(report(outcome));
            }
            Ok(Got::NotModified) => {
                self.clear_failures(source, state);
                self.outcomes[index] = Some(report(Outcome::Unchanged { not_modified: true }));
            }
            Ok(Got::Read(read))
                if state.report.is_some() && state.current() == Some(read.hash.as_str()) =>
            {
                self.clear_failures(source, state);
                self.outcomes[index] = Some(report(Outcome::Unchanged {
                    not_modified: false,
                }));
            }
            Ok(Got::Read(read)) => self.candidates.push(Candidate { index, read: *read }),
        }
    }

    /// A failure counted in the source's state, and how it is reported.
    fn failed(&self, source: &Source, state: &SourceState, error: SourceError) -> (Edit, Outcome) {
        let mut next = state.clone();
        next.failures = state.failures.saturating_add(1);
        next.last_failure = Some(self.now.clone());
        next.last_error = Some(error.message.clone());
        let failures = next.failures;
        let outcome = if failures >= source.broken_after {
            Outcome::Broken {
                error,
                failures,
                newly: state.failures < source.broken_after,
            }
        } else {
            Outcome::Error { error, failures }
        };
        (state_edit(&source.label, &next), outcome)
    }

    /// A good read after failures: the count goes back to 0.
    fn clear_failures(&mut self, source: &Source, state: &SourceState) {
        if state.failures == 0 {
            return;
        }
        let mut next = state.clone();
        next.failures = 0;
        next.last_error = None;
        next.last_success = Some(self.now.clone());
        self.settled.push(state_edit(&source.label, &next));
    }

    /// Records the candidates and the state files in one commit (or previews them). A
    /// candidate the record step refuses (no hospital, no id, two sources on one report)
    /// becomes that source's error, and the others are recorded without it.
    fn record(
        &mut self,
        store: &Store,
        sources: &[Source],
        states: &HashMap<String, SourceState>,
        dry_run: bool,
        info: &CommitInfo,
    ) -> Result<record::Recorded, WatchError> {
        loop {
            let reports: Vec<Report> = self
                .candidates
                .iter()
                .map(|c| c.read.report.clone())
                .collect();
            let result = if dry_run {
                record::preview(store, &reports).map(|reports| record::Recorded {
                    reports,
                    commit: None,
                    took_over: None,
                })
            } else if reports.is_empty() && self.settled.is_empty() {
                return Ok(record::Recorded {
                    reports: Vec::new(),
                    commit: None,
                    took_over: None,
                });
            } else {
                let candidates = &self.candidates;
                let settled = &self.settled;
                record::commit_run(store, &reports, info, Some(info.when), |outcomes| {
                    commit_files(candidates, settled, outcomes, sources, states, &self.now)
                })
            };
            let (label, error) = match result {
                Ok(recorded) => return Ok(recorded),
                Err(RecordError::NoHospital(label)) => (
                    label,
                    SourceError::new(
                        "no_hospital",
                        "no hospital found in the report; set hospital = in its [[watch]] table",
                    ),
                ),
                Err(RecordError::NoReportId(label)) => (
                    label,
                    SourceError::new(
                        "no_report_id",
                        "no title or URL to name the report by; set report = in its [[watch]] table",
                    ),
                ),
                Err(RecordError::SamePath {
                    first,
                    second,
                    path,
                }) => (
                    second,
                    SourceError::new(
                        "collision",
                        format!(
                            "lands on {path}, as {first} does; give one of them its own report ="
                        ),
                    ),
                ),
                Err(other) => return Err(other.into()),
            };
            let Some(at) = self
                .candidates
                .iter()
                .position(|c| c.read.report.label == label)
            else {
                return Err(WatchError::Record(RecordError::NoReportId(label)));
            };
            let candidate = self.candidates.remove(at);
            let source = &sources[candidate.index];
            let state = states.get(&source.label).cloned().unwrap_or_default();
            let (edit, outcome) = self.failed(source, &state, error);
            self.settled.push(edit);
            self.outcomes[candidate.index] = Some(SourceReport {
                source: source.label.clone(),
                report: state.report.clone(),
                outcome,
            });
        }
    }
}

/// The state files and subject of the run's commit, once each candidate's outcome is known.
fn commit_files(
    candidates: &[Candidate],
    settled: &[Edit],
    outcomes: &[ReportOutcome],
    sources: &[Source],
    states: &HashMap<String, SourceState>,
    now: &str,
) -> Extra {
    let mut edits = settled.to_vec();
    let (mut new, mut changed, mut flip_backs) = (0, 0, 0);
    for (candidate, outcome) in candidates.iter().zip(outcomes) {
        let source = &sources[candidate.index];
        let mut next = states.get(&source.label).cloned().unwrap_or_default();
        match &outcome.status {
            Status::New => new += 1,
            Status::Updated(_) if next.seen_before(&candidate.read.hash).is_some() => {
                flip_backs += 1
            }
            Status::Updated(_) => changed += 1,
            Status::Unchanged => {}
        }
        next.report = Some(outcome.path.to_string());
        next.record_version(&candidate.read.hash, source.remember);
        next.failures = 0;
        next.last_error = None;
        next.last_success = Some(now.to_string());
        next.etag = candidate.read.validators.etag.clone();
        next.last_modified = candidate.read.validators.last_modified.clone();
        edits.push(state_edit(&source.label, &next));
    }
    let mut parts = Vec::new();
    for (count, what) in [
        (changed, "changed"),
        (new, "new"),
        (flip_backs, "flipped back"),
    ] {
        if count > 0 {
            parts.push(format!("{count} {what}"));
        }
    }
    let subject = if parts.is_empty() {
        match edits.len() {
            1 => "watch: state of 1 source".to_string(),
            n => format!("watch: state of {n} sources"),
        }
    } else {
        format!("watch: {}", parts.join(", "))
    };
    Extra {
        edits,
        subject: Some(subject),
    }
}

fn state_edit(label: &str, state: &SourceState) -> Edit {
    let mut state = state.clone();
    state.source = label.to_string();
    Edit::WatchState {
        name: state::file_name(label),
        bytes: state.to_toml().into_bytes(),
    }
}

/// How a recorded candidate is reported: new, unchanged (same bytes), a flip-back, or a
/// change with what its rules flag.
fn describe(
    source: &Source,
    state: &SourceState,
    read: &ReadSource,
    outcome: &ReportOutcome,
    lexicon: &Lexicon,
) -> SourceReport {
    let sentences = outcome.snapshot.sentence_count();
    let result = match &outcome.status {
        Status::New | Status::Updated(None) => Outcome::New { sentences },
        Status::Unchanged => Outcome::Unchanged {
            not_modified: false,
        },
        Status::Updated(Some(old)) => {
            let mut old = old.clone();
            // Sentences ignored now may still be stored from before the pattern was added.
            drop_ignored(&mut old, source);
            let diff = diff::diff(
                side(outcome.path.to_string(), old),
                side(source.label.clone(), outcome.snapshot.clone()),
                lexicon,
                &DiffOptions::default(),
            );
            match state.seen_before(&read.hash) {
                Some(back) => Outcome::FlipBack {
                    back,
                    summary: diff.summary,
                },
                None => {
                    let flagged = source.rules.evaluate(&diff);
                    Outcome::Changed(Box::new(Changed { diff, flagged }))
                }
            }
        }
    };
    SourceReport {
        source: source.label.clone(),
        report: Some(outcome.path.to_string()),
        outcome: result,
    }
}

fn side(label: String, snapshot: Snapshot) -> Side {
    Side {
        label,
        revision: None,
        snapshot,
    }
}

fn drop_ignored(snapshot: &mut Snapshot, source: &Source) {
    for block in &mut snapshot.blocks {
        block
            .sentences
            .retain(|s| !source.ignore.iter().any(|p| p.is_match(s)));
    }
    snapshot.blocks.retain(|b| !b.sentences.is_empty());
}
