//! Fetch: one web page over HTTP(S), with the limits an unattended job needs.
//!
//! `watch` re-reads hundreds of pages from cron with nobody watching, so every way a server
//! can hang, flood or loop a run ends in a [`FetchError`] that names the reason: connect and
//! read timeouts, a size cap on the body as sent and once decompressed (a small gzip bomb
//! must not fill the memory), a bounded number of redirects, and a few retries with backoff
//! for what may pass (5xx, timeouts, refused connections). A page not modified since the
//! last good fetch costs one `304` ([`Validators`]). The HTTP engine is `ureq`; this module is
//! its only user.

mod body;

use std::time::Duration;

use thiserror::Error;

/// How pages are fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// The `User-Agent` header: names the tool, so that a site's operator knows who calls.
    pub user_agent: String,
    /// How long a connection (DNS, TCP, TLS) may take.
    pub connect_timeout: Duration,
    /// How long the server may stay silent while the response is read.
    pub read_timeout: Duration,
    /// The largest body accepted, in bytes, as sent and once decompressed.
    pub max_bytes: u64,
    /// Redirects followed before the fetch fails.
    pub max_redirects: u32,
    /// Attempts after the first for a failure that may pass (5xx, timeout, connection).
    pub retries: u32,
    /// The wait before the first retry; it doubles for each next one.
    pub backoff: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: format!(
                "reportdiff/{} (hospital report change watcher)",
                env!("CARGO_PKG_VERSION")
            ),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            retries: 2,
            backoff: Duration::from_secs(1),
        }
    }
}

/// What the last good fetch of a page said about its version: sent back as
/// `If-None-Match` and `If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` header.
    pub etag: Option<String>,
    /// The `Last-Modified` header.
    pub last_modified: Option<String>,
}

/// A page as fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The body, decompressed.
    pub bytes: Vec<u8>,
    /// The charset of the `Content-Type` header, if it names one.
    pub charset: Option<String>,
    /// The page's validators, for the next fetch.
    pub validators: Validators,
}

/// What a fetch found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The page.
    Page(Page),
    /// The server says the page has not changed since the validators given (`304`).
    NotModified,
}

/// Why a page could not be fetched. The message is the reason alone (`timed out`,
/// `HTTP 404`); the caller names the page.
#[derive(Debug, Error)]
pub enum FetchError {
    /// The URL cannot be fetched (not http or https, or malformed).
    #[error("not an http(s) URL that can be fetched")]
    BadUrl,
    /// The host name does not resolve.
    #[error("host not found (DNS)")]
    Dns,
    /// No connection could be made.
    #[error("connection failed")]
    Connection(#[source] Option<std::io::Error>),
    /// The server took longer than the timeout.
    #[error("timed out")]
    Timeout,
    /// The server answered with an error status.
    #[error("HTTP {0}")]
    Status(u16),
    /// Redirected more often than allowed (a loop, most likely).
    #[error("too many redirects (a loop?)")]
    Redirects,
    /// The body is larger than the cap.
    #[error("too big: more than {} bytes", .0)]
    TooBig(u64),
    /// The body grows past the cap once decompressed.
    #[error("too big once decompressed: more than {} bytes (a compressed bomb?)", .0)]
    Bomb(u64),
    /// The body does not decompress as its `Content-Encoding` says.
    #[error("cannot decompress the body ({0})")]
    Decompress(String, #[source] std::io::Error),
    /// The body is compressed in a way this client did not ask for.
    #[error("unsupported Content-Encoding `{0}`")]
    Encoding(String),
    /// Anything else the HTTP client reports (TLS, protocol).
    #[error("{0}")]
    Other(#[source] ureq::Error),
}

impl FetchError {
    /// A short, stable name of the reason, for programs (`reportdiff.watch/v1`).
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::BadUrl => "bad_url",
            FetchError::Dns => "dns",
            FetchError::Connection(_) => "connection",
            FetchError::Timeout => "timeout",
            FetchError::Status(_) => "http_status",
            FetchError::Redirects => "redirects",
            FetchError::TooBig(_) => "too_big",
            FetchError::Bomb(_) => "too_big",
            FetchError::Decompress(..) | FetchError::Encoding(_) => "decompress",
            FetchError::Other(_) => "http",
        }
    }

    /// Whether another attempt may succeed: the server was busy, slow or unreachable.
    fn may_pass(&self) -> bool {
        match self {
            FetchError::Timeout | FetchError::Connection(_) => true,
            FetchError::Status(status) => *status >= 500 || *status == 429,
            _ => false,
        }
    }

    fn from_ureq(error: ureq::Error, max_bytes: u64) -> FetchError {
        match error {
            ureq::Error::Timeout(_) => FetchError::Timeout,
            ureq::Error::HostNotFound => FetchError::Dns,
            ureq::Error::ConnectionFailed => FetchError::Connection(None),
            ureq::Error::TooManyRedirects => FetchError::Redirects,
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooBig(max_bytes),
            ureq::Error::StatusCode(status) => FetchError::Status(status),
            ureq::Error::BadUri(_) | ureq::Error::Http(_) => FetchError::BadUrl,
            ureq::Error::Io(e) => match e.kind() {
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                    FetchError::Timeout
                }
                std::io::ErrorKind::ConnectionRefused
                | std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::ConnectionAborted
                | std::io::ErrorKind::UnexpectedEof => FetchError::Connection(Some(e)),
                _ => FetchError::Other(ureq::Error::Io(e)),
            },
            other => FetchError::Other(other),
        }
    }
}

