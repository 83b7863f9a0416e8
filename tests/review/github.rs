//! `review --format github`: annotation lines that no report text can turn into another
//! workflow command, at most 10 of a kind, and the Markdown summary appended to
//! `$GITHUB_STEP_SUMMARY` under GitHub's 1 MiB limit.

use super::{ANNUAL, Repo, snapshot, stdout_of};

/// GitHub's limit on one step's job summary.
const LIMIT: usize = 1024 * 1024;

/// A workflow command as the runner reads it: its name, its properties and its message.
type Command = (String, Properties, String);
type Properties = Vec<(String, String)>;

/// Reads a workflow command line as the runner does (the line trimmed at its start, the
/// properties up to the first `::` after the leading one, split on `,` then on the first
/// `=`; the rest the message), unescaping both.
fn parse(line: &str) -> Option<Command> {
    let rest = line.trim_start().strip_prefix("::")?;
    let end = rest.find("::")?;
    let (info, data) = (&rest[..end], &rest[end + 2..]);
    let (command, properties) = info.split_once(' ').unwrap_or((info, ""));
    let unescape_data = |s: &str| {
        s.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%25", "%")
    };
    let unescape_property = |s: &str| {
        s.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let properties = properties
        .split(',')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), unescape_property(v)))
        .collect();
    Some((command.to_string(), properties, unescape_data(data)))
}

fn property<'a>(properties: &'a [(String, String)], key: &str) -> Option<&'a str> {
    properties
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn every_line_is_one_annotation_and_report_text_stays_text() {
    let repo = Repo::with_history();
    let assert = repo.review(&["--format", "github"]).code(1).stderr("");
    let text = stdout_of(&assert);
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!("review_e2e_github", text);
    });
    let annotations: Vec<_> = text.lines().map(|l| parse(l).expect(l)).collect();
    for (line, (command, _, _)) in text.lines().zip(&annotations) {
        assert!(
            line.starts_with("::warning ") || line.starts_with("::notice "),
            "{line}"
        );
        assert!(["warning", "notice"].contains(&command.as_str()), "{line}");
    }
    let injected = annotations
        .iter()
        .find(|(_, _, message)| message.contains("::error::"))
        .expect("the sentence holding ::error::");
    assert_eq!(injected.0, "warning");
    assert_eq!(property(&injected.1, "file"), Some(ANNUAL));
    assert_eq!(property(&injected.1, "line"), Some("14"));
    assert_eq!(injected.2, "{+提醒::error::伪造的命令，完成率100%。+}");
    assert!(text.contains("完成率100%25。"), "{text}");
}

#[test]
fn a_file_name_with_a_line_break_cannot_start_a_command() {
    let repo = Repo::empty();
    let sneaky = "snapshots/医院%0A,x/报告\n::error file=a,line=1::伪造.md";
    repo.write(ANNUAL, &super::annual_v1());
    repo.commit("收录年报");
    repo.git(&["checkout", "-q", "-b", "pr"]);
    repo.write(
        sneaky,
        &snapshot("医院", "报告", "第一句:有冒号,有逗号。\r\n"),
    );
    repo.commit("收录奇怪的文件名");
    let text = stdout_of(&repo.review(&["--format", "github"]).code(1).stderr(""));
    assert_eq!(text.lines().count(), 2, "{text}");
    let (command, properties, message) =
        parse(text.lines().nth(1).expect("a notice")).expect("a command");
    assert_eq!(command, "notice");
    assert_eq!(property(&properties, "file"), Some(sneaky));
    assert_eq!(property(&properties, "line"), Some("6"));
    assert!(
        message.starts_with("医院%0A,x/报告\n::error file=a,line=1::伪造: new report"),
        "{message}"
    );
    assert!(!text.lines().any(|l| l.starts_with("::error")), "{text}");
}

#[test]
fn a_carriage_return_inside_a_sentence_stays_in_its_annotation() {
    let repo = Repo::empty();
    repo.write(ANNUAL, &super::annual_v1());
    repo.commit("收录年报");
    repo.git(&["checkout", "-q", "-b", "pr"]);
    let sentence = "医院新引进硕士研究生42名。\r::error::回车之后的命令%0A";
    repo.write(
        ANNUAL,
        &super::annual_v1().replace("医院新引进硕士研究生42名。", sentence),
    );
    repo.commit("句中有回车");
    let text = stdout_of(&repo.review(&["--format", "github"]).code(1).stderr(""));
    // A lone CR would end the line for the runner: it is escaped, never written.
    assert!(!text.contains('\r'), "{text:?}");
    let warning = text
        .lines()
        .find(|l| l.starts_with("::warning "))
        .expect("a warning");
    assert!(
        warning.ends_with("::医院新引进硕士研究生42名。{+%0D::error::回车之后的命令%250A+}"),
        "{warning}"
    );
    let (_, properties, message) = parse(warning).expect("a command");
    assert_eq!(property(&properties, "line"), Some("13"));
    assert_eq!(
        message,
        "医院新引进硕士研究生42名。{+\r::error::回车之后的命令%0A+}"
    );
}

