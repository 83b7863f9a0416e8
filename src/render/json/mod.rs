//! JSON renderings: versioned wire formats with their own structs, built from domain types,
//! so that renaming an internal field never changes the output.

mod diff;
mod metrics;
mod snapshot;

pub use diff::diff_json;
pub use metrics::metrics_json;
pub use snapshot::snapshot_json;

/// Serializes a wire value as pretty JSON followed by a newline.
fn to_string<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|e| {
        // Wire structs hold only strings, numbers and lists: serialization cannot fail.
        format!("{{\"error\":\"{e}\"}}")
    });
    text.push('\n');
    text
}
