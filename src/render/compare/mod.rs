//! Hospitals side by side: the figures table and the text view in the terminal, Markdown,
//! CSV and html (with its SVG chart); the JSON form lives with the other schemas in `json/`.

pub mod cells;
pub mod chart;
pub mod csv;
pub mod html;
pub mod markdown;
#[cfg(test)]
mod sample;
pub mod term;