/// A client for many fetches: one connection pool, one set of limits. Shared by threads.
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
}

impl Fetcher {
    /// A client with these limits.
    pub fn new(options: FetchOptions) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .user_agent(options.user_agent.as_str())
            .timeout_connect(Some(options.connect_timeout))
            .timeout_resolve(Some(options.connect_timeout))
            .timeout_per_read(Some(options.read_timeout))
            .timeout_recv_response(Some(options.read_timeout))
            // A server that trickles a byte now and then never trips the per-read timeout:
            // the whole fetch (redirects and body) gets a bound of its own.
            .timeout_global(Some(
                options.connect_timeout + options.read_timeout.saturating_mul(3),
            ))
            .max_redirects(options.max_redirects)
            .http_status_as_error(false)
            .build();
        Fetcher {
            agent: config.into(),
            options,
        }
    }

    /// The limits this client fetches with.
    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// Fetches `url`, sending `validators` as conditional headers; retries what may pass.
    /// `sleep` waits between attempts (a test passes one that does not wait).
    pub fn fetch(
        &self,
        url: &str,
        validators: &Validators,
        sleep: &dyn Fn(Duration),
    ) -> Result<Fetched, FetchError> {
        let lower = url.trim_start().to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(FetchError::BadUrl);
        }
        let mut wait = self.options.backoff;
        let mut attempt = 0;
        loop {
            match self.fetch_once(url, validators) {
                Err(e) if e.may_pass() && attempt < self.options.retries => {
                    sleep(wait);
                    wait = wait.saturating_mul(2);
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    fn fetch_once(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let max = self.options.max_bytes;
        let mut request = self
            .agent
            .get(url)
            .header("Accept-Encoding", "gzip, deflate");
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag.as_str());
        }
        if let Some(modified) = &validators.last_modified {
            request = request.header("If-Modified-Since", modified.as_str());
        }
        let response = request.call().map_err(|e| FetchError::from_ureq(e, max))?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if !(200..300).contains(&status) {
            return Err(FetchError::Status(status));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let content_encoding = header("content-encoding");
        let charset = response.body().charset().map(str::to_string);
        let sent = response
            .into_body()
            .with_config()
            .limit(max)
            .read_to_vec()
            .map_err(|e| FetchError::from_ureq(e, max))?;
        let bytes = body::decompress(content_encoding.as_deref(), sent, max)?;
        Ok(Fetched::Page(Page {
            bytes,
            charset,
            validators,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_may_pass_is_tried_again() {
        assert!(FetchError::Timeout.may_pass());
        assert!(FetchError::Status(503).may_pass());
        assert!(FetchError::Status(429).may_pass());
        assert!(!FetchError::Status(404).may_pass());
        assert!(!FetchError::TooBig(10).may_pass());
        assert!(!FetchError::Redirects.may_pass());
    }

    #[test]
    fn reasons_read_as_a_person_would_say_them() {
        assert_eq!(FetchError::Status(500).to_string(), "HTTP 500");
        assert_eq!(FetchError::Timeout.to_string(), "timed out");
        assert_eq!(FetchError::Bomb(1024).kind(), "too_big");
        assert!(FetchError::Bomb(1024).to_string().contains("bomb"));
    }

    #[test]
    fn the_clients_errors_become_reasons() {
        let kind = |e: ureq::Error| FetchError::from_ureq(e, 10).kind();
        assert_eq!(kind(ureq::Error::HostNotFound), "dns");
        assert_eq!(kind(ureq::Error::TooManyRedirects), "redirects");
        assert_eq!(kind(ureq::Error::BodyExceedsLimit(10)), "too_big");
        assert_eq!(kind(ureq::Error::ConnectionFailed), "connection");
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(kind(ureq::Error::Io(refused)), "connection");
        let slow = std::io::Error::from(std::io::ErrorKind::TimedOut);
        assert_eq!(kind(ureq::Error::Io(slow)), "timeout");
    }

    #[test]
    fn a_url_that_is_no_web_address_is_refused_before_any_connection() {
        let fetcher = Fetcher::new(FetchOptions::default());
        for url in ["ftp://example.com/1.html", "报告.html", ""] {
            let result = fetcher.fetch(url, &Validators::default(), &|_| {});
            assert!(matches!(result, Err(FetchError::BadUrl)), "{url}");
        }
    }
}
