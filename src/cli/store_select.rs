//! Which store a command works on (`--store`, `REPORTDIFF_STORE`, or the repository around
//! the current directory), and who commits when (git's identity and date variables).

use std::path::Path;
use std::rc::Rc;

use anyhow::{Context, Result, anyhow};

use reportdiff::metrics::Lexicon;
use reportdiff::store::{CommitInfo, CommitTime, Identity, Store, StoreError};

use super::Ctx;

/// The git variables a commit honours, read once by `main`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitEnv {
    /// `GIT_AUTHOR_NAME`.
    pub author_name: Option<String>,
    /// `GIT_AUTHOR_EMAIL`.
    pub author_email: Option<String>,
    /// `GIT_AUTHOR_DATE`.
    pub author_date: Option<String>,
    /// `GIT_COMMITTER_NAME`.
    pub committer_name: Option<String>,
    /// `GIT_COMMITTER_EMAIL`.
    pub committer_email: Option<String>,
    /// `GIT_COMMITTER_DATE`.
    pub committer_date: Option<String>,
}

impl GitEnv {
    /// Reads the variables through `var` (`std::env::var` in `main`); empty values count as
    /// unset.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> GitEnv {
        let get = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        GitEnv {
            author_name: get("GIT_AUTHOR_NAME"),
            author_email: get("GIT_AUTHOR_EMAIL"),
            author_date: get("GIT_AUTHOR_DATE"),
            committer_name: get("GIT_COMMITTER_NAME"),
            committer_email: get("GIT_COMMITTER_EMAIL"),
            committer_date: get("GIT_COMMITTER_DATE"),
        }
    }
}

/// What is around the current directory, once looked for.
#[derive(Clone)]
pub(super) enum Found {
    /// A store: `--store DIR`, `REPORTDIFF_STORE`, or the repository around the current
    /// directory with `reportdiff.toml` at its root.
    Store(Rc<Store>),
    /// The repository around the current directory is not a store; how to name it in a
    /// message (`.`, `..`, or its path).
    Foreign(String),
    /// No repository around the current directory.
    Nothing,
}

/// The store this command works on, opened once and shared by everything that needs it:
/// `--store DIR` or `REPORTDIFF_STORE` exactly (an error if that is no store), else the
/// repository around the current directory when it is a store; `None` when there is no
/// repository there, or one that is not a store (reading commands then use no store).
/// A broken `reportdiff.toml` is an error, never a silent fallback.
pub fn optional(ctx: &mut Ctx<'_>) -> Result<Option<Rc<Store>>> {
    Ok(match found(ctx)? {
        Found::Store(store) => Some(store),
        Found::Foreign(_) | Found::Nothing => None,
    })
}

fn found(ctx: &mut Ctx<'_>) -> Result<Found> {
    if let Some(found) = &ctx.opened {
        return Ok(found.clone());
    }
    let found = match &ctx.store {
        Some(dir) => match Store::open(&ctx.cwd.join(dir)) {
            Ok(store) => Found::Store(Rc::new(store)),
            // Named as the user named it; the message already says which store it is.
            Err(StoreError::NotAStore { .. }) => {
                return Err(StoreError::NotAStore { dir: dir.clone() }.into());
            }
            Err(e) => return Err(e).with_context(|| format!("store {}", dir.display())),
        },
        None => match Store::discover(&ctx.cwd) {
            Ok(store) => Found::Store(Rc::new(store)),
            Err(StoreError::NotARepository { .. }) => Found::Nothing,
            Err(StoreError::NotAStore { dir }) => Found::Foreign(shown_from(&ctx.cwd, &dir)),
            Err(e) => return Err(e).context("the store around the current directory"),
        },
    };
    ctx.opened = Some(found.clone());
    Ok(found)
}

/// The store this command works on (see [`optional`]); an error when there is none, or
/// when the repository around the current directory is not a store: a command that reads or
/// writes a store never takes another repository for one.
pub fn open(ctx: &mut Ctx<'_>) -> Result<Rc<Store>> {
    match found(ctx)? {
        Found::Store(store) => Ok(store),
        Found::Foreign(dir) => Err(anyhow!(
            "{dir} is a git repository, but not a reportdiff store (no reportdiff.toml at its root); adopt it with `reportdiff init {dir}`, or pass --store DIR"
        )),
        Found::Nothing => Err(anyhow!(
            "no store: the current directory is not inside a git repository; run `reportdiff init DIR`, or pass --store DIR"
        )),
    }
}

/// How to name `dir` to someone in `cwd`: `.`, `..`, `../..` when it holds `cwd`, else its
/// path.
fn shown_from(cwd: &Path, dir: &Path) -> String {
    let dir = dir.components().collect::<std::path::PathBuf>();
    let mut up = 0;
    let mut at = Some(cwd);
    while let Some(path) = at {
        if path.components().collect::<std::path::PathBuf>() == dir {
            return match up {
                0 => ".".to_string(),
                n => vec![".."; n].join("/"),
            };
        }
        up += 1;
        at = path.parent();
    }
    dir.display().to_string()
}

