//! Normalize: one line of text to its canonical form (spaces folded, edges trimmed).

/// Normalizes one line: trims it and folds runs of whitespace to one space.
pub fn normalize_line(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}
