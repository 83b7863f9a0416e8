//! Render: results to text for people (terminal, markdown, html) and programs (json).

pub mod delta_table;
pub mod hunks;
pub mod json;
pub mod table;
