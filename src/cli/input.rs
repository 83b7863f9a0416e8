//! Inputs: a path, `-` (stdin) or an http(s) URL (fetched as `watch` fetches), read and
//! normalized into a snapshot; or a REF, read from the store (an existing path wins over a
//! REF).

use std::path::Path;

use anyhow::{Context, Result, bail};

use reportdiff::decode::decode_with_charset;
use reportdiff::fetch::{FetchOptions, Fetched, Fetcher, Validators};
use reportdiff::pipeline::{self, ReadOptions};
use reportdiff::provenance::Provenance;
use reportdiff::snapshot::Snapshot;
use reportdiff::store::{ReportRef, StoreError};

use super::{Ctx, store_select};

/// A report as named on the command line, read and normalized.
pub struct Loaded {
    /// How the user named it.
    pub label: String,
    /// The store revision, when it came from the store.
    pub revision: Option<String>,
    /// The normalized report.
    pub snapshot: Snapshot,
    /// Where its metadata came from, when it was read from an input (not from the store).
    pub provenance: Option<Provenance>,
    /// How many bytes fit no encoding and were read as U+FFFD (see [`warn_replaced`]).
    pub replaced: usize,
}

/// Reads the raw bytes of an INPUT (`-` is standard input, anything else a path), with the
/// label that names it in messages.
pub fn read_raw(spec: &str, ctx: &mut Ctx<'_>) -> Result<(String, Vec<u8>)> {
    Ok((display_label(spec), read_bytes(spec, ctx)?))
}

/// Whether an INPUT is a web address rather than a path.
pub fn is_url(spec: &str) -> bool {
    let lower = spec.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn read_bytes(spec: &str, ctx: &mut Ctx<'_>) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if is_url(spec) && !ctx.cwd.join(spec).exists() {
        return fetch(spec);
    }
    if spec == "-" {
        if ctx.stdin_is_tty {
            // Nothing on the screen would otherwise say why the command waits.
            writeln!(
                ctx.stderr,
                "reading the report from standard input (end it with Ctrl-D); pass a path to read a file"
            )?;
        }
        ctx.stdin
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        let path = ctx.cwd.join(spec);
        bytes = std::fs::read(&path).with_context(|| match std::fs::metadata(&path) {
            Err(_) => format!("{spec}: no such file; pass a path, `-` for standard input"),
            Ok(m) if m.is_dir() => format!("{spec}: is a directory, not a report"),
            Ok(_) => format!("{spec}: cannot read the file"),
        })?;
    }
    Ok(bytes)
}

/// Fetches a page with the same client and limits as `watch`, and decodes it with the charset
/// its HTTP header names (when the bytes bear it out): the pipeline then reads UTF-8.
fn fetch(url: &str) -> Result<Vec<u8>> {
    let fetcher = Fetcher::new(FetchOptions::default());
    let page = match fetcher
        .fetch(url, &Validators::default(), &std::thread::sleep)
        .with_context(|| format!("{url}: cannot fetch the page"))?
    {
        Fetched::Page(page) => page,
        // Only a conditional request is answered 304, and this one sends no validators.
        Fetched::NotModified => bail!("{url}: the server answered 304 to a plain request"),
    };
    let text = decode_with_charset(&page.bytes, page.charset.as_deref())
        .with_context(|| url.to_string())?;
    Ok(text.into_bytes())
}

/// The read options for `spec`: a URL input records where it was read from, unless the
/// caller names another address.
pub fn options_for(spec: &str, options: &ReadOptions) -> ReadOptions {
    let mut options = options.clone();
    if options.url.is_none() && is_url(spec) {
        options.url = Some(spec.trim().to_string());
    }
    options
}

/// Reads and normalizes an INPUT, or reads a REF from the store.
pub fn load(spec: &str, options: &ReadOptions, ctx: &mut Ctx<'_>) -> Result<Loaded> {
    let loaded = read(spec, options, ctx)?.normalize()?;
    warn_replaced(&loaded.label, loaded.replaced, ctx)?;
    Ok(loaded)
}

