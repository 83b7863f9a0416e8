//! The README and `examples/README.md` as tests: every `console` block runs as written, in a
//! temporary folder that holds a copy of `examples/`, with a pinned clock and identity and no
//! user git configuration, and its output (stdout and stderr) and exit status must match.

use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("readable folder") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("file name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn every_console_block_of_the_readmes_runs_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("tempdir");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");
    let cases = trycmd::TestCases::new();
    for (name, readme) in [("README", "README.md"), ("EXAMPLES", "examples/README.md")] {
        // trycmd runs `NAME.md` in `NAME.in/`: there the commands find `examples/` as they
        // do in the project root, and write their stores where nothing else lives.
        std::fs::copy(root.join(readme), tmp.path().join(format!("{name}.md"))).expect("copy");
        copy_dir(
            &root.join("examples"),
            &tmp.path().join(format!("{name}.in/examples")),
        );
        cases.case(tmp.path().join(format!("{name}.md")));
    }
    let home = home.display().to_string();
    cases
        .register_bin("reportdiff", trycmd::cargo::cargo_bin("reportdiff"))
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", &home)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "编辑")
        .env("GIT_AUTHOR_EMAIL", "editor@example.org")
        .env("GIT_COMMITTER_NAME", "编辑")
        .env("GIT_COMMITTER_EMAIL", "editor@example.org")
        .env("GIT_AUTHOR_DATE", "2025-07-01T08:00:00+08:00")
        .env("GIT_COMMITTER_DATE", "2025-07-01T08:00:00+08:00")
        // Empty counts as unset: no store, no colour switch from the caller's environment.
        .env("REPORTDIFF_STORE", "")
        .env("NO_COLOR", "")
        .env("TERM", "dumb");
    cases.run();
}
