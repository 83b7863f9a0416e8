"""Benchmark inputs made from the seed reports in tests/fixtures/seeds.

A report of a given size is the seed sentences over and over, each copy tagged so that
sentences stay distinct as in a real report, in paragraphs of five sentences. An edited copy
changes `edits` sentences spread evenly: a figure changed, an OCR slip fixed, a sentence added,
one deleted, one split in two, a punctuation-only change.
"""

import os
import re

SENTENCE_END = re.compile(r"(?<=[。！？!?])")


def seed_sentences(seed_dir, prefixes):
    """Sentences of the seeds whose file names start with one of `prefixes`."""
    out = []
    for name in sorted(os.listdir(seed_dir)):
        if not any(name.startswith(p) for p in prefixes):
            continue
        with open(os.path.join(seed_dir, name), encoding="utf-8") as f:
            for line in f:
                # Whole sentences only: the headline lists and footers of the seeds (no
                # sentence end) would make one long run-on sentence of each paragraph.
                for s in SENTENCE_END.split(line.strip()):
                    if len(s) > 8 and s[-1] in "。！？!?" and not s.startswith("-"):
                        out.append(s)
    return out


def report(sentences, size, tag):
    """Sentences of a report of about `size` bytes (UTF-8)."""
    out, total, k = [], 0, 0
    while total < size:
        s = f"{tag}{k // len(sentences) + 1}：{sentences[k % len(sentences)]}"
        total += len(s.encode()) + 1
        out.append(s)
        k += 1
    return out


def edited(old, edits):
    """An edited copy of `old` with `edits` edits spread evenly."""
    step = max(1, len(old) // (edits + 1))
    new = []
    for i, s in enumerate(old):
        if i % step != step // 2 or i // step >= edits:
            new.append(s)
            continue
        kind = (i // step) % 6
        if kind == 0:
            new.append(re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), s, count=1))
        elif kind == 1:
            new.append(s.replace("人", "入", 1) if "人" in s else s.replace("的", "地", 1))
        elif kind == 2:
            new.append(s)
            new.append(f"新增第{i}句：全年门诊量达到{i % 97}万人次。")
        elif kind == 3:
            pass
        elif kind == 4:
            cut = s.find("，", len(s) // 3)
            if cut < 0:
                new.append(s + "另有说明。")
            else:
                new.append(s[:cut] + "。")
                new.append("同时" + s[cut + 1:])
        else:
            new.append(s.replace("，", ",") if "，" in s else s[:-1] + "!")
    return new


def text(sentences, title):
    """The report as a plain-text article: a title line, then paragraphs of five sentences."""
    paras = ["".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    return title + "\n\n" + "\n\n".join(paras) + "\n"


def html(sentences, title):
    """The report as a portal page with navigation around the article."""
    paras = "".join(
        f'<p style="text-indent:2em">{"".join(sentences[i:i + 5])}</p>\n'
        for i in range(0, len(sentences), 5)
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>'
        + title
        + '</title><script>var a = 1;</script></head><body><div class="nav"><a href="/">首页</a>'
        '<a href="/xq">县区新闻</a></div><div class="main"><h1>' + title + "</h1>"
        '<div class="info">来源: 荷泽新闻网 发表时间:2023-12-17</div><div class="content">\n'
        + paras
        + "</div></div><div class=\"footer\">版权所有 鲁ICP备00000000号</div></body></html>\n"
    )
