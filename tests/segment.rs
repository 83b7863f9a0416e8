//! `reportdiff normalize` on the seed reports: the sentence and heading boundaries of their
//! bodies (front matter and page boilerplate are another module's concern and not asserted).

use reportdiff::normalize::normalize_line;
use reportdiff::segment::segment;
use reportdiff::snapshot::{BlockKind, Snapshot};

use crate::common::{reportdiff, seed};

/// The snapshot file `reportdiff normalize` prints for a seed.
fn normalized(prefix: &str) -> String {
    let output = reportdiff()
        .arg("normalize")
        .arg(seed(prefix))
        .output()
        .expect("reportdiff runs");
    assert!(output.status.success(), "normalize {prefix} failed");
    String::from_utf8(output.stdout).expect("snapshot is UTF-8")
}

/// The body lines of a snapshot file (everything after the front matter).
fn body(snapshot: &str) -> Vec<&str> {
    let mut fences = 0;
    snapshot
        .lines()
        .skip_while(|line| {
            if *line == "+++" {
                fences += 1;
                return true;
            }
            fences < 2
        })
        .collect()
}

/// Asserts that a body line equal to `line` exists and the one after it starts with `next`.
fn assert_followed_by(body: &[&str], line: &str, next: &str) {
    let at = body
        .iter()
        .position(|l| *l == line)
        .unwrap_or_else(|| panic!("no line {line:?}"));
    let after = body.get(at + 1).copied().unwrap_or_default();
    assert!(
        after.starts_with(next),
        "after {line:?} comes {after:?}, expected it to start with {next:?}"
    );
}

fn assert_line(body: &[&str], line: &str) {
    assert!(body.contains(&line), "no line {line:?}");
}

#[test]
fn a_full_stop_after_a_closing_quote_ends_the_sentence() {
    let text = normalized("003");
    let body = body(&text);
    assert_followed_by(
        &body,
        "“你把人民放在心上，人民就会把你高高举起”。",
        "2022年，诸城市人民医院年门诊诊疗患者95万人次",
    );
    assert_followed_by(
        &body,
        "“乘势而上启新程，云帆高挂御风行”。",
        "乘着诸城市加快推进高质量发展的东风",
    );
}

#[test]
fn a_quoted_speech_ends_at_its_closing_quote() {
    let text = normalized("003");
    let body = body(&text);
    let speech = body
        .iter()
        .position(|l| l.starts_with("“党的二十大报告为新时代医院管理工作‘加了油’"))
        .expect("the quoted speech is one sentence");
    assert!(body[speech].ends_with("富有效率的医疗服务体系。”"));
    assert_eq!(body[speech + 1], "诸城市人民医院党委书记孙鲁安如是说道。");
    assert_followed_by(
        &body,
        "“学科带头人强了，大家才会凝心聚力，技术才会突破，医疗质量才会提高，\
         才能真正实现让诸城及周边百姓有‘医’可靠。”",
        "诸城市人民医院党委副书记、院长张毅说道。",
    );
}

#[test]
fn a_quote_holding_several_sentences_is_one_sentence() {
    let text = normalized("004");
    let body = body(&text);
    let quote = body
        .iter()
        .find(|l| l.starts_with("“2021年，在商丘市委、市政府"))
        .expect("the quoted paragraph");
    assert!(
        quote.ends_with("去年主要做的工作，有一下几个方面。”"),
        "{quote}"
    );
}

#[test]
fn the_ascii_ellipsis_becomes_chinese_and_ends_the_list_of_feats() {
    let text = normalized("003");
    let body = body(&text);
    let feats = body
        .iter()
        .position(|l| l.starts_with("从进入门诊大厅到婴儿娩出，仅用2分钟；"))
        .expect("the list of feats");
    assert!(
        body[feats].ends_with("实施16次电除颤重获新生……"),
        "{}",
        body[feats]
    );
    assert!(body[feats + 1].starts_with("一次次危机的成功化解，既离不开医护的临危不惧"));
    assert!(!body.iter().any(|l| l.contains("......")));
}

