//! Decode: raw bytes to UTF-8 text with `\n` line endings.
//!
//! Chinese report pages arrive as UTF-8 (with or without a byte-order mark), GB18030/GBK
//! (mainland portals) or Big5 (Traditional script). The label an HTML page declares is
//! trusted first, then the bytes themselves are asked (chardetng); anything else is refused
//! rather than turned into mojibake.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8};
use thiserror::Error;

/// Why bytes could not be read as text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes hold NUL or other binary content.
    #[error("binary content, not a text or HTML report")]
    Binary,
    /// The bytes are not valid in any supported encoding.
    #[error("not UTF-8, GB18030 or Big5 text; convert it to UTF-8 first")]
    UnknownEncoding,
}

/// How far into a page an HTML `<meta charset>` is looked for (browsers use 1024 bytes; some
/// portals put long `<script>` blocks first, so look a little further).
const META_SCAN: usize = 4096;

/// How much of a legacy-encoded input the detector reads: enough to tell GBK from Big5, and
/// detection cost stays flat however long the report is.
const DETECT_SCAN: usize = 64 * 1024;

/// Share of control characters above which decoded "text" is really binary.
const MAX_CONTROL_PER_MILLE: usize = 10;

/// Decodes `bytes` to text: UTF-8 with or without a byte-order mark (UTF-16 with one), GB18030/GBK or Big5
/// (declared by `<meta charset>` / `http-equiv`, or detected from the bytes). CRLF and lone CR
/// line endings become `\n`.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    // Windows "Unicode text" exports are UTF-16 with a byte-order mark; their NUL bytes are
    // not binary.
    if let Some((encoding, _)) = Encoding::for_bom(bytes)
        && encoding != UTF_8
    {
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(DecodeError::UnknownEncoding);
        }
        if looks_binary(&text) || text.contains('\0') {
            return Err(DecodeError::Binary);
        }
        return Ok(unify_line_endings(text.into_owned()));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let text = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => std::str::from_utf8(rest)
            .map(str::to_owned)
            .map_err(|_| DecodeError::UnknownEncoding)?,
        None => match std::str::from_utf8(bytes) {
            Ok(text) if !declared_legacy_and_detected(bytes) => text.to_owned(),
            _ => decode_legacy(bytes)?,
        },
    };
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(unify_line_endings(text))
}

/// Decodes `bytes` as [`decode`] does, trusting `charset` first: the charset of an HTTP
/// `Content-Type` header, or the encoding a watched source is configured with. A byte-order
/// mark still wins (it is the bytes themselves speaking); a charset that is not one of the
/// supported encodings, or that the bytes are not valid in (servers often send a default
/// `iso-8859-1` or `utf-8` whatever the page is), is passed over for the page's `<meta>`
/// and detection.
pub fn decode_with_charset(bytes: &[u8], charset: Option<&str>) -> Result<String, DecodeError> {
    let hinted = charset.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    if let Some(encoding) = hinted
        && Encoding::for_bom(bytes).is_none()
        && !bytes.contains(&0)
        && let Some(text) = decode_strict(encoding, bytes)
        && !looks_binary(&text)
    {
        return Ok(unify_line_endings(text));
    }
    decode(bytes)
}

/// Decodes bytes that are not UTF-8: the declared charset when it fits the bytes, else the
/// detector's guess, limited to the Chinese encodings.
fn decode_legacy(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some(declared) = declared_charset(bytes)
        && let Some(text) = decode_strict(declared, bytes)
    {
        return Ok(text);
    }
    let guess = detect(bytes);
    let candidates: &[&'static Encoding] = if guess == BIG5 {
        &[BIG5, GB18030]
    } else {
        &[GB18030, BIG5]
    };
    candidates
        .iter()
        .find_map(|encoding| decode_strict(encoding, bytes))
        .ok_or(DecodeError::UnknownEncoding)
}

/// Whether a page that is valid UTF-8 is nonetheless GBK or Big5: it declares so, and the
/// detector agrees (short GBK text can happen to be valid UTF-8; pages that moved to UTF-8
/// but kept their old declaration are common too, so the label alone does not decide).
fn declared_legacy_and_detected(bytes: &[u8]) -> bool {
    let Some(declared) = declared_charset(bytes) else {
        return false;
    };
    if declared == UTF_8 {
        return false;
    }
    detect(bytes) != UTF_8
}

/// chardetng's guess from the first [`DETECT_SCAN`] bytes.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(DETECT_SCAN)];
    // A sample cut inside a character is not "the last" buffer: the detector must not count
    // the cut as an error.
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, Utf8Detection::Allow)
}

