//! Decode: raw bytes to UTF-8 text.

use thiserror::Error;

/// Why bytes could not be read as text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes hold NUL or other binary content.
    #[error("binary content, not a text or HTML report")]
    Binary,
    /// The bytes are not valid in any supported encoding.
    #[error("not UTF-8, GB18030 or Big5 text")]
    UnknownEncoding,
}

/// Decodes `bytes` to text: UTF-8 with or without a byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|_| DecodeError::UnknownEncoding)
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
    }
}