#[test]
fn a_heading_over_two_lines_is_one_heading() {
    let text = normalized("000");
    let body = body(&text);
    assert_line(&body, "# 坚持党建引领 筑牢医院发展根基");
    assert_line(&body, "# 党建融入业务 守护群众心理健康");
    assert_line(&body, "# 完善惠民措施 增强群众幸福指数");
    assert!(!body.contains(&"# 坚持党建引领"));
}

#[test]
fn marked_titles_are_headings_even_with_a_full_stop() {
    let text = normalized("001");
    let body = body(&text);
    assert_line(&body, "# （一）贯彻落实党委领导下的院长负贵制。");
    assert_line(&body, "# （三）落实党管人才，突出政治标准。");
    assert_line(&body, "# 二、实施内涵管理激发同频共振强劲动力。");
    assert_line(&body, "# 三、传承“雪芳精神”，勇做新时代为民服务的先锋");
}

#[test]
fn a_marked_line_that_goes_on_is_a_paragraph() {
    let text = normalized("001");
    let body = body(&text);
    assert_followed_by(
        &body,
        "（一）坚持党的全面领导，聚焦重点，守正创新，提升医院在医疗行业中的竞争力。",
        "“十三五”收官之际，我院被遴选为山西省省级区域医疗中心建设单位",
    );
}

#[test]
fn a_numbered_item_keeps_its_number() {
    let text = normalized("001");
    let body = body(&text);
    assert_followed_by(
        &body,
        "1.医疗质量持续改进。",
        "针对医疗质量管理工作中存在的薄弱环节",
    );
    assert_followed_by(
        &body,
        "2.学科建设成效显著。",
        "坚持“人无我有人有我强人强我特”",
    );
    assert!(!body.contains(&"1."));
}

#[test]
fn a_paragraph_without_a_final_stop_stays_a_paragraph() {
    let text = normalized("001");
    let body = body(&text);
    assert_followed_by(
        &body,
        "（二）以能力建设为重点，努力实现技术创新、管理革新、服务更新，实现医院高质量发展。",
        "实现医院发展方式从规模扩张转向提质增效",
    );
    assert_followed_by(
        &body,
        "突出亮点特点，构建优秀党建品牌。",
        "树立正确的价值观",
    );
}

#[test]
fn ascii_punctuation_in_chinese_text_becomes_full_width() {
    let text = normalized("001");
    let body = body(&text);
    assert_line(&body, "风雨百年路，奋斗铸辉煌。");
    assert!(
        body.iter()
            .any(|l| l.contains("拥有本地区最先进的PET-CT、SPECT等一流的肿瘤诊断设备"))
    );
    assert!(body.iter().any(|l| l.contains("615.14分")));
    assert!(
        body.iter()
            .any(|l| l.contains("系统（Neo Vas）在冠脉介人中的应用"))
    );
    assert!(body.iter().any(|l| l.contains("开展了改良Kamikawa吻合")));
}

#[test]
fn ocr_slips_are_kept_as_written() {
    let text = normalized("001");
    assert!(text.contains("6名同志火线人党。"));
    assert!(text.contains("院长负贵制"));
    let text = normalized("002");
    assert_line(&body(&text), "抓好“党建 行风建设”，提升医疗服务质量。");
}

#[test]
fn a_closing_reporter_credit_becomes_authors_not_body() {
    let text = normalized("000");
    let body = body(&text);
    assert!(
        body.iter()
            .any(|l| l.ends_with("切实推进医疗惠民便民利民。"))
    );
    assert!(!body.iter().any(|l| l.contains("综合报道")));
    assert!(text.contains("authors = [\"杜英姿\", \"郭文治\", \"孟航\", \"李彤彤\", \"李静雯\"]"));
}

#[test]
fn the_seed_bodies_are_stable_under_normalize_and_segment() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let snapshot = Snapshot::from_markdown(&normalized(prefix)).expect("a snapshot");
        let lines: Vec<String> = snapshot
            .blocks
            .iter()
            .map(|block| block.sentences.concat())
            .collect();
        for line in &lines {
            assert_eq!(&normalize_line(line), line, "seed {prefix}");
        }
        assert_eq!(segment(&lines), snapshot.blocks, "seed {prefix}");
        assert!(
            snapshot
                .blocks
                .iter()
                .any(|b| b.kind == BlockKind::Heading && b.sentences.len() == 1)
        );
    }
}
