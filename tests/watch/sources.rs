//! What a source's table can say: a file instead of a URL, sentences to ignore, the element
//! that holds the article, the page's encoding; and `watch add`.

use super::*;

#[test]
fn ignored_sentences_are_neither_stored_nor_a_change() {
    let f = Fixture::new();
    let file = f.store.join("简报.txt");
    let text = |views: u32| {
        format!(
            "诸城市人民医院召开党建工作会议。\n截至发稿，本文已被阅读{views}次。\n会议部署了2025年重点工作。\n"
        )
    };
    std::fs::write(&file, text(12)).expect("write");
    configure(
        &f,
        "[[watch]]\npath = \"简报.txt\"\nhospital = \"诸城市人民医院\"\nignore = [\"已被阅读\\\\d+次\"]\n",
    );
    let (code, stdout, _) = run(watch(&f, &[]));
    assert_eq!(code, 0, "{stdout}");
    let stored = f.git(&["show", "HEAD:snapshots/诸城市人民医院/简报.md"]);
    assert!(!stored.contains("阅读"), "{stored}");
    std::fs::write(&file, text(3456)).expect("write");
    let head = f.head();
    let (code, stdout, _) = run(watch(&f, &["--quiet"]));
    assert_eq!(
        (code, stdout.as_str()),
        (0, "watch: 1 source: 1 unchanged\nnothing to commit\n")
    );
    assert_eq!(f.head(), head);
}

#[test]
fn a_selector_pins_the_article_and_keeps_the_page_title() {
    let f = Fixture::new();
    let server = Server::start();
    let html = "<html><head><meta charset=\"utf-8\"><title>院务公开</title></head><body>\
        <div class=\"other\"><p>医院举办职工运动会，共有三百余名职工参加了比赛。</p><p>运动会设置了拔河、跳绳等十个项目。</p></div>\
        <div class=\"article\"><p>诸城市人民医院召开党建工作会议。</p><p>会议部署了2025年重点工作。</p></div></body></html>";
    server.set(
        "/news.html",
        Reply::Page {
            body: html.as_bytes().to_vec(),
            content_type: "text/html".to_string(),
        },
    );
    configure(
        &f,
        &format!(
            "[[watch]]\nurl = \"{}\"\nhospital = \"诸城市人民医院\"\nselector = \"div.article\"\n",
            server.url("/news.html")
        ),
    );
    let (code, stdout, _) = run(watch(&f, &[]));
    assert_eq!(code, 0, "{stdout}");
    let files = f.git(&["ls-files", "snapshots"]);
    let stored = f.git(&["show", &format!("HEAD:{}", files.trim())]);
    assert!(
        stored.contains("召开党建工作会议") && !stored.contains("运动会"),
        "{stored}"
    );
}

#[test]
fn a_configured_encoding_reads_what_detection_would_not() {
    let f = Fixture::new();
    let server = Server::start();
    // Short Big5 text, served as if it were UTF-8: only the source's table knows better.
    let text = "諸城市人民醫院召開黨建會議。\n";
    let (bytes, _, _) = encoding_rs::BIG5.encode(text);
    server.set(
        "/big5.txt",
        Reply::Page {
            body: bytes.into_owned(),
            content_type: "text/plain; charset=utf-8".to_string(),
        },
    );
    configure(
        &f,
        &format!(
            "[[watch]]\nurl = \"{}\"\nhospital = \"诸城市人民医院\"\nreport = \"会议\"\nencoding = \"big5\"\n",
            server.url("/big5.txt")
        ),
    );
    let (code, stdout, _) = run(watch(&f, &[]));
    assert_eq!(code, 0, "{stdout}");
    let stored = f.git(&["show", "HEAD:snapshots/诸城市人民医院/会议.md"]);
    assert!(stored.contains("諸城市人民醫院召開黨建會議。"), "{stored}");
}

#[test]
fn watch_add_reads_the_source_before_it_commits_it() {
    let f = Fixture::new();
    let server = Server::start();
    serve_seeds(&server, &Furniture::monday());
    let url = server.url("/seed/003.html");
    let (code, stdout, stderr) = run({
        let mut cmd = f.cmd();
        cmd.args(["watch", "add", &url]);
        cmd
    });
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        stdout.starts_with(&format!("watching {url} (诸城市人民医院, ")),
        "{stdout}"
    );
    let config = f.git(&["show", "HEAD:reportdiff.toml"]);
    assert!(
        config.ends_with(&format!("\n[[watch]]\nurl = \"{url}\"\n")),
        "{config}"
    );
    assert!(
        config.starts_with("# reportdiff store configuration."),
        "comments kept"
    );

    let head = f.head();
    let missing = server.url("/404.html");
    for (location, says) in [
        (missing.as_str(), "HTTP 404; not added"),
        (url.as_str(), "is already watched"),
        ("没有这个文件.html", "no such file"),
    ] {
        let (code, stdout, stderr) = run({
            let mut cmd = f.cmd();
            cmd.args(["watch", "add", location]);
            cmd
        });
        assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
        assert!(
            stderr.contains(says) && stderr.lines().count() == 1,
            "{stderr}"
        );
    }
    assert_eq!(f.head(), head);
}

#[test]
fn two_sources_of_one_template_stay_two_reports() {
    let f = Fixture::new();
    let body = "医院召开党建工作会议。\n会议传达学习了上级精神。\n会议部署了2025年重点工作。\n会议要求全院职工统一思想。\n";
    std::fs::write(
        f.store.join("一院区.txt"),
        format!("{body}一院区门诊量达到12万人次。\n"),
    )
    .expect("write");
    std::fs::write(
        f.store.join("二院区.txt"),
        format!("{body}二院区门诊量达到8万人次。\n"),
    )
    .expect("write");
    configure(
        &f,
        "[[watch]]\npath = \"一院区.txt\"\nhospital = \"诸城市人民医院\"\n\n[[watch]]\npath = \"二院区.txt\"\nhospital = \"诸城市人民医院\"\n",
    );
    for _ in 0..2 {
        let (code, stdout, _) = run(watch(&f, &["--quiet"]));
        assert_eq!(code, 0, "{stdout}");
    }
    assert_eq!(
        f.git(&["ls-files", "snapshots"]),
        "snapshots/诸城市人民医院/一院区.md\nsnapshots/诸城市人民医院/二院区.md\n"
    );
    assert_eq!(
        commit_count(&f),
        3,
        "init, config, one run: the second changes nothing"
    );
}
