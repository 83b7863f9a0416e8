//! Extract: text to the lines of the article body, boilerplate dropped.

/// The article's lines, in order, with web boilerplate removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Body lines (paragraphs and headings), not yet normalized.
    pub lines: Vec<String>,
}

/// Splits text into lines, dropping lines that hold nothing.
pub fn extract(text: &str) -> Extracted {
    Extracted {
        lines: text
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(str::to_owned)
            .collect(),
    }
}
