//! Commit messages and commit ids as people read them.

/// A commit message: the subject, then `Key: value` trailers after a blank line.
pub(super) fn message(subject: &str, trailers: &[(String, String)]) -> String {
    let mut message = subject.trim().to_string();
    message.push('\n');
    if !trailers.is_empty() {
        message.push('\n');
        for (key, value) in trailers {
            message.push_str(&format!("{key}: {value}\n"));
        }
    }
    message
}

/// The short form of a commit id, as `git log --oneline` shows it.
pub(super) fn short_id(oid: git2::Oid) -> String {
    let mut hex = oid.to_string();
    hex.truncate(7);
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailers_follow_the_subject_after_a_blank_line() {
        let trailers = vec![
            (
                "Source-Url".to_string(),
                "https://example.com/1.html".to_string(),
            ),
            (
                "Fetched-At".to_string(),
                "2025-07-01T08:00:00+08:00".to_string(),
            ),
        ];
        assert_eq!(
            message("update 诸城市人民医院/联建", &trailers),
            "update 诸城市人民医院/联建\n\nSource-Url: https://example.com/1.html\nFetched-At: 2025-07-01T08:00:00+08:00\n"
        );
        assert_eq!(message(" 初始化 ", &[]), "初始化\n");
    }
}
