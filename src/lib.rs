//! `reportdiff` tracks how Chinese hospital reports change.
//!
//! The data flow, one module per step:
//!
//! ```text
//! input -> decode -> extract -> metadata -> normalize -> segment  => Snapshot <-> store (git)
//!       Snapshot -> metrics -> align -> deltas -> render
//! ```
//!
//! [`pipeline::read_report`] runs the front half and gives a [`snapshot::Snapshot`];
//! [`diff::diff`] runs the back half on two snapshots; [`record`] reads raw inputs into
//! snapshots and commits them to a [`store`].
//!
//! ```
//! use reportdiff::pipeline::{read_report, ReadOptions};
//!
//! let old = read_report("医院去年门诊量达到42.15万人次。".as_bytes(), &ReadOptions::default())?;
//! let new = read_report("医院去年门诊量达到45.3万人次。".as_bytes(), &ReadOptions::default())?;
//! assert_eq!(old.sentence_count(), 1);
//! assert_ne!(old, new);
//! # Ok::<(), reportdiff::pipeline::ReadError>(())
//! ```

pub mod align;
pub mod changes;
mod cjk;
pub mod compare;
pub mod compare_key;
pub mod decode;
pub mod deltas;
pub mod diff;
pub mod extract;
pub mod fetch;
pub mod metadata;
pub mod metric_index;
pub mod metrics;
pub mod normalize;
pub mod one_line;
pub mod page;
pub mod pipeline;
pub mod provenance;
pub mod record;
pub mod render;
pub mod review;
pub mod segment;
pub mod snapshot;
pub mod store;
pub mod watch;
