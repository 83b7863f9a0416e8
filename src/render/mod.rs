//! Render: results to text for people (terminal, markdown, html) and programs (json).

pub mod json;
pub mod table;
