//! Runs over the five seeds: the first stores all, new furniture is no change, a changed
//! figure is flagged with its delta, a page that comes back is a flip-back.

use super::*;

/// A store watching the five seeds, served with Monday's furniture, after its first run.
fn watched() -> (Fixture, Server) {
    let f = Fixture::new();
    let server = Server::start();
    serve_seeds(&server, &Furniture::monday());
    configure(&f, &seed_sources(&server));
    let (code, stdout, stderr) = run(watch(&f, &[]));
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    (f, server)
}

#[test]
fn the_first_run_stores_every_source_in_one_commit() {
    let (f, server) = watched();
    assert_eq!(commit_count(&f), 3, "init, config, the run");
    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.starts_with("watch: 5 new\n"), "{message}");
    for (prefix, _, _) in SERVED {
        let url = server.url(&format!("/seed/{prefix}.html"));
        assert!(
            message.contains(&format!("Source-Url: {url}\n")),
            "{message}"
        );
    }
    assert!(
        message.contains("Fetched-At: 2025-07-01T08:00:00+08:00"),
        "{message}"
    );
    let files = f.git(&["ls-files"]);
    assert_eq!(
        files
            .lines()
            .filter(|l| l.starts_with("snapshots/"))
            .count(),
        5,
        "{files}"
    );
    assert_eq!(
        files.lines().filter(|l| l.starts_with("watch/")).count(),
        5,
        "{files}"
    );
    // The GBK pages read as Chinese, not mojibake.
    let zhucheng = f.git(&[
        "show",
        &format!("HEAD:snapshots/{}.md", stored_name(&server, "003")),
    ]);
    assert!(
        zhucheng.contains("由18个党支部调整为23个党支部"),
        "{zhucheng}"
    );
    f.assert_clean();
}

#[test]
fn new_sidebars_view_counts_crawl_times_and_ads_are_no_change() {
    let (f, server) = watched();
    let head = f.head();
    serve_seeds(&server, &Furniture::tuesday());
    let (code, stdout, stderr) = run(watch(&f, &[]));
    assert_eq!(
        (code, stdout.as_str(), stderr.as_str()),
        (
            0,
            "watch: 5 sources: 5 unchanged\n\nnothing to commit\n",
            ""
        )
    );
    assert_eq!(f.head(), head, "no commit");
    f.assert_clean();
}

#[test]
fn an_unchanged_page_costs_one_conditional_request() {
    let (f, server) = watched();
    let (code, stdout, _) = run(watch(&f, &["--format", "json"]));
    assert_eq!(code, 0, "{stdout}");
    let asked = server.conditional_requests();
    assert_eq!(asked.len(), 5, "{asked:?}");
    assert_eq!(
        stdout.matches("\"not_modified\": true").count(),
        5,
        "{stdout}"
    );
}

#[test]
fn a_changed_figure_flags_exactly_that_report_with_its_delta() {
    let (f, server) = watched();
    let edited = seed_text("003").replacen(
        "由18个党支部调整为23个党支部",
        "由18个党支部调整为25个党支部",
        1,
    );
    serve_seeds(&server, &Furniture::tuesday());
    server.set(
        "/seed/003.html",
        reply(&edited, &Furniture::tuesday(), true),
    );
    let (code, stdout, stderr) = run(watch(&f, &["--report", "watch.json"]));
    assert_eq!((code, stderr.as_str()), (1, ""), "{stdout}");
    let name = stored_name(&server, "003");
    assert!(
        stdout.starts_with(&format!("watch: 5 sources: 1 changed (1 flagged), 4 unchanged\n\n! changed   {name}: 1 modified; 1 figure changed\n")),
        "{stdout}"
    );
    assert_eq!(stdout.matches("\n! ").count(), 1, "{stdout}");
    assert!(stdout.contains("[-23个-]{+25个+}"), "{stdout}");
    let row = stdout
        .lines()
        .rfind(|l| l.contains("25个"))
        .expect("a figure row");
    assert!(row.contains("+2个") && row.contains("changed"), "{row}");

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f.store.join("watch.json")).expect("report"))
            .expect("JSON");
    assert_eq!(json["schema"], "reportdiff.watch/v1");
    assert_eq!(json["summary"]["flagged"], 1);
    let flagged: Vec<&serde_json::Value> = json["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter(|s| s["flagged"] == true)
        .collect();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0]["report"], name.as_str());
    assert_eq!(flagged[0]["metrics"][0]["delta"], 2);
    let figure = flagged[0]["metrics"][0]["new_text"].as_str().expect("text");
    assert!(figure.ends_with("调整为25个"), "{figure}");

    let message = f.git(&["log", "-1", "--format=%B"]);
    assert!(message.starts_with("watch: 1 changed\n"), "{message}");
    assert_eq!(message.matches("Source-Url:").count(), 1, "{message}");
    let changed = f.git(&["show", "--stat", "--format=", "HEAD"]);
    assert!(
        changed.contains("3 files changed"),
        "snapshot, raw page, state: {changed}"
    );
}

