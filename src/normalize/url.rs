//! URLs and e-mail addresses in a line: their punctuation belongs to them, so the
//! punctuation pass never converts it.

/// Where URLs and e-mail addresses stand, as `[start, end)` char ranges. Their punctuation is
/// never converted.
pub(super) fn url_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let has_marker = chars
        .windows(3)
        .any(|w| w == [':', '/', '/'] || w == ['w', 'w', 'w'])
        || chars.contains(&'@');
    if !has_marker {
        return spans;
    }
    let is_url_char = |c: char| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>');
    let mut i = 0;
    while i < chars.len() {
        let starts_url = (i == 0 || !chars[i - 1].is_ascii_alphanumeric())
            && (starts_with(chars, i, "http://")
                || starts_with(chars, i, "https://")
                || starts_with(chars, i, "ftp://")
                || starts_with(chars, i, "www."));
        let at_sign = chars[i] == '@'
            && i > 0
            && chars[i - 1].is_ascii_alphanumeric()
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric());
        if !starts_url && !at_sign {
            i += 1;
            continue;
        }
        let mut start = i;
        // Spans stay disjoint and sorted: an address never reaches back into the last span.
        let floor = spans.last().map_or(0, |&(_, end)| end);
        if at_sign {
            while start > floor
                && (chars[start - 1].is_ascii_alphanumeric()
                    || matches!(chars[start - 1], '.' | '_' | '%' | '+' | '-'))
            {
                start -= 1;
            }
        }
        let mut end = i;
        while end < chars.len() && is_url_char(chars[end]) {
            end += 1;
        }
        while end > start && matches!(chars[end - 1], '.' | ',' | ':' | ';' | '!' | '?' | ')') {
            end -= 1;
        }
        spans.push((start, end));
        i = end.max(i + 1);
    }
    spans
}

fn starts_with(chars: &[char], at: usize, prefix: &str) -> bool {
    let mut rest = chars[at..].iter();
    prefix
        .chars()
        .all(|p| rest.next().is_some_and(|c| c.eq_ignore_ascii_case(&p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        url_spans(&chars)
            .into_iter()
            .map(|(start, end)| chars[start..end].iter().collect())
            .collect()
    }

    #[test]
    fn finds_urls_and_addresses_without_their_trailing_marks() {
        assert_eq!(
            spans("详见http://www.zgcsb.com/a?b=1,2;c:d,欢迎"),
            ["http://www.zgcsb.com/a?b=1,2;c:d"]
        );
        assert_eq!(spans("邮箱:a,b@qq.com,电话"), ["b@qq.com"]);
        assert_eq!(spans("访问www.a.cn。"), ["www.a.cn"]);
        assert!(spans("门诊量达到42.15万人次").is_empty());
    }
}
