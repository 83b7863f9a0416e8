//! A URL where a file would do: `normalize`, `diff` and `ingest` fetch the page with the same
//! client as `watch`, and record where it came from.

use predicates::prelude::*;

use super::{Furniture, Reply, Server, reply, run, seed_text};
use crate::store::Fixture;

#[test]
fn normalize_reads_a_gbk_page_from_its_url_and_records_the_address() {
    let server = Server::start();
    server.set(
        "/news/1.html",
        reply(&seed_text("003"), &Furniture::monday(), true),
    );
    let url = server.url("/news/1.html");
    let f = Fixture::new();
    let (code, stdout, stderr) = run({
        let mut cmd = f.cmd();
        cmd.args(["normalize", &url]);
        cmd
    });
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(&format!("url = \"{url}\"")), "{stdout}");
    assert!(stdout.contains("诸城市人民医院"), "{stdout}");
    assert!(!stdout.contains("浏览次数"), "{stdout}");
}

#[test]
fn diff_of_two_fetches_ignores_the_furniture_that_changed() {
    let server = Server::start();
    let text = seed_text("002");
    server.set("/a.html", reply(&text, &Furniture::monday(), false));
    server.set("/b.html", reply(&text, &Furniture::tuesday(), true));
    let f = Fixture::new();
    f.cmd()
        .args(["diff", &server.url("/a.html"), &server.url("/b.html")])
        .assert()
        .code(0);
}

#[test]
fn ingest_stores_a_fetched_page_as_html_under_its_hospital() {
    let server = Server::start();
    server.set(
        "/news/1.html",
        reply(&seed_text("003"), &Furniture::monday(), true),
    );
    let url = server.url("/news/1.html");
    let f = Fixture::new();
    f.cmd().args(["ingest", &url]).assert().success();
    let stored = f.git(&["ls-files", "raw", "snapshots"]);
    assert!(stored.contains("raw/诸城市人民医院/"), "{stored}");
    assert!(stored.lines().any(|l| l.ends_with(".html")), "{stored}");
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.contains(&format!("Source-Url: {url}")), "{message}");
}

#[test]
fn a_page_that_cannot_be_fetched_is_one_line_and_exit_2() {
    let server = Server::start();
    server.set("/gone.html", Reply::Status(404));
    let f = Fixture::new();
    f.cmd()
        .args(["normalize", &server.url("/gone.html")])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("404"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}
