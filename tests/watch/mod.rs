//! `reportdiff watch` end to end: a real HTTP server on 127.0.0.1 inside the test process
//! serves pages built from the seeds (GBK and UTF-8, with furniture that changes from run to
//! run), and the command runs against a store in a temporary folder.

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use assert_cmd::Command;

use crate::common::seed;
use crate::store::Fixture;

mod failures;
mod runs;
mod safety;
mod sources;
mod urls;

/// What the server answers on one path.
#[derive(Clone)]
pub enum Reply {
    /// A page, with its `Content-Type`; answered `304` when the request's `If-None-Match`
    /// holds its ETag.
    Page { body: Vec<u8>, content_type: String },
    /// An empty body with this status.
    Status(u16),
    /// A `302` to this path.
    Redirect(String),
    /// Nothing for this long, then a page.
    Slow(Duration),
    /// This many bytes of a page that never ends.
    Huge(u64),
    /// A gzip body as sent (`Content-Encoding: gzip`).
    Gzip(Vec<u8>),

    /// `503` this many more times, then the page.
    Flaky(Arc<Mutex<u32>>, Box<Reply>),
}

/// A server on 127.0.0.1 that answers from a table of paths, and remembers the
/// `If-None-Match` header of each request.
pub struct Server {
    inner: Arc<tiny_http::Server>,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    conditional: Arc<Mutex<Vec<String>>>,
    thread: Option<JoinHandle<()>>,
    base: String,
}

impl Server {
    pub fn start() -> Server {
        let inner = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("binds"));
        let base = format!("http://{}", inner.server_addr());
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let conditional: Arc<Mutex<Vec<String>>> = Arc::default();
        let thread = {
            let (inner, routes, conditional) = (inner.clone(), routes.clone(), conditional.clone());
            std::thread::spawn(move || {
                for request in inner.incoming_requests() {
                    let reply = lock(&routes).get(request.url()).cloned();
                    let etag = request
                        .headers()
                        .iter()
                        .find(|h| h.field.equiv("If-None-Match"))
                        .map(|h| h.value.to_string());
                    if let Some(etag) = &etag {
                        lock(&conditional).push(format!("{} {etag}", request.url()));
                    }
                    // Each answer on its own thread: a slow one holds up no other.
                    std::thread::spawn(move || answer(request, reply, etag));
                }
            })
        };
        Server {
            inner,
            routes,
            conditional,
            thread: Some(thread),
            base,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn set(&self, path: &str, reply: Reply) {
        lock(&self.routes).insert(path.to_string(), reply);
    }

    /// `PATH ETAG` for every conditional request so far.
    pub fn conditional_requests(&self) -> Vec<String> {
        lock(&self.conditional).clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.inner.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header")
}

fn answer(request: tiny_http::Request, reply: Option<Reply>, etag: Option<String>) {
    use tiny_http::Response;
    let empty = |status: u16| Response::empty(status);
    let _ = match reply {
        None => request.respond(empty(404)),
        Some(Reply::Page { body, content_type }) => {
            let tag = format!(
                "\"{:x}\"",
                body.len() * 31 + body.iter().map(|&b| b as usize).sum::<usize>()
            );
            if etag.as_deref() == Some(tag.as_str()) {
                request.respond(empty(304))
            } else {
                let response = Response::from_data(body)
                    .with_header(header("Content-Type", &content_type))
                    .with_header(header("ETag", &tag));
                request.respond(response)
            }
        }
        Some(Reply::Status(status)) => request.respond(empty(status)),
        Some(Reply::Redirect(to)) => {
            request.respond(empty(302).with_header(header("Location", &to)))
        }
        Some(Reply::Slow(wait)) => {
            std::thread::sleep(wait);
            request.respond(Response::from_string("<p>迟到的页面。</p>"))
        }
        Some(Reply::Huge(len)) => {
            let body = std::io::repeat(b'x').take(len);
            let response = Response::new(
                200.into(),
                vec![header("Content-Type", "text/html")],
                body,
                Some(len as usize),
                None,
            );
            request.respond(response)
        }
        Some(Reply::Gzip(body)) => request.respond(
            Response::from_data(body)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .with_header(header("Content-Encoding", "gzip")),
        ),
        Some(Reply::Flaky(left, then)) => {
            let fail = {
                let mut left = lock(&left);
                let fail = *left > 0;
                *left = left.saturating_sub(1);
                fail
            };
            if fail {
                request.respond(empty(503))
            } else {
                return answer(request, Some(*then), etag);
            }
        }
    };
}

/// What changes on a page from one visit to the next without the article changing.
#[derive(Clone)]
pub struct Furniture {
    pub views: u32,
    pub crawled: &'static str,
    pub related: Vec<&'static str>,
    pub ad: &'static str,
}

impl Furniture {
    pub fn monday() -> Furniture {
        Furniture {
            views: 1421,
            crawled: "2025-06-30 08:00:00",
            related: vec![
                "我院召开2025年安全生产工作会议",
                "护理部开展优质护理服务月活动",
                "医院举办职工运动会",
            ],
            ad: "体检套餐限时八折，预约电话0536-1234567",
        }
    }

    pub fn tuesday() -> Furniture {
        Furniture {
            views: 1873,
            crawled: "2025-07-01 08:00:00",
            related: vec![
                "医院开展“世界献血者日”宣传活动",
                "我院召开2025年安全生产工作会议",
                "眼科中心新引进飞秒激光设备",
                "感染科开展手卫生专项督查",
            ],
            ad: "三伏贴预约开始啦，名额有限",
        }
    }
}

/// An HTML page of a seed's article among a portal's furniture: navigation, breadcrumbs, a
/// view counter and crawl time, a related list in a sidebar, an advert and a footer.
pub fn page(article: &str, furniture: &Furniture, charset: &str) -> String {
    let paragraphs: String = article
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("<p>{l}</p>\n"))
        .collect();
    let related: String = furniture
        .related
        .iter()
        .map(|r| format!("<li><a href=\"/news/{}.html\">{r}</a></li>", r.len()))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\
         <title>新闻动态 - 医院官网</title></head><body>\n\
         <div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/gk\">医院概况</a> <a href=\"/xw\">新闻动态</a> <a href=\"/zj\">专家介绍</a></div>\n\
         <div class=\"crumb\">当前位置：首页 &gt; 新闻动态 &gt; 正文</div>\n\
         <div class=\"main\"><div class=\"article\">\n\
         <div class=\"info\">浏览次数：{views}　抓取时间：{crawled}</div>\n\
         {paragraphs}</div>\n\
         <div class=\"sidebar\"><h3>相关新闻</h3><ul>{related}</ul></div></div>\n\
         <div class=\"ad\">广告：{ad}</div>\n\
         <div class=\"footer\">版权所有 © 2025 医院官网　鲁ICP备12345678号</div>\n\
         </body></html>\n",
        views = furniture.views,
        crawled = furniture.crawled,
        ad = furniture.ad,
    )
}

