//! Decode: raw bytes to UTF-8 text with `\n` line endings.
//!
//! Chinese report pages arrive as UTF-8 (with or without a byte-order mark), GB18030/GBK
//! (mainland portals) or Big5 (Traditional script). The label an HTML page declares is
//! trusted first, then the bytes themselves are asked (chardetng).
//!
//! Real pages carry a few bytes that fit no encoding (a multi-byte character cut short, a
//! stray byte from a template in another encoding). They are read as U+FFFD, as browsers
//! read them, in the encoding that needs the fewest such replacements, and counted so that
//! the caller can warn; only bytes that are mostly undecodable are refused.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_8};
use thiserror::Error;

/// Why bytes could not be read as text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes hold NUL or other binary content.
    #[error("binary content, not a text or HTML report")]
    Binary,
    /// The bytes are mostly invalid in every supported encoding.
    #[error("not UTF-8, GB18030 or Big5 text; convert it to UTF-8 first")]
    UnknownEncoding,
}

/// Decoded text, and how many bytes of the input fit no encoding and were read as U+FFFD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with `\n` line endings.
    pub text: String,
    /// Bytes replaced by U+FFFD.
    pub replaced: usize,
}

/// Above this share of replaced bytes (one in `MOSTLY_UNDECODABLE`), input is refused:
/// most of it is no text in any supported encoding.
const MOSTLY_UNDECODABLE: usize = 2;

/// A UTF-8 page with at most one invalid byte in this many non-ASCII bytes is damaged UTF-8,
/// not a legacy encoding that happens to fit.
const DAMAGED_UTF8: usize = 100;

/// How far into a page an HTML `<meta charset>` is looked for (browsers use 1024 bytes; some
/// portals put long `<script>` blocks first, so look a little further).
const META_SCAN: usize = 4096;

/// How much of a legacy-encoded input the detector reads: enough to tell GBK from Big5, and
/// detection cost stays flat however long the report is.
const DETECT_SCAN: usize = 64 * 1024;

/// Share of control characters above which decoded "text" is really binary.
const MAX_CONTROL_PER_MILLE: usize = 10;

/// Decodes `bytes` to text: UTF-8 with or without a byte-order mark (UTF-16 with one), GB18030/GBK
/// or Big5 (declared by `<meta charset>` / `http-equiv`, or detected from the bytes). CRLF and
/// lone CR line endings become `\n`. A few bytes that fit no encoding are read as U+FFFD
/// (see [`decode_counted`] for how many).
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_counted(bytes).map(|decoded| decoded.text)
}

/// Decodes `bytes` as [`decode`] does, and counts the bytes read as U+FFFD.
pub fn decode_counted(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    // Windows "Unicode text" exports are UTF-16 with a byte-order mark; their NUL bytes are
    // not binary.
    if let Some((encoding, bom)) = Encoding::for_bom(bytes)
        && encoding != UTF_8
    {
        let (text, replaced) = decode_lossy(encoding, &bytes[bom..]);
        if looks_binary(&text) || text.contains('\0') {
            return Err(DecodeError::Binary);
        }
        return finish(text, replaced, bytes.len() - bom);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let (text, replaced, len) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => {
            let (text, replaced) = decode_lossy(UTF_8, rest);
            (text, replaced, rest.len())
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) if !declared_legacy_and_detected(bytes) => (text.to_owned(), 0, bytes.len()),
            _ => {
                let (text, replaced) = decode_legacy(bytes);
                (text, replaced, bytes.len())
            }
        },
    };
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    finish(text, replaced, len)
}