/// Decodes without replacement characters: `None` when the bytes are not valid in `encoding`.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    // GBK and GB2312 labels are decoded as their superset GB18030, as browsers do.
    let encoding = if encoding == GBK { GB18030 } else { encoding };
    if encoding != GB18030 && encoding != BIG5 && encoding != UTF_8 {
        return None;
    }
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
}

/// The charset an HTML page declares in its head: `<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')))
            .map_or(lower.len(), |n| i + n);
        if let Some(encoding) = Encoding::for_label(&lower[i..end]) {
            return Some(encoding);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Text with many control characters (other than tab and line breaks) is binary that happened
/// to decode.
fn looks_binary(text: &str) -> bool {
    let controls = text
        .bytes()
        .filter(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls > 0 && controls * 1000 > text.len() * MAX_CONTROL_PER_MILLE
}

/// CRLF and lone CR (old Mac exports) become LF, so that every later step sees one kind.
fn unify_line_endings(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode("医院".as_bytes()).as_deref(), Ok("医院"));
        assert_eq!(decode(b"\xef\xbb\xbf\xe5\x8c\xbb").as_deref(), Ok("医"));
    }

    #[test]
    fn refuses_binary() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(DecodeError::Binary));
        let controls: Vec<u8> = (0..200u8).map(|i| 1 + i % 8).collect();
        assert_eq!(decode(&controls), Err(DecodeError::Binary));
    }

    #[test]
    fn reads_gbk_without_a_label() {
        let (bytes, _, _) = GBK.encode("诸城市人民医院坚持以高质量党建引领高质量发展。");
        assert_eq!(
            decode(&bytes).as_deref(),
            Ok("诸城市人民医院坚持以高质量党建引领高质量发展。")
        );
    }

    #[test]
    fn reads_big5_without_a_label() {
        let text = "諸城市人民醫院堅持以高質量黨建引領高質量發展,群眾就醫滿意度提升到99.39%。";
        let (bytes, _, _) = BIG5.encode(text);
        assert_eq!(decode(&bytes).as_deref(), Ok(text));
    }

    #[test]
    fn trusts_the_declared_charset() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>定陶区人民医院全面贯彻落实新时代党的建设总要求,坚持“围绕中心抓党建、抓好党建促发展”的工作思路。</p></body></html>";
        let (bytes, _, _) = GBK.encode(page);
        assert_eq!(decode(&bytes).as_deref(), Ok(page));
        assert_eq!(declared_charset(b"<meta charset='big5'>"), Some(BIG5));
    }

    #[test]
    fn utf8_wins_over_a_stale_declaration() {
        let page = "<html><head><meta charset=\"gbk\"></head><body><p>定陶区人民医院全面贯彻落实新时代党的建设总要求。</p></body></html>";
        assert_eq!(decode(page.as_bytes()).as_deref(), Ok(page));
    }

    #[test]
    fn refuses_bytes_that_fit_no_encoding() {
        assert_eq!(
            decode(b"\xff\xfe\xff\xfe\x81\x20\xff"),
            Err(DecodeError::UnknownEncoding)
        );
        assert_eq!(
            decode(b"\xef\xbb\xbf\xff\xff"),
            Err(DecodeError::UnknownEncoding)
        );
    }

    #[test]
    fn reads_utf16_with_a_byte_order_mark() {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend("医院\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&bytes).as_deref(), Ok("医院\n"));
    }

    #[test]
    fn a_charset_from_outside_is_trusted_when_the_bytes_fit_it() {
        let text = "诸城市人民医院门诊量达到42.15万人次。";
        let (gbk, _, _) = GBK.encode(text);
        assert_eq!(decode_with_charset(&gbk, Some("GBK")).as_deref(), Ok(text));
        // A server's default that the bytes do not fit is passed over for detection.
        assert_eq!(
            decode_with_charset(&gbk, Some("utf-8")).as_deref(),
            Ok(text)
        );
        assert_eq!(
            decode_with_charset(&gbk, Some("iso-8859-1")).as_deref(),
            Ok(text)
        );
        // Short Big5 text that detection alone could take for GBK reads as the hint says.
        let (big5, _, _) = BIG5.encode("醫院");
        assert_eq!(
            decode_with_charset(&big5, Some("big5")).as_deref(),
            Ok("醫院")
        );
        assert_eq!(
            decode_with_charset(b"PK\x03\x04\x00", Some("gbk")),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn unifies_line_endings() {
        assert_eq!(decode(b"a\r\nb\rc\n").as_deref(), Ok("a\nb\nc\n"));
    }
}
