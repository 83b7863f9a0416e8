//! Render: results to text for people (terminal, markdown, html) and programs (json).

pub mod delta_table;
pub mod html;
pub mod hunks;
pub mod json;
pub mod markdown;
pub mod metrics_table;
#[cfg(test)]
mod sample;
pub mod table;
pub mod term;
pub mod wording;
pub mod wrap;
