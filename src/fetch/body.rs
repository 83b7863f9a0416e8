//! A response body as its `Content-Encoding` says, decompressed within the size cap: a few
//! kilobytes of gzip can hold gigabytes of zeros, so the decoder is read through a limit and
//! never past it.

use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use super::FetchError;

/// The body `sent` decompressed as `encoding` says (none, `identity`, `gzip`, `deflate`), at
/// most `max` bytes of it; more is [`FetchError::Bomb`].
pub(super) fn decompress(
    encoding: Option<&str>,
    sent: Vec<u8>,
    max: u64,
) -> Result<Vec<u8>, FetchError> {
    let encoding = encoding.map(|e| e.trim().to_ascii_lowercase());
    match encoding.as_deref() {
        None | Some("" | "identity") => Ok(sent),
        Some("gzip" | "x-gzip") => bounded(MultiGzDecoder::new(&sent[..]), max, "gzip"),
        // "deflate" is zlib-wrapped by the standard, raw deflate in some servers' hands.
        Some("deflate") => match bounded(ZlibDecoder::new(&sent[..]), max, "deflate") {
            Err(FetchError::Decompress(..)) => {
                bounded(DeflateDecoder::new(&sent[..]), max, "deflate")
            }
            result => result,
        },
        Some(other) => Err(FetchError::Encoding(other.to_string())),
    }
}

/// Reads a decoder to its end or to one byte past `max`, whichever comes first.
fn bounded(decoder: impl Read, max: u64, name: &str) -> Result<Vec<u8>, FetchError> {
    let mut out = Vec::new();
    decoder
        .take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| FetchError::Decompress(name.to_string(), e))?;
    if out.len() as u64 > max {
        return Err(FetchError::Bomb(max));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::Compression;
    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};

    use super::*;

    const PAGE: &str = "<p>诸城市人民医院2024年门诊量达到42.15万人次。</p>";

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).expect("write");
        encoder.finish().expect("finish")
    }

    #[test]
    fn each_encoding_decompresses_to_the_page() {
        let mut zlib = ZlibEncoder::new(Vec::new(), Compression::default());
        zlib.write_all(PAGE.as_bytes()).expect("write");
        let mut raw = DeflateEncoder::new(Vec::new(), Compression::default());
        raw.write_all(PAGE.as_bytes()).expect("write");
        for (encoding, sent) in [
            (None, PAGE.as_bytes().to_vec()),
            (Some("identity"), PAGE.as_bytes().to_vec()),
            (Some("GZIP"), gzip(PAGE.as_bytes())),
            (Some("deflate"), zlib.finish().expect("finish")),
            (Some("deflate"), raw.finish().expect("finish")),
        ] {
            let bytes = decompress(encoding, sent, 1024).expect("decompresses");
            assert_eq!(
                String::from_utf8(bytes).expect("UTF-8"),
                PAGE,
                "{encoding:?}"
            );
        }
    }

    #[test]
    fn a_bomb_stops_at_the_cap() {
        let bomb = gzip(&vec![0u8; 8 * 1024 * 1024]);
        assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
        let err = decompress(Some("gzip"), bomb, 1024 * 1024).expect_err("a bomb");
        assert!(matches!(err, FetchError::Bomb(_)), "{err}");
        let exactly = decompress(Some("gzip"), gzip(&[b'a'; 100]), 100).expect("at the cap");
        assert_eq!(exactly.len(), 100);
        // A bomb of many small members is one body: every member counts toward the cap.
        let member = gzip(&vec![0u8; 512 * 1024]);
        let members: Vec<u8> = (0..4).flat_map(|_| member.iter().copied()).collect();
        let err = decompress(Some("gzip"), members, 1024 * 1024).expect_err("a bomb");
        assert!(matches!(err, FetchError::Bomb(_)), "{err}");
    }

    #[test]
    fn a_body_that_is_not_what_it_claims_is_an_error() {
        let err = decompress(Some("gzip"), PAGE.as_bytes().to_vec(), 1024).expect_err("not gzip");
        assert!(matches!(err, FetchError::Decompress(..)), "{err}");
        let err = decompress(Some("br"), Vec::new(), 1024).expect_err("not asked for");
        assert!(matches!(err, FetchError::Encoding(_)), "{err}");
    }
}
