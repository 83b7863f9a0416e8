//! Nesting: bounds the element depth of an HTML page before it is parsed.
//!
//! The HTML tree builder checks its stack of open elements for every new element, so a page
//! nested 100,000 levels deep would take minutes; no real article page nests past a few
//! dozen levels.

use std::borrow::Cow;

use super::elements::is_block;

/// Deepest element nesting kept; real article pages stay well under 100.
const MAX_DEPTH: usize = 256;

/// Drops element tags nested deeper than `MAX_DEPTH` (keeping their text), so that the
/// parser never sees pathological nesting. Pages within the limit are returned unchanged.
pub fn flatten_deep_nesting(html: &str) -> Cow<'_, str> {
    if scan_nesting(html, None) <= MAX_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    scan_nesting(html, Some(&mut out));
    Cow::Owned(out)
}

/// Elements without content or with an implied end: they do not nest.
const NON_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "html", "head", "body",
    "tbody", "thead", "tfoot", "!doctype",
];

/// Tracks element depth over the tags of `html`; returns the maximum depth. With `out`, copies
/// the page without the tags deeper than [`MAX_DEPTH`].
fn scan_nesting(html: &str, mut out: Option<&mut String>) -> usize {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    let mut copied = 0usize;
    let mut i = 0usize;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + offset;
        let Some(len) = bytes[start..].iter().position(|&b| b == b'>') else {
            break;
        };
        let end = start + len + 1;
        i = end;
        let tag = &html[start + 1..end - 1];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || name.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            // Raw text: skip to its end tag so that `<` inside scripts is not read as tags.
            i = find_end_tag(bytes, end, name.as_bytes()).unwrap_or(html.len());
            continue;
        }
        if NON_NESTING.contains(&name.as_str()) {
            continue;
        }
        let kept = if closing {
            let kept = depth <= MAX_DEPTH;
            depth = depth.saturating_sub(1);
            kept
        } else {
            depth += 1;
            max_depth = max_depth.max(depth);
            depth <= MAX_DEPTH
        };
        if let Some(out) = out.as_deref_mut()
            && !kept
        {
            out.push_str(&html[copied..start]);
            // One line break stands for a run of dropped block tags with nothing between.
            if is_block(&name) && !out.ends_with("<br>") {
                out.push_str("<br>");
            }
            copied = end;
        }
    }
    if let Some(out) = out {
        out.push_str(&html[copied..]);
    }
    max_depth
}

/// Where `</name` (any case) starts at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + offset;
        let rest = &bytes[at + 1..];
        if rest.first() == Some(&b'/')
            && rest.len() > name.len()
            && rest[1..=name.len()].eq_ignore_ascii_case(name)
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_pathological_nesting() {
        let deep = format!(
            "{}医院召开大会。{}",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        let flat = flatten_deep_nesting(&deep);
        assert!(scan_nesting(&flat, None) <= MAX_DEPTH);
        assert!(flat.contains("医院召开大会。"));
    }

    #[test]
    fn leaves_ordinary_pages_alone() {
        let page = "<html><body><div><p>医院召开大会。<br></p><script>if (a<b) {}</script></div></body></html>";
        assert!(matches!(flatten_deep_nesting(page), Cow::Borrowed(_)));
        assert_eq!(scan_nesting(page, None), 1);
    }
}