/// The lexicon a store's figures are keyed with: its `reportdiff.toml` `[lexicon]` table over
/// the built-in one.
pub fn lexicon_of(store: &Store) -> Lexicon {
    Lexicon::with_overrides(store.config().lexicon.iter().cloned())
}

/// The lexicon for a command that may run outside a store: the store's (see [`optional`]),
/// else the built-in one.
pub fn lexicon(ctx: &mut Ctx<'_>) -> Result<Lexicon> {
    Ok(optional(ctx)?
        .map(|store| lexicon_of(&store))
        .unwrap_or_else(Lexicon::builtin))
}

/// Time and identities for a commit: `GIT_COMMITTER_DATE` (else `GIT_AUTHOR_DATE`, else
/// now); `GIT_AUTHOR_*`/`GIT_COMMITTER_*`, else the git configuration's `user.*`, else
/// `reportdiff <reportdiff@localhost>`.
pub fn commit_info(
    ctx: &Ctx<'_>,
    configured: Option<Identity>,
    message: Option<String>,
) -> Result<CommitInfo> {
    let git = &ctx.git;
    let when = match git.committer_date.as_ref().or(git.author_date.as_ref()) {
        Some(text) => parse_git_date(text)
            .ok_or_else(|| anyhow!("GIT_COMMITTER_DATE `{text}` is not a date; use 2025-07-01T08:00:00+08:00 or `@<seconds> +0800`"))?,
        None => now(),
    };
    let base = configured.unwrap_or_else(Identity::fallback);
    let pick = |name: &Option<String>, email: &Option<String>| Identity {
        name: name.clone().unwrap_or_else(|| base.name.clone()),
        email: email.clone().unwrap_or_else(|| base.email.clone()),
    };
    Ok(CommitInfo {
        message,
        when,
        author: pick(&git.author_name, &git.author_email),
        committer: pick(&git.committer_name, &git.committer_email),
    })
}

fn now() -> CommitTime {
    let now = jiff::Timestamp::now();
    let offset = jiff::tz::TimeZone::system().to_offset(now);
    CommitTime {
        seconds: now.as_second(),
        offset_minutes: offset.seconds() / 60,
    }
}

/// Parses the date forms git accepts in `GIT_COMMITTER_DATE`: git's internal
/// `[@]<seconds> <+hhmm>`, ISO 8601 / RFC 3339 with an offset, and RFC 2822.
fn parse_git_date(text: &str) -> Option<CommitTime> {
    let text = text.trim();
    if let Some(time) = parse_raw(text) {
        return Some(time);
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(text) {
        return Some(CommitTime {
            seconds: zoned.timestamp().as_second(),
            offset_minutes: zoned.offset().seconds() / 60,
        });
    }
    let (rest, offset_minutes) = split_offset(text)?;
    let local: jiff::civil::DateTime = rest.trim().replacen(' ', "T", 1).parse().ok()?;
    let offset = jiff::tz::Offset::from_seconds(offset_minutes * 60).ok()?;
    let timestamp = offset.to_timestamp(local).ok()?;
    Some(CommitTime {
        seconds: timestamp.as_second(),
        offset_minutes,
    })
}

/// `@1751328000 +0800` or `1751328000 +0800`.
fn parse_raw(text: &str) -> Option<CommitTime> {
    let text = text.strip_prefix('@').unwrap_or(text);
    let (seconds, offset) = text.split_once(' ').unwrap_or((text, "+0000"));
    let seconds: i64 = seconds.parse().ok()?;
    let (_, offset_minutes) = split_offset(offset)?;
    Some(CommitTime {
        seconds,
        offset_minutes,
    })
}

/// Splits a trailing `Z`, `+08:00` or `+0800` off a date.
fn split_offset(text: &str) -> Option<(&str, i32)> {
    if let Some(rest) = text.strip_suffix('Z') {
        return Some((rest, 0));
    }
    let sign_at = text.rfind(['+', '-'])?;
    let (rest, offset) = text.split_at(sign_at);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let digits: String = offset[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    Some((rest, sign * (hours * 60 + minutes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PINNED: CommitTime = CommitTime {
        seconds: 1_751_328_000,
        offset_minutes: 480,
    };

    #[test]
    fn a_repository_above_is_named_relative_to_the_current_directory() {
        let root = Path::new("/home/编辑/项目");
        assert_eq!(shown_from(root, Path::new("/home/编辑/项目/")), ".");
        assert_eq!(shown_from(&root.join("sub/深"), root), "../..");
        assert_eq!(shown_from(Path::new("/tmp"), root), "/home/编辑/项目");
    }

    #[test]
    fn reads_the_date_forms_git_accepts() {
        assert_eq!(parse_git_date("2025-07-01T08:00:00+08:00"), Some(PINNED));
        assert_eq!(parse_git_date("2025-07-01 08:00:00 +0800"), Some(PINNED));
        assert_eq!(parse_git_date("@1751328000 +0800"), Some(PINNED));
        assert_eq!(
            parse_git_date("Tue, 1 Jul 2025 08:00:00 +0800"),
            Some(PINNED)
        );
        assert_eq!(
            parse_git_date("2025-07-01T00:00:00Z").map(|t| t.seconds),
            Some(PINNED.seconds)
        );
        assert_eq!(parse_git_date("去年"), None);
    }
}
