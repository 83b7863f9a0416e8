//! `reportdiff review`, `textconv` and `git-diff`, end to end in a temporary project
//! repository built with the real `git` binary (pinned identity and dates, no user or system
//! configuration), so that commit ids and every output are the same on each run.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

use crate::common::reportdiff;

mod drivers;
mod github;
mod output;

/// The pinned date of every commit.
const DATE: &str = "2025-07-01T08:00:00+08:00";

pub const ANNUAL: &str = "snapshots/诸城市人民医院/年报.md";
pub const NEW_REPORT: &str = "snapshots/诸城市人民医院/党建联建.md";
pub const OLD_DRAFT: &str = "snapshots/诸城市人民医院/旧稿.md";
pub const OLD_NAME: &str = "snapshots/诸城市人民医院/健康宣讲.md";
pub const NEW_NAME: &str = "snapshots/诸城市人民医院/健康宣讲活动.md";
pub const RAW: &str = "raw/潍坊市人民医院/简报.html";
pub const RAW_SNAPSHOT: &str = "snapshots/潍坊市人民医院/简报.md";
pub const RULES: &str = "snapshots/潍坊市人民医院/三进宣讲.md";
pub const ELSEWHERE: &str = "snapshots/青州市人民医院/简报.md";

/// A snapshot file: front matter, then the body as given.
pub fn snapshot(hospital: &str, title: &str, body: &str) -> String {
    format!("+++\nhospital = \"{hospital}\"\ntitle = \"{title}\"\n+++\n\n{body}")
}

pub fn annual_v1() -> String {
    snapshot(
        "诸城市人民医院",
        "2022年工作总结",
        "# 医疗服务\n\n2022年，诸城市人民医院年门诊诊疗患者95万人次，出院69363人次。\n群众就医满意度提升到99.39%。\n\n# 人才建设\n\n医院新引进硕士研究生42名。\n",
    )
}

pub fn annual_v2() -> String {
    snapshot(
        "诸城市人民医院",
        "2022年工作总结",
        "# 医疗服务\n\n2022年，诸城市人民医院年门诊诊疗患者98.6万人次，出院71205人次。\n群众就医满意度提升到99.52%。\n\n# 人才建设\n\n医院新引进博士研究生5名、硕士研究生42名。\n提醒::error::伪造的命令，完成率100%。\n",
    )
}

pub fn raw_page(beds: u32) -> String {
    format!(
        "<html><head><meta charset=\"utf-8\"><title>潍坊市人民医院简报</title></head><body>\n\
         <div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/news\">新闻中心</a></div>\n\
         <div class=\"content\"><h1>潍坊市人民医院简报</h1>\n\
         <p>2023年,潍坊市人民医院床位达到{beds}张。</p>\n\
         <p>医院开展义诊活动30余场,服务群众2000余人次。</p></div>\n\
         <div class=\"footer\">版权所有 鲁ICP备12345678号</div></body></html>\n"
    )
}

/// A temporary repository, its commits tagged by what they did.
pub struct Repo {
    pub tmp: tempfile::TempDir,
    pub dir: PathBuf,
}