/// A seed's text.
pub fn seed_text(prefix: &str) -> String {
    std::fs::read_to_string(seed(prefix)).expect("seed")
}

/// A page as served: UTF-8 with the charset in the header, or GBK with the charset only in
/// the page's `<meta>` (as many county portals send it).
pub fn reply(article: &str, furniture: &Furniture, gbk: bool) -> Reply {
    if gbk {
        let html = page(article, furniture, "gbk");
        let (bytes, _, _) = encoding_rs::GBK.encode(&html);
        Reply::Page {
            body: bytes.into_owned(),
            content_type: "text/html".to_string(),
        }
    } else {
        Reply::Page {
            body: page(article, furniture, "utf-8").into_bytes(),
            content_type: "text/html; charset=utf-8".to_string(),
        }
    }
}

/// The five seeds as `/seed/NNN.html`, 001 and 003 in GBK.
pub const SERVED: [(&str, &str, bool); 5] = [
    ("000", "大同市第六人民医院", false),
    ("001", "长治市人民医院", true),
    ("002", "定陶区人民医院", false),
    ("003", "诸城市人民医院", true),
    ("004", "菏泽市立医院", false),
];

pub fn serve_seeds(server: &Server, furniture: &Furniture) {
    for (prefix, _, gbk) in SERVED {
        server.set(
            &format!("/seed/{prefix}.html"),
            reply(&seed_text(prefix), furniture, gbk),
        );
    }
}

/// `[[watch]]` tables for the five served seeds, each with its hospital.
pub fn seed_sources(server: &Server) -> String {
    SERVED
        .iter()
        .map(|(prefix, hospital, _)| {
            format!(
                "[[watch]]\nurl = \"{}\"\nhospital = \"{hospital}\"\n\n",
                server.url(&format!("/seed/{prefix}.html"))
            )
        })
        .collect()
}

/// Writes and commits the store's `reportdiff.toml`.
pub fn configure(f: &Fixture, toml: &str) {
    std::fs::write(f.store.join("reportdiff.toml"), toml).expect("write");
    f.git(&["add", "-A"]);
    f.git(&["commit", "-qm", "配置监测来源"]);
}

/// `reportdiff watch ARGS` in the store, with short limits (unless ARGS set them) so that
/// failures come quickly.
pub fn watch(f: &Fixture, args: &[&str]) -> Command {
    let mut cmd = f.cmd();
    cmd.arg("watch").env_remove("CI");
    for (flag, value) in [("--timeout", "2"), ("--retries", "0")] {
        if !args.contains(&flag) {
            cmd.args([flag, value]);
        }
    }
    cmd.args(args);
    cmd
}

/// The title each served seed's article states (the page's `<title>` names only the
/// channel, "新闻动态 - 医院官网", which is no article's title).
const SEED_TITLES: [(&str, &str); 4] = [
    ("001", "以高质量党建引领医院高质量发展"),
    ("002", "创新党建工作模式 打造医疗惠民高地"),
    ("003", "天坛医院联建诸城的背后"),
    ("004", "凝心聚力 砥砺奋进 为建设省级区域医疗中心而努力奋斗"),
];

/// The report a served seed is stored as: its hospital, and its article's title for a name,
/// else its URL (seed 000 states no title).
pub fn stored_name(server: &Server, prefix: &str) -> String {
    let (_, hospital, _) = SERVED
        .iter()
        .find(|(p, _, _)| *p == prefix)
        .expect("a served seed");
    if let Some((_, title)) = SEED_TITLES.iter().find(|(p, _)| *p == prefix) {
        return format!("{hospital}/{title}");
    }
    let url = server.url(&format!("/seed/{prefix}.html"));
    format!(
        "{hospital}/{}",
        url.trim_start_matches("http://").replace([':', '/'], "_")
    )
}

/// Runs and returns (exit code, stdout, stderr).
pub fn run(mut cmd: Command) -> (i32, String, String) {
    let output = cmd.output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

pub fn commit_count(f: &Fixture) -> usize {
    f.git(&["rev-list", "--count", "HEAD"])
        .trim()
        .parse()
        .expect("a count")
}
