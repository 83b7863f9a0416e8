//! Exit codes, as diff(1) and `git diff --exit-code` use them, and what a closed pipe does
//! to them.

use std::io;

/// No difference, or success.
pub const SAME: i32 = 0;
/// Differences found, or changes flagged.
pub const DIFFERENT: i32 = 1;
/// Trouble: bad input, unknown ref, I/O error.
pub const TROUBLE: i32 = 2;

/// The exit code once a command's output is written: `code`, the status its run found, also
/// when the reader closed the pipe early (`reportdiff diff a b | head -1` still exits 1 when
/// the reports differ, as git does); any other write error is trouble.
pub fn after_writing(written: io::Result<()>, code: i32) -> anyhow::Result<i32> {
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(anyhow::Error::new(e).context("cannot write the output")),
        Ok(()) => Ok(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_keeps_the_status_found_so_far() {
        let closed = || Err(io::Error::from(io::ErrorKind::BrokenPipe));
        assert_eq!(after_writing(closed(), DIFFERENT).ok(), Some(DIFFERENT));
        assert_eq!(after_writing(closed(), SAME).ok(), Some(SAME));
        assert!(after_writing(Err(io::Error::other("磁盘已满")), DIFFERENT).is_err());
    }
}
