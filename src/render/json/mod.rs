//! JSON renderings: versioned wire formats with their own structs, built from domain types,
//! so that renaming an internal field never changes the output.

mod compare;
mod diff;
mod log;
mod metrics;
mod review;
mod snapshot;
mod watch;

pub use compare::compare_json;
pub use diff::{diff_json, stat_json};
pub use log::log_json;
pub use metrics::metrics_json;
pub use review::review_json;
pub use snapshot::{snapshot_json, snapshot_with_provenance_json};
pub use watch::watch_json;

use serde::{Serialize, Serializer};

/// A value on the wire: integers as integers (`421500`, not `421500.0`), others as the
/// shortest decimal that reads back exactly (`99.39`).
struct Number(f64);

/// Below this every integer is exact in an `f64`.
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.fract() == 0.0 && self.0.abs() < EXACT_INTEGER_LIMIT {
            // Exact: the value is an integer below 2^53.
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

/// Serializes a wire value as pretty JSON followed by a newline.
fn to_string<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|e| {
        // Wire structs hold only strings, numbers and lists: serialization cannot fail.
        format!("{{\"error\":\"{e}\"}}")
    });
    text.push('\n');
    text
}