#[test]
fn at_most_ten_warnings_figure_changes_first() {
    let repo = Repo::empty();
    let body = |edited: bool| -> String {
        (1..=14)
            .map(|i| {
                if edited {
                    format!("第{i}个科室开展了新技术。\n")
                } else {
                    format!("第{i}个科室开展新技术。\n")
                }
            })
            .chain([format!(
                "全院开展新技术{}项。\n",
                if edited { 35 } else { 30 }
            )])
            .collect()
    };
    repo.write(ANNUAL, &snapshot("诸城市人民医院", "新技术", &body(false)));
    repo.commit("收录");
    repo.git(&["checkout", "-q", "-b", "pr"]);
    repo.write(ANNUAL, &snapshot("诸城市人民医院", "新技术", &body(true)));
    repo.commit("改写");
    let text = stdout_of(&repo.review(&["--format", "github"]).code(1));
    let warnings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("::warning "))
        .collect();
    assert_eq!(warnings.len(), 10, "{text}");
    assert!(
        warnings[0].contains("title=modified (figures)::全院开展新技术[-30项-]{+35项+}。"),
        "{}",
        warnings[0]
    );
    let summary = text.lines().next().expect("the summary notice");
    assert!(
        summary.ends_with(
            "; 5 more annotation(s) left out (GitHub shows 10 of a kind): see the job summary"
        ),
        "{summary}"
    );
}

#[test]
fn the_markdown_summary_is_appended_to_the_step_summary() {
    let repo = Repo::with_history();
    let summary = repo.tmp.path().join("step_summary.md");
    std::fs::write(&summary, "## 前一步的摘要\n").expect("write");
    let annotations = stdout_of(
        &repo
            .cmd()
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["review", "--format", "github", "--fail-on", "none"])
            .assert()
            .code(0)
            .stderr(""),
    );
    let markdown = stdout_of(&repo.review(&["--format", "markdown"]));
    let written = std::fs::read_to_string(&summary).expect("the summary");
    assert_eq!(written, format!("## 前一步的摘要\n{markdown}"));
    assert!(!annotations.contains("<details>"));
}

#[test]
fn a_step_summary_near_the_limit_gets_whole_reports_and_a_note() {
    let repo = Repo::with_history();
    let markdown = stdout_of(&repo.review(&["--format", "markdown"]));
    let summary = repo.tmp.path().join("step_summary.md");
    // Room for the summary table and a report or two, not for all six.
    let earlier = LIMIT - markdown.len() / 2;
    std::fs::write(&summary, "前".repeat(earlier / 3)).expect("write");
    repo.cmd()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["review", "--format", "github"])
        .assert()
        .code(1)
        .stderr("");
    let written = std::fs::read_to_string(&summary).expect("the summary");
    assert!(written.len() <= LIMIT, "{} bytes", written.len());
    let appended = &written[(earlier / 3) * 3..];
    assert!(
        appended.starts_with("<!-- reportdiff review -->\n"),
        "{appended}"
    );
    assert!(
        appended.contains("Cut to fit GitHub's 1 MiB job-summary limit:** the diffs of "),
        "{appended}"
    );
    assert_eq!(
        appended.matches("<details>").count(),
        appended.matches("</details>").count()
    );
    assert!(appended.matches("<details>").count() < 6);
    // A file already at the limit gets nothing more.
    std::fs::write(&summary, "前".repeat(LIMIT / 3)).expect("write");
    repo.cmd()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["review", "--format", "github"])
        .assert()
        .code(1);
    assert_eq!(
        std::fs::metadata(&summary).expect("the summary").len() as usize,
        (LIMIT / 3) * 3
    );
}

#[test]
fn an_unwritable_step_summary_is_trouble() {
    let repo = Repo::with_history();
    let folder = repo.tmp.path().join("不是文件");
    std::fs::create_dir(&folder).expect("mkdir");
    repo.cmd()
        .env("GITHUB_STEP_SUMMARY", &folder)
        .args(["review", "--format", "github"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with("error: GITHUB_STEP_SUMMARY "));
}

#[test]
fn the_example_workflow_runs_as_written() {
    let workflow = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/review.yml"),
    )
    .expect("examples/review.yml");
    let command = workflow
        .lines()
        .find_map(|l| l.trim().strip_prefix("run: reportdiff review "))
        .expect("a review step");
    // The shell's work: the base branch's name, then words without their quotes.
    let command = command.replace("$GITHUB_BASE_REF", "main");
    let args: Vec<String> = command
        .split_whitespace()
        .map(|word| word.trim_matches('"').to_string())
        .collect();
    assert!(args.iter().any(|a| a == "github"), "{args:?}");
    let repo = Repo::with_history();
    // What a checkout with the whole history has: the base branch as a remote branch.
    let main = repo.git(&["rev-parse", "main"]);
    repo.git(&["update-ref", "refs/remotes/origin/main", main.trim()]);
    repo.git(&["branch", "-q", "-D", "main"]);
    let summary = repo.tmp.path().join("step_summary.md");
    let text = stdout_of(
        &repo
            .cmd()
            .env("GITHUB_STEP_SUMMARY", &summary)
            .arg("review")
            .args(&args)
            .assert()
            .code(0)
            .stderr(""),
    );
    assert!(
        text.starts_with("::notice title=reportdiff review "),
        "{text}"
    );
    assert!(text.contains("6 reports: 1 added, 3 changed"), "{text}");
    let written = std::fs::read_to_string(&summary).expect("the job summary");
    assert!(written.starts_with("<!-- reportdiff review -->\n"));
}