/// An input read but not yet normalized: what needs the context (standard input, the store)
/// is done, what is left needs nothing but the bytes, so two of them can be normalized at
/// once on two threads.
pub enum Read {
    /// Raw bytes of an INPUT, to normalize.
    Raw {
        /// How the user named it.
        label: String,
        /// The bytes as read.
        bytes: Vec<u8>,
        /// The read options for this input.
        options: ReadOptions,
    },
    /// A stored version: already a snapshot.
    Loaded(Box<Loaded>),
}

impl Read {
    /// Normalizes the input (a stored version is returned as it is).
    pub fn normalize(self) -> Result<Loaded> {
        match self {
            Read::Loaded(loaded) => Ok(*loaded),
            Read::Raw {
                label,
                bytes,
                options,
            } => {
                let reading = pipeline::read(&bytes, &options).with_context(|| label.clone())?;
                Ok(Loaded {
                    label,
                    revision: None,
                    snapshot: reading.snapshot,
                    provenance: Some(reading.provenance),
                    replaced: reading.replaced,
                })
            }
        }
    }
}

/// Reads an INPUT's bytes, or a REF from the store, leaving the normalizing to the caller.
pub fn read(spec: &str, options: &ReadOptions, ctx: &mut Ctx<'_>) -> Result<Read> {
    if spec != "-"
        && !ctx.cwd.join(spec).exists()
        && let Ok(reference) = ReportRef::parse(spec)
    {
        return load_ref(spec, &reference, options, ctx).map(|l| Read::Loaded(Box::new(l)));
    }
    let (label, bytes) = read_raw(spec, ctx)?;
    Ok(Read::Raw {
        label,
        bytes,
        options: options_for(spec, options),
    })
}

/// Warns on stderr that `replaced` bytes of an input fit no encoding and were read as U+FFFD.
pub fn warn_replaced(label: &str, replaced: usize, ctx: &mut Ctx<'_>) -> Result<()> {
    if replaced > 0 {
        let (bytes, verbs) = if replaced == 1 {
            ("byte", "fits no encoding and was")
        } else {
            ("bytes", "fit no encoding and were")
        };
        writeln!(
            ctx.stderr,
            "warning: {label}: {replaced} {bytes} {verbs} read as U+FFFD"
        )?;
    }
    Ok(())
}

/// Reads the OLD side of a diff, as [`read`]; a REF one version before a report's first
/// (`R@~1` of a report with one version) is an empty report, so that a diff against it shows
/// the whole report as added: a CI step that diffs `R@~1` with `R` then works from the first
/// version on.
pub fn read_old(spec: &str, options: &ReadOptions, ctx: &mut Ctx<'_>) -> Result<Read> {
    let error = match read(spec, options, ctx) {
        Ok(read) => return Ok(read),
        Err(error) => error,
    };
    let before_first = error.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<StoreError>(),
            Some(StoreError::TooFarBack { count, back, .. }) if count == back
        )
    });
    if !before_first {
        return Err(error);
    }
    writeln!(
        ctx.stderr,
        "note: {spec} is before the report's first version: diffing against an empty report"
    )?;
    Ok(Read::Loaded(Box::new(Loaded {
        label: spec.to_string(),
        revision: None,
        snapshot: Snapshot::default(),
        provenance: None,
        replaced: 0,
    })))
}

/// Reads a stored version; the label is the REF as written, the revision its commit.
fn load_ref(
    spec: &str,
    reference: &ReportRef,
    options: &ReadOptions,
    ctx: &mut Ctx<'_>,
) -> Result<Loaded> {
    let store = store_select::open(ctx)
        .with_context(|| format!("{spec}: no such file, and no store to read it from as a REF"))?;
    let stored = store
        .read(reference)
        .with_context(|| format!("{spec}: no such file, and as a REF"))?;
    let mut snapshot = stored.snapshot;
    if let Some(hospital) = &options.hospital {
        snapshot.meta.hospital = Some(hospital.clone());
    }
    Ok(Loaded {
        label: spec.to_string(),
        revision: Some(stored.commit),
        snapshot,
        provenance: None,
        replaced: 0,
    })
}

fn display_label(spec: &str) -> String {
    if spec == "-" {
        "<stdin>".to_string()
    } else {
        Path::new(spec).display().to_string()
    }
}