/// The decoded text, unless most of the input was replaced.
fn finish(text: String, replaced: usize, len: usize) -> Result<Decoded, DecodeError> {
    if replaced > 0 && replaced * MOSTLY_UNDECODABLE > len {
        return Err(DecodeError::UnknownEncoding);
    }
    Ok(Decoded {
        text: unify_line_endings(text),
        replaced,
    })
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
/// detector's guess, limited to the Chinese encodings. When no encoding fits every byte
/// (a damaged page), the one that leaves the fewest bytes undecoded is read, with them as
/// U+FFFD.
fn decode_legacy(bytes: &[u8]) -> (String, usize) {
    let declared = declared_charset(bytes);
    if let Some(declared) = declared.filter(|&d| d != UTF_8)
        && let Some(text) = decode_strict(declared, bytes)
    {
        return (text, 0);
    }
    let (utf8, utf8_replaced) = decode_lossy(UTF_8, bytes);
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if utf8_replaced * DAMAGED_UTF8 <= non_ascii {
        return (utf8, utf8_replaced);
    }
    let guess = detect(bytes);
    let legacy: &[&'static Encoding] = if guess == BIG5 {
        &[BIG5, GB18030]
    } else {
        &[GB18030, BIG5]
    };
    if let Some(text) = legacy.iter().find_map(|e| decode_strict(e, bytes)) {
        return (text, 0);
    }
    // The declared encoding first, then UTF-8, then the detector's order: the first of the
    // fewest replacements wins.
    let mut best = (utf8, utf8_replaced);
    let order = declared.into_iter().chain(legacy.iter().copied());
    for encoding in order.filter(|&e| e != UTF_8) {
        let (text, replaced) = decode_lossy(encoding, bytes);
        if replaced < best.1 {
            best = (text, replaced);
        }
    }
    best
}

/// Decodes with U+FFFD for every malformed sequence, and counts the bytes so replaced.
fn decode_lossy(encoding: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let encoding = if encoding == GBK { GB18030 } else { encoding };
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    // One buffer, zeroed once. The decoder's `String` form initializes all of the spare
    // capacity on every call, and it is called again after every malformed sequence: on a
    // legacy encoding tried as UTF-8 (malformed throughout) that made decoding quadratic.
    let mut out = vec![0u8; capacity + 16];
    let mut written = 0;
    let mut replaced = 0usize;
    let mut input = bytes;
    loop {
        let (result, read, n) =
            decoder.decode_to_utf8_without_replacement(input, &mut out[written..], true);
        input = &input[read..];
        written += n;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => out.resize(out.len() + input.len() * 3 + 16, 0),
            DecoderResult::Malformed(bad, _) => {
                replaced += usize::from(bad).max(1);
                let mark = '\u{fffd}'.len_utf8();
                if out.len() - written < mark {
                    out.resize(out.len() + input.len() * 3 + 16, 0);
                }
                '\u{fffd}'.encode_utf8(&mut out[written..written + mark]);
                written += mark;
            }
        }
    }
    out.truncate(written);
    // The decoder writes UTF-8 only; the lossy form is never taken.
    let text = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(&e.into_bytes()).into_owned());
    (text, replaced)
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
    fn refuses_bytes_that_are_mostly_undecodable() {
        assert_eq!(
            decode(b"\x81\x20\xff\xfe\xff\xff\x80\x81"),
            Err(DecodeError::UnknownEncoding)
        );
        assert_eq!(
            decode(b"\xef\xbb\xbf\xff\xff"),
            Err(DecodeError::UnknownEncoding)
        );
    }

    #[test]
    fn a_few_bad_bytes_in_utf8_are_replaced_and_counted() {
        let text = "诸城市人民医院坚持以高质量党建引领高质量发展，群众就医满意度提升到99.39%。\n";
        let mut bytes = text.repeat(4).into_bytes();
        // A character cut short, and a stray byte from a GBK template.
        bytes.truncate(bytes.len() - 2);
        bytes.extend(b"\n\xb5\n");
        bytes[10] = 0xff;
        let decoded = decode_counted(&bytes).expect("decodes");
        assert_eq!(decoded.replaced, 3 + 2 + 1);
        assert!(decoded.text.starts_with("诸城市\u{fffd}"));
        assert!(decoded.text.contains("群众就医满意度提升到99.39%"));
    }

    #[test]
    fn a_few_bad_bytes_in_gbk_are_replaced_in_gbk() {
        let text = "诸城市人民医院坚持以高质量党建引领高质量发展，群众就医满意度提升到99.39%。\n";
        let text = text.repeat(3);
        let mut bytes = GBK.encode(&text).0.into_owned();
        bytes.insert(6, 0xff);
        let decoded = decode_counted(&bytes).expect("decodes");
        assert_eq!(decoded.replaced, 1);
        assert!(decoded.text.starts_with("诸城市\u{fffd}人民医院"));
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
