//! Messages as one line: an error reaches the user as one line on stderr, while the `toml`
//! crate quotes the offending text over several lines and error chains may hold line breaks.

/// The error's message with every run of whitespace, line breaks included, as one space.
pub(crate) fn one_line(error: &impl std::fmt::Display) -> String {
    error
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parse_error_with_its_quoted_line_becomes_one_line() {
        let error = toml::from_str::<toml::Table>("医院 = \n").expect_err("no value");
        let line = one_line(&error);
        assert!(error.to_string().contains('\n'));
        assert!(!line.contains('\n'));
        assert!(line.contains("医院"), "{line}");
    }
}
