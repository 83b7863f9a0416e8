//! Where a report lives in the store ([`ReportPath`]), and names into path components: a
//! hospital or report name becomes one safe, readable file name.
//!
//! A name comes from a report's text or the command line, so it may hold anything: `/`,
//! `..`, control characters, a Windows device name. The result is one path component that is
//! valid on Linux, macOS and Windows, that git accepts, and that keeps Chinese text readable.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use super::{RAW_DIR, SNAPSHOTS_DIR};

/// Where a report lives in the store: two sanitized path components.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportPath {
    /// The hospital's folder name.
    pub hospital: String,
    /// The report's file name without `.md`.
    pub report: String,
}

impl ReportPath {
    /// Sanitizes both names into path components.
    pub fn new(hospital: &str, report: &str) -> ReportPath {
        ReportPath {
            hospital: sanitize_component(hospital),
            report: sanitize_component(report),
        }
    }

    /// `snapshots/<hospital>/<report>.md`.
    pub fn snapshot_path(&self) -> String {
        format!("{SNAPSHOTS_DIR}/{}/{}.md", self.hospital, self.report)
    }

    /// `raw/<hospital>/<report>.<ext>`.
    pub fn raw_path(&self, ext: &str) -> String {
        format!("{RAW_DIR}/{}/{}.{ext}", self.hospital, self.report)
    }

    /// The report whose snapshot is stored at `path`, if `path` is a snapshot path.
    pub fn from_snapshot_path(path: &str) -> Option<ReportPath> {
        let rest = path.strip_prefix(SNAPSHOTS_DIR)?.strip_prefix('/')?;
        let (hospital, file) = rest.split_once('/')?;
        let report = file.strip_suffix(".md")?;
        (!report.contains('/')).then(|| ReportPath {
            hospital: hospital.to_string(),
            report: report.to_string(),
        })
    }
}

impl fmt::Display for ReportPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.hospital, self.report)
    }
}

/// Longest component, in UTF-8 bytes (about 33 Han characters); leaves room under the
/// 255-byte limit of common file systems for the `.md` extension and a hash suffix.
pub const MAX_COMPONENT_BYTES: usize = 100;

/// Characters that are not allowed in a file name on some platform.
const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// Device names that Windows reserves, with or without an extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Makes `name` into one safe path component.
///
/// NFC; `/ \ : * ? " < > |` and control characters become `_`; runs of dots become one dot;
/// leading dots and surrounding spaces go, as do trailing dots; a Windows device name gets a
/// `_` suffix; a name longer than [`MAX_COMPONENT_BYTES`] is cut on a character boundary and
/// ends in a short hash of the whole name (so two long names that share a beginning stay
/// apart); an empty result is `_`. The same name always gives the same component.
pub fn sanitize_component(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut previous_dot = false;
    for c in name.nfc() {
        let c = if FORBIDDEN.contains(&c) || c.is_control() {
            '_'
        } else {
            c
        };
        if c == '.' && previous_dot {
            continue;
        }
        previous_dot = c == '.';
        out.push(c);
    }
    let mut out = trim(&out).to_string();
    if is_reserved(&out) {
        let stem_len = out.find('.').unwrap_or(out.len());
        out.insert(stem_len, '_');
    }
    if out.len() > MAX_COMPONENT_BYTES {
        out = shorten(&out, name);
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

/// A report id from a URL: the scheme and a trailing `/` dropped, the rest sanitized.
pub fn report_id_from_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    sanitize_component(rest.trim_end_matches('/'))
}

/// A raw file's extension: lower-case letters and digits only, `txt` when nothing is left.
pub(super) fn sanitize_ext(ext: &str) -> String {
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(10)
        .collect::<String>()
        .to_ascii_lowercase();
    if ext.is_empty() {
        "txt".to_string()
    } else {
        ext
    }
}

/// Leading dots and whitespace, trailing dots and whitespace removed.
fn trim(name: &str) -> &str {
    name.trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
}

fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem))
}

/// Cuts `cleaned` to fit with `-` and an 8-digit hash of the original `name`.
fn shorten(cleaned: &str, name: &str) -> String {
    let suffix = format!("-{:08x}", fnv1a(name.as_bytes()) as u32);
    let mut cut = MAX_COMPONENT_BYTES - suffix.len();
    while !cleaned.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut out = trim(&cleaned[..cut]).to_string();
    out.push_str(&suffix);
    out
}