impl Repo {
    /// An empty repository whose first branch is `main`.
    pub fn empty() -> Repo {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("项目");
        std::fs::create_dir(&dir).expect("mkdir");
        let repo = Repo { tmp, dir };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// The repository of every test here. On `main`: five reports and one raw input. On
    /// `pr`, branched from there, one commit each (tagged): `t1` changes the annual report
    /// and adds one, `t2` deletes one and renames one, `t3` changes a raw input without its
    /// snapshot, `t4` is a rules update. `main` then moves on with a change `pr` must not
    /// show. `pr` is checked out.
    pub fn with_history() -> Repo {
        let repo = Repo::empty();
        repo.write(ANNUAL, &annual_v1());
        repo.write(
            OLD_DRAFT,
            &snapshot(
                "诸城市人民医院",
                "院庆征文启事",
                "为迎接建院七十周年，医院面向全院职工征集院史故事。\n来稿请发送至宣传科邮箱。\n截稿日期另行通知。\n",
            ),
        );
        repo.write(
            OLD_NAME,
            &snapshot(
                "诸城市人民医院",
                "健康宣讲",
                "医院每年开展健康知识宣讲活动。\n公益讲座深受群众欢迎。\n",
            ),
        );
        repo.write(RAW, &raw_page(800));
        repo.write(
            RAW_SNAPSHOT,
            &snapshot(
                "潍坊市人民医院",
                "潍坊市人民医院简报",
                "2023年，潍坊市人民医院床位达到800张。\n\n医院开展义诊活动30余场，服务群众2000余人次。\n",
            ),
        );
        repo.write(
            RULES,
            &snapshot(
                "潍坊市人民医院",
                "三进宣讲",
                "医院开展健康知识“三进”宣讲活动80余场。\n医院实行科主任负贵制。\n",
            ),
        );
        repo.write(
            ELSEWHERE,
            &snapshot("青州市人民医院", "简报", "医院开展义诊活动10场。\n"),
        );
        repo.commit("收录六篇报告");
        repo.git(&["checkout", "-q", "-b", "pr"]);
        repo.write(ANNUAL, &annual_v2());
        repo.write(
            NEW_REPORT,
            &snapshot(
                "诸城市人民医院",
                "党建联建",
                "# “支部建在学科上”\n\n医院由18个党支部调整为23个党支部。\n与强者同行，方可行稳致远。\n",
            ),
        );
        repo.commit("更新年报,收录党建联建");
        repo.git(&["tag", "t1"]);
        repo.git(&["rm", "-q", OLD_DRAFT]);
        repo.git(&["mv", OLD_NAME, NEW_NAME]);
        repo.commit("删除旧稿,健康宣讲改名");
        repo.git(&["tag", "t2"]);
        repo.write(RAW, &raw_page(1000));
        repo.commit("更新简报原文");
        repo.git(&["tag", "t3"]);
        repo.write(
            RULES,
            &snapshot(
                "潍坊市人民医院",
                "三进宣讲",
                "医院开展健康知识“三进”宣讲活动80余场。\n医院实行科主任负责制。\n",
            ),
        );
        repo.commit("renormalize 1 report(s) with rules 0.1.0+rules.2\n\nNormalizer-Change: yes");
        repo.git(&["tag", "t4"]);
        repo.git(&["checkout", "-q", "main"]);
        repo.write(
            ELSEWHERE,
            &snapshot("青州市人民医院", "简报", "医院开展义诊活动12场。\n"),
        );
        repo.commit("主干上的更新");
        repo.git(&["checkout", "-q", "pr"]);
        repo
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.join(file)
    }

    pub fn write(&self, file: &str, text: &str) {
        self.write_bytes(file, text.as_bytes());
    }

    pub fn write_bytes(&self, file: &str, bytes: &[u8]) {
        let path = self.path(file);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }

    /// Stages everything and commits with `message`.
    pub fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// `git` in the repository, hermetically; panics unless it succeeds.
    pub fn git(&self, args: &[&str]) -> String {
        let output = self.git_output(args);
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    }

    pub fn git_output(&self, args: &[&str]) -> Output {
        self.git_command().args(args).output().expect("git runs")
    }

    /// `git` with the pinned environment, not yet run.
    pub fn git_command(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new("git");
        cmd.current_dir(&self.dir)
            .args(["-c", "core.quotepath=off"])
            .env_remove("GIT_EXTERNAL_DIFF")
            .env_remove("GITHUB_STEP_SUMMARY")
            .env("HOME", self.tmp.path())
            .env("XDG_CONFIG_HOME", self.tmp.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "编辑")
            .env("GIT_AUTHOR_EMAIL", "editor@example.com")
            .env("GIT_COMMITTER_NAME", "编辑")
            .env("GIT_COMMITTER_EMAIL", "editor@example.com")
            .env("GIT_AUTHOR_DATE", DATE)
            .env("GIT_COMMITTER_DATE", DATE)
            .env("NO_COLOR", "1");
        cmd
    }

    /// The short id of a revision.
    pub fn short(&self, revision: &str) -> String {
        self.git(&["rev-parse", "--short=7", revision])
            .trim()
            .to_string()
    }

    /// `reportdiff` run in the repository, with no job-summary file.
    pub fn cmd(&self) -> Command {
        let mut cmd = reportdiff();
        cmd.current_dir(&self.dir)
            .env("HOME", self.tmp.path())
            .env_remove("GITHUB_STEP_SUMMARY");
        cmd
    }

    /// `reportdiff review` with `args`.
    pub fn review(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().arg("review").args(args).assert()
    }
}

/// Standard output as text.
pub fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8 output")
}

/// Where the binary under test is, for git to call.
pub fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_reportdiff"))
}
