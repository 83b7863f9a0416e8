//! Sources that fail: each is reported with its reason while the others complete, nothing
//! stored changes for it, and after three failures in a row it is broken.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::*;

/// 64 gzip members of 1 MB of zeros each: 64 KB sent, 64 MB once decompressed.
fn gzip_bomb() -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(&vec![0u8; 1024 * 1024]).expect("write");
    let member = encoder.finish().expect("finish");
    (0..64).flat_map(|_| member.iter().copied()).collect()
}

const BAD: [(&str, &str, &str); 6] = [
    ("/slow.html", "timeout", "timed out"),
    ("/500.html", "http_status", "HTTP 500"),
    ("/404.html", "http_status", "HTTP 404"),
    ("/loop.html", "redirects", "too many redirects"),
    ("/huge.html", "too_big", "too big: more than 10485760 bytes"),
    ("/bomb.html", "too_big", "too big once decompressed"),
];

fn failing(server: &Server) -> String {
    server.set("/slow.html", Reply::Slow(Duration::from_secs(6)));
    server.set("/500.html", Reply::Status(500));
    server.set("/loop.html", Reply::Redirect("/loop.html".to_string()));
    server.set("/huge.html", Reply::Huge(50 * 1024 * 1024));
    server.set("/bomb.html", Reply::Gzip(gzip_bomb()));
    serve_seeds(server, &Furniture::monday());
    let mut toml: String = BAD
        .iter()
        .map(|(path, _, _)| {
            format!(
                "[[watch]]\nurl = \"{}\"\nhospital = \"诸城市人民医院\"\n\n",
                server.url(path)
            )
        })
        .collect();
    toml.push_str(&format!(
        "[[watch]]\nurl = \"{}\"\nhospital = \"定陶区人民医院\"\n\n[[watch]]\nurl = \"{}\"\nhospital = \"诸城市人民医院\"\n",
        server.url("/seed/002.html"),
        server.url("/seed/003.html"),
    ));
    toml
}

#[test]
fn each_failure_is_reported_with_its_reason_while_the_others_complete() {
    let f = Fixture::new();
    let server = Server::start();
    configure(&f, &failing(&server));
    let (code, stdout, stderr) = run(watch(&f, &["--timeout", "1", "--report", "run.json"]));
    assert_eq!(
        (code, stderr.as_str()),
        (0, ""),
        "failed sources alone are no trouble: {stdout}"
    );
    assert!(
        stdout.starts_with("watch: 8 sources: 2 new, 6 errors\n"),
        "{stdout}"
    );
    for (path, _, reason) in BAD {
        let line = format!("  error     {}: {reason}", server.url(path));
        assert!(stdout.contains(&line), "{line}\n{stdout}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f.store.join("run.json")).expect("report"))
            .expect("JSON");
    let kinds: Vec<&str> = json["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|s| s["error"]["kind"].as_str())
        .collect();
    assert_eq!(kinds, BAD.map(|(_, kind, _)| kind));
    let files = f.git(&["ls-files", "snapshots"]);
    assert_eq!(
        files.lines().count(),
        2,
        "only the good pages are stored: {files}"
    );
    f.git(&["fsck", "--no-progress"]);
}

#[test]
fn three_failures_in_a_row_break_a_source_and_flag_it_once() {
    let f = Fixture::new();
    let server = Server::start();
    serve_seeds(&server, &Furniture::monday());
    server.set("/500.html", Reply::Status(500));
    configure(
        &f,
        &format!(
            "[[watch]]\nurl = \"{}\"\nhospital = \"诸城市人民医院\"\n\n[[watch]]\nurl = \"{}\"\n",
            server.url("/500.html"),
            server.url("/seed/002.html")
        ),
    );
    let mut codes = Vec::new();
    let mut subjects = Vec::new();
    let mut last = String::new();
    for _ in 0..4 {
        let (code, stdout, _) = run(watch(&f, &[]));
        codes.push(code);
        subjects.push(f.git(&["log", "-1", "--format=%s"]).trim().to_string());
        last = stdout;
    }
    assert_eq!(
        codes,
        [0, 0, 1, 0],
        "flagged in the run that broke it: {last}"
    );
    // The failure count is state the next run needs: committed, with nothing else.
    assert_eq!(subjects[0], "watch: 1 new");
    assert_eq!(subjects[1..], ["watch: state of 1 source"; 3]);
    assert!(last.contains("  broken    "), "{last}");
    assert!(last.contains("HTTP 500 (4 failures in a row)"), "{last}");
    let state = std::fs::read_dir(f.store.join("watch"))
        .expect("state folder")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("state"))
        .find(|s| s.contains("500.html"))
        .expect("the failing source's state");
    assert!(
        state.contains("failures = 4") && state.contains("last_error = \"HTTP 500\""),
        "{state}"
    );

    // Back up: the count starts again, and the page is stored.
    server.set(
        "/500.html",
        reply(&seed_text("003"), &Furniture::monday(), true),
    );
    let (code, stdout, _) = run(watch(&f, &[]));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("  new       诸城市人民医院/"), "{stdout}");
}

#[test]
fn a_busy_server_is_tried_again() {
    let f = Fixture::new();
    let server = Server::start();
    let page = reply(&seed_text("002"), &Furniture::monday(), false);
    server.set(
        "/busy.html",
        Reply::Flaky(Arc::new(Mutex::new(1)), Box::new(page.clone())),
    );
    configure(
        &f,
        &format!("[[watch]]\nurl = \"{}\"\n", server.url("/busy.html")),
    );
    let (code, stdout, _) = run(watch(&f, &["--retries", "1"]));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("watch: 1 source: 1 new\n"), "{stdout}");

    server.set(
        "/busy2.html",
        Reply::Flaky(Arc::new(Mutex::new(1)), Box::new(page)),
    );
    configure(
        &f,
        &format!("[[watch]]\nurl = \"{}\"\n", server.url("/busy2.html")),
    );
    let (_, stdout, _) = run(watch(&f, &[]));
    assert!(
        stdout.contains(": HTTP 503 (1 failure)"),
        "no retry asked for: {stdout}"
    );
}

/// A server of one connection that sends its headers at once, then a byte of its body every
/// 200 ms for 20 s: never silent long enough for a read timeout.
fn trickling_server() -> (String, std::thread::JoinHandle<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
    let url = format!(
        "http://{}/trickle.html",
        listener.local_addr().expect("address")
    );
    let thread = std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n",
        );
        for _ in 0..100 {
            std::thread::sleep(Duration::from_millis(200));
            if stream
                .write_all(b"x")
                .and_then(|()| stream.flush())
                .is_err()
            {
                return;
            }
        }
    });
    (url, thread)
}

#[test]
fn a_server_that_trickles_bytes_cannot_hold_the_run() {
    let f = Fixture::new();
    let (url, server) = trickling_server();
    configure(&f, &format!("[[watch]]\nurl = \"{url}\"\n"));
    let started = std::time::Instant::now();
    let (code, stdout, _) = run(watch(&f, &["--timeout", "1"]));
    let took = started.elapsed();
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains(": timed out (1 failure)"), "{stdout}");
    // Connecting (1 s) and three times the timeout bound the whole fetch; the body alone
    // would take 20 s.
    assert!(
        took >= Duration::from_secs(3) && took < Duration::from_secs(12),
        "{took:?}"
    );
    let _ = server.join();
}