/// FNV-1a: a small hash that is stable across versions and platforms (names must not move).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_paths_round_trip_through_snapshot_paths() {
        let path = ReportPath::new("../诸城市人民医院", "天坛医院联建诸城的背后");
        assert_eq!(path.hospital, "_诸城市人民医院");
        assert_eq!(
            path.snapshot_path(),
            "snapshots/_诸城市人民医院/天坛医院联建诸城的背后.md"
        );
        assert_eq!(
            ReportPath::from_snapshot_path(&path.snapshot_path()),
            Some(path.clone())
        );
        assert_eq!(
            path.raw_path("html"),
            "raw/_诸城市人民医院/天坛医院联建诸城的背后.html"
        );
        assert_eq!(ReportPath::from_snapshot_path("raw/医院/报告.md"), None);
        assert_eq!(
            ReportPath::from_snapshot_path("snapshots/医院/报告.txt"),
            None
        );
    }

    #[test]
    fn chinese_names_stay_readable() {
        assert_eq!(sanitize_component("诸城市人民医院"), "诸城市人民医院");
        assert_eq!(
            sanitize_component("凝心聚力 砥砺奋进 为建设省级区域医疗中心而努力奋斗"),
            "凝心聚力 砥砺奋进 为建设省级区域医疗中心而努力奋斗"
        );
    }

    #[test]
    fn parent_directory_escapes_become_one_harmless_component() {
        let name = sanitize_component("../../etc");
        assert_eq!(name, "_._etc");
        assert!(!name.contains('/') && !name.contains(".."));
        assert_eq!(sanitize_component(".."), "_");
        assert_eq!(sanitize_component("."), "_");
    }

    #[test]
    fn separators_and_forbidden_characters_are_replaced() {
        assert_eq!(sanitize_component("a/b"), "a_b");
        assert_eq!(sanitize_component("a\\b"), "a_b");
        assert_eq!(sanitize_component("问:答?"), "问_答_");
        assert_eq!(sanitize_component("第一\n第二\t"), "第一_第二_");
    }

    #[test]
    fn hidden_names_and_trailing_dots_are_stripped() {
        assert_eq!(sanitize_component(".hidden"), "hidden");
        assert_eq!(sanitize_component(".git"), "git");
        assert_eq!(sanitize_component("名字. "), "名字");
        assert_eq!(sanitize_component("  医院  "), "医院");
    }

    #[test]
    fn windows_device_names_get_a_suffix() {
        assert_eq!(sanitize_component("CON"), "CON_");
        assert_eq!(sanitize_component("con"), "con_");
        assert_eq!(sanitize_component("LPT1.txt"), "LPT1_.txt");
        assert_eq!(sanitize_component("CONSOLE"), "CONSOLE");
    }

    #[test]
    fn long_names_are_cut_on_a_character_boundary_with_a_hash() {
        let long = "医".repeat(200);
        let name = sanitize_component(&long);
        assert!(name.len() <= MAX_COMPONENT_BYTES);
        assert!(name.starts_with("医医医"));
        let other = format!("{}院", "医".repeat(199));
        assert_ne!(sanitize_component(&other), name);
        assert_eq!(sanitize_component(&long), name);
        let ascii = sanitize_component(&"a".repeat(200));
        assert_eq!(ascii.len(), MAX_COMPONENT_BYTES);
    }

    #[test]
    fn composed_and_decomposed_forms_give_one_name() {
        assert_eq!(
            sanitize_component("Cafe\u{301}"),
            sanitize_component("Café")
        );
    }

    #[test]
    fn empty_names_become_an_underscore() {
        assert_eq!(sanitize_component(""), "_");
        assert_eq!(sanitize_component(" . "), "_");
    }

    #[test]
    fn urls_become_report_ids() {
        assert_eq!(
            report_id_from_url("https://www.dzwww.com/news/2023/0804.html"),
            "www.dzwww.com_news_2023_0804.html"
        );
        assert_eq!(report_id_from_url("http://a.cn/b/"), "a.cn_b");
    }

    #[test]
    fn raw_extensions_are_short_and_plain() {
        assert_eq!(sanitize_ext("HTML"), "html");
        assert_eq!(sanitize_ext("../x"), "x");
        assert_eq!(sanitize_ext(""), "txt");
        assert_eq!(sanitize_ext("文本"), "txt");
    }
}
