//! Render: results to text for people (terminal, markdown, html) and programs (json).

pub mod json;
pub mod metrics_table;
pub mod table;
