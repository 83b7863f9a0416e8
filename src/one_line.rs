//! Messages as one line: an error reaches the user as one line, `what: cause: cause`, while
//! the `toml` crate quotes the offending text over several lines and error chains may hold
//! line breaks. The library keeps every cause as a `source`; this is where they are joined,
//! for the CLI's error line and for reasons the library reports as data (a review's skipped
//! input).

use std::error::Error;

/// The error and its causes on one line, `what: cause: cause`, every run of whitespace (line
/// breaks included) as one space.
pub fn one_line(error: &(dyn Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(error) = cause {
        text.push_str(": ");
        text.push_str(&error.to_string());
        cause = error.source();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

    #[derive(Debug, thiserror::Error)]
    #[error("cannot ingest")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn causes_follow_their_error() {
        let error = Outer(std::io::Error::other("磁盘已满\n请清理"));
        assert_eq!(one_line(&error), "cannot ingest: 磁盘已满 请清理");
    }
}