#[test]
fn a_page_that_goes_a_b_a_is_a_flip_back_not_a_new_change() {
    let (f, server) = watched();
    let original = seed_text("002");
    let b = original.replacen("正确领导下", "坚强领导下", 1);
    assert_ne!(b, original);
    server.set("/seed/002.html", reply(&b, &Furniture::tuesday(), false));
    let (code, stdout, _) = run(watch(&f, &[]));
    assert_eq!(code, 1, "B is a change: {stdout}");
    server.set(
        "/seed/002.html",
        reply(&original, &Furniture::monday(), false),
    );
    let (code, stdout, stderr) = run(watch(&f, &["--report", "watch.md"]));
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    let name = stored_name(&server, "002");
    assert!(
        stdout.contains(&format!("\n  flip-back {name}: ")),
        "{stdout}"
    );
    assert!(
        stdout.contains("back to the version before the stored one"),
        "{stdout}"
    );
    assert!(
        stdout.starts_with("watch: 5 sources: 4 unchanged, 1 flipped back\n"),
        "{stdout}"
    );
    // Stored, so that the history says what the page showed when.
    assert_eq!(commit_count(&f), 5);
    let markdown = std::fs::read_to_string(f.store.join("watch.md")).expect("report");
    assert!(
        markdown.starts_with("<!-- reportdiff watch -->\n"),
        "{markdown}"
    );
    assert!(markdown.contains("| flip-back |"), "{markdown}");
}

#[test]
fn a_dry_run_reads_and_flags_but_writes_nothing() {
    let (f, server) = watched();
    let head = f.head();
    let edited = seed_text("000").replacen("心理健康", "心理卫生", 1);
    server.set(
        "/seed/000.html",
        reply(&edited, &Furniture::monday(), false),
    );
    let (code, stdout, _) = run(watch(&f, &["--dry-run"]));
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.ends_with("dry run: nothing written\n"), "{stdout}");
    assert_eq!(f.head(), head);
    f.assert_clean();
}

#[test]
fn only_and_shard_take_part_of_the_sources() {
    let (f, server) = watched();
    serve_seeds(&server, &Furniture::tuesday());
    let (code, stdout, _) = run(watch(&f, &["--only", "诸城市人民医院", "--quiet"]));
    assert_eq!(
        (code, stdout.as_str()),
        (0, "watch: 1 source: 1 unchanged\nnothing to commit\n")
    );
    let mut total = 0;
    for shard in ["1/2", "2/2"] {
        let (code, stdout, _) = run(watch(&f, &["--shard", shard, "--format", "json"]));
        assert_eq!(code, 0);
        let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
        total += json["summary"]["sources"].as_u64().expect("count");
    }
    assert_eq!(total, 5);
    let (code, _, stderr) = run(watch(&f, &["--shard", "3/2"]));
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: ") && stderr.lines().count() == 1,
        "{stderr}"
    );
}
