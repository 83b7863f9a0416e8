#!/usr/bin/env python3
"""Whole-process benchmarks of reportdiff, each figure beside its target.

    python3 scripts/bench.py                      # build, measure, print the report
    python3 scripts/bench.py --update BENCHMARKS.md   # and replace its generated part
    python3 scripts/bench.py --quick              # fewer runs, no 10 MB pairs, no stores

Every input is generated from tests/fixtures/seeds into a temporary folder (removed at the
end); commands run there with relative paths, so no machine path is printed. Times are
medians of whole-process runs (wall clock, and CPU = user + system), peak memory is the
process's maximum resident set. reportdiff is compared with `git diff --no-index
--word-diff` and, for reference, the `diff-match-patch` Python package, which this script
installs into target/bench-venv when it is not importable (skipped, with a note, offline).
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_inputs as gen  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "tests", "fixtures", "seeds")
TITLE = "创新党建工作模式 打造医疗惠民高地"
# Pair sizes and how many edits each carries (the targets' 10 KB / 5 and 1 MB / 50).
PAIRS = [("10 KB", 10_000, 5), ("100 KB", 100_000, 20), ("1 MB", 1_000_000, 50),
         ("10 MB", 10_000_000, 200)]
DEADLINE_S = 5.0  # DiffOptions::default().timeout

results = []  # (what, figure, target, ok)


RUNNER = None  # the compiled scripts/runner.c


def build_runner():
    """Compiles the measuring helper (a C program: see runner.c for why)."""
    global RUNNER
    RUNNER = os.path.join(ROOT, "target", "bench-runner")
    subprocess.run(["cc", "-O2", "-o", RUNNER, os.path.join(ROOT, "scripts", "runner.c")],
                   check=True)


def run(cmd, cwd, runs, env=None):
    """Median wall ms, median CPU ms, largest peak RSS (KB) and the last exit code."""
    out = subprocess.run([RUNNER, str(runs)] + cmd, cwd=cwd, env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), int(out[3])


def check(what, figure, target, ok):
    results.append((what, figure, target, "met" if ok else "MISSED"))


FLOOR_KB = 0  # peak RSS of `reportdiff --version`: the binary and runtime, whatever the input


def check_memory(what, rss_kb, size):
    """Peak memory against 10× the input; the process floor (FLOOR_KB) is shown and left out
    of the ratio, which it alone would put over 10× for any input under a megabyte."""
    above = max(0, rss_kb - FLOOR_KB) * 1024
    check(f"peak memory, {what}",
          f"{rss_kb / 1024:.0f} MB; {above / size:.1f}× input above the {FLOOR_KB / 1024:.0f} MB floor"
          f" ({rss_kb * 1024 / size:.1f}× with it)", "≤ 10× input", above <= 10 * size)


def size_of(cwd, *names):
    return sum(os.path.getsize(os.path.join(cwd, n)) for n in names)


def mb(nbytes):
    return nbytes / 1e6


def write(cwd, name, text):
    with open(os.path.join(cwd, name), "w", encoding="utf-8") as f:
        f.write(text)


def make_inputs(cwd, quick):
    seeds = gen.seed_sentences(SEEDS, ["0"])
    pairs = PAIRS[:3] if quick else PAIRS
    for label, size, edits in pairs:
        old = gen.report(seeds, size, "第")
        new = gen.edited(old, edits)
        tag = label.replace(" ", "")
        write(cwd, f"{tag}.old.txt", gen.text(old, TITLE))
        write(cwd, f"{tag}.new.txt", gen.text(new, TITLE))
        write(cwd, f"{tag}.html", gen.html(old, TITLE))
    if not quick:
        a = gen.report(gen.seed_sentences(SEEDS, ["000", "001", "002"]), 10_000_000, "甲")
        b = gen.report(gen.seed_sentences(SEEDS, ["003", "004"]), 10_000_000, "乙")
        write(cwd, "unrelated.old.txt", gen.text(a, "甲报告"))
        write(cwd, "unrelated.new.txt", gen.text(b, "乙报告"))
    return pairs


# --- the three tools on the same pairs --------------------------------------------------

def reportdiff_marked(exe, cwd, old, new):
    """Characters reportdiff marks as changed (inline spans that are not equal)."""
    out = subprocess.run([exe, "diff", "--format", "json", old, new], cwd=cwd,
                         capture_output=True, check=False).stdout
    doc = json.loads(out)
    return sum(len(span["text"]) for change in doc["changes"] for span in change["inline"]
               if span["op"] != "equal"), doc.get("coarse", False)


def git_marked(cwd, old, new):
    out = subprocess.run(["git", "diff", "--no-index", "--word-diff=porcelain", old, new],
                         cwd=cwd, capture_output=True, check=False).stdout.decode("utf-8", "replace")
    return sum(len(line) - 1 for line in out.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---")))


DMP_SCRIPT = r"""
import sys, diff_match_patch
old = open(sys.argv[1], encoding="utf-8").read()
new = open(sys.argv[2], encoding="utf-8").read()
dmp = diff_match_patch.diff_match_patch()
dmp.Diff_Timeout = %s
diffs = dmp.diff_main(old, new)
dmp.diff_cleanupSemantic(diffs)
print(sum(len(t) for op, t in diffs if op != 0))
""" % DEADLINE_S


def find_python_with_dmp(venv):
    """A Python that imports diff_match_patch, installing it into a venv if need be."""
    probe = [sys.executable, "-c", "import diff_match_patch"]
    if subprocess.run(probe, capture_output=True).returncode == 0:
        return sys.executable, None
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], capture_output=True)
    if subprocess.run([python, "-c", "import diff_match_patch"],
                      capture_output=True).returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "-q", "diff-match-patch"],
                       capture_output=True)
    if subprocess.run([python, "-c", "import diff_match_patch"],
                      capture_output=True).returncode == 0:
        return python, None
    return None, "diff-match-patch could not be installed (offline?): its column is empty"


def compare_tools(exe, cwd, pairs, python, runs_for):
    rows = []
    write(cwd, "dmp.py", DMP_SCRIPT)
    for label, _, _ in pairs:
        tag = label.replace(" ", "")
        old, new = f"{tag}.old.txt", f"{tag}.new.txt"
        runs = runs_for(label)
        row = [label, f"{mb(size_of(cwd, old)):.2f}"]
        wall, cpu, rss, _ = run([exe, "diff", "--color", "never", old, new], cwd, runs)
        marked, coarse = reportdiff_marked(exe, cwd, old, new)
        row += [f"{wall:.1f}", f"{rss / 1024:.0f}", f"{marked:,}" + (" (coarse)" if coarse else "")]
        wall, cpu, rss, _ = run(["git", "diff", "--no-index", "--word-diff", old, new], cwd, runs)
        row += [f"{wall:.1f}", f"{rss / 1024:.0f}", f"{git_marked(cwd, old, new):,}"]
        if python:
            wall, cpu, rss, _ = run([python, "dmp.py", old, new], cwd, max(1, min(runs, 3)))
            out = subprocess.run([python, "dmp.py", old, new], cwd=cwd, capture_output=True,
                                 text=True).stdout.strip()
            row += [f"{wall:.0f}", f"{rss / 1024:.0f}", f"{int(out or 0):,}"]
        else:
            row += ["-", "-", "-"]
        rows.append(row)
    return rows


# --- the targets ----------------------------------------------------------------------

def startup_and_small(exe, cwd, runs):
    global FLOOR_KB
    wall, cpu, FLOOR_KB, _ = run([exe, "--version"], cwd, runs * 3)
    check("`--version`", f"{wall:.2f} ms (CPU {cpu:.2f} ms)", "≤ 1 ms", wall <= 1.0)
    wall, cpu, _, _ = run([exe, "diff", "10KB.old.txt", "10KB.new.txt"], cwd, runs * 3)
    check("diff 10 KB, 5 edits", f"{wall:.2f} ms (CPU {cpu:.2f} ms)", "≤ 2 ms", wall <= 2.0)
    wall, cpu, _, _ = run(["/bin/true"], cwd, runs * 3)
    return wall


def big_diffs(exe, cwd, runs, quick):
    wall, cpu, rss, _ = run([exe, "diff", "1MB.old.txt", "1MB.new.txt"], cwd, runs)
    check("diff 1 MB, 50 edits", f"{wall:.1f} ms (CPU {cpu:.1f} ms)", "≤ 40 ms", wall <= 40)
    check_memory("diff 1 MB", rss, size_of(cwd, "1MB.old.txt", "1MB.new.txt"))
    if quick:
        return
    wall, cpu, rss, _ = run([exe, "diff", "unrelated.old.txt", "unrelated.new.txt"], cwd, 1)
    _, coarse = reportdiff_marked(exe, cwd, "unrelated.old.txt", "unrelated.new.txt")
    check("diff two unrelated 10 MB reports",
          f"{wall / 1e3:.2f} s (coarse: {str(coarse).lower()})",
          f"≤ deadline {DEADLINE_S:.0f} s + reading", wall / 1e3 <= DEADLINE_S + 2)
    check_memory("diff unrelated 10 MB", rss, size_of(cwd, "unrelated.old.txt", "unrelated.new.txt"))
    wall, cpu, rss, _ = run([exe, "diff", "10MB.old.txt", "10MB.new.txt"], cwd, 3)
    check_memory("diff 10 MB edited", rss, size_of(cwd, "10MB.old.txt", "10MB.new.txt"))


def throughput(exe, cwd, runs, biggest):
    text, html = f"{biggest}.old.txt", f"{biggest}.html"
    for what, name, target in [("normalize, text", text, 100), ("normalize, HTML", html, 30)]:
        wall, cpu, rss, _ = run([exe, "normalize", name], cwd, runs)
        size = size_of(cwd, name)
        check(f"{what} ({biggest})", f"{mb(size) / (wall / 1e3):.0f} MB/s (CPU: {mb(size) / (cpu / 1e3):.0f})",
              f"≥ {target} MB/s", mb(size) / (wall / 1e3) >= target)
        check_memory(what, rss, size)
    # metrics on the snapshot form: reading a snapshot is parsing, so this times the figures.
    snap = "snapshot.md"
    with open(os.path.join(cwd, snap), "wb") as f:
        subprocess.run([exe, "normalize", text], cwd=cwd, stdout=f, check=True)
    wall, cpu, rss, _ = run([exe, "metrics", snap], cwd, runs)
    size = size_of(cwd, snap)
    check(f"metrics ({biggest} snapshot)", f"{mb(size) / (wall / 1e3):.0f} MB/s (CPU: {mb(size) / (cpu / 1e3):.0f})",
          "≥ 30 MB/s", mb(size) / (wall / 1e3) >= 30)
    check_memory("metrics", rss, size)


def scaling(exe, cwd, pairs, runs_for):
    rows = []
    for label, _, _ in pairs:
        tag = label.replace(" ", "")
        runs = runs_for(label)
        size = size_of(cwd, f"{tag}.old.txt")
        d_wall, d_cpu, _, _ = run([exe, "diff", f"{tag}.old.txt", f"{tag}.new.txt"], cwd, runs)
        n_wall, n_cpu, _, _ = run([exe, "normalize", f"{tag}.old.txt"], cwd, runs)
        rows.append([label, f"{d_wall:.1f}", f"{d_cpu:.1f}", f"{d_cpu / mb(size):.1f}",
                     f"{n_wall:.1f}", f"{n_cpu:.1f}", f"{n_cpu / mb(size):.1f}"])
    return rows


# --- stores -----------------------------------------------------------------------------

def snapshot_text(h, r, version):
    return (f'+++\nhospital = "第{h}人民医院"\ntitle = "年度工作报告{r}"\n+++\n\n# 党建引领\n\n'
            f"2024年门诊量达到{10 + r % 90}.{version}万人次，出院{r * 7 + version}人次。\n"
            f"由{h % 20 + 3}个党支部调整为{h % 20 + 5 + version}个党支部。\n"
            f"满意度达到9{r % 10}.{version}%，第{h}号院区第{r}项工作稳步推进。\n")


def big_store(exe, cwd, hospitals, reports, commits):
    """A bare store of hospitals × reports snapshots, then `commits` commits of 20 edits."""
    store = os.path.join(cwd, "store.git")
    subprocess.run([exe, "init", "--bare", "store.git"], cwd=cwd, check=True,
                   capture_output=True)
    proc = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=store, stdin=subprocess.PIPE)
    out = proc.stdin
    stamp = 1_751_328_000

    def commit(message, files, day):
        out.write(b"commit refs/heads/main\n")
        out.write(f"committer reportdiff <reportdiff@localhost> {stamp + day * 86400} +0800\n".encode())
        msg = message.encode()
        out.write(b"data %d\n%s\n" % (len(msg), msg))
        if day == 0:
            out.write(b"from refs/heads/main^0\n")
        for path, text in files:
            data = text.encode()
            out.write(f"M 100644 inline {path}\n".encode())
            out.write(b"data %d\n%s\n" % (len(data), data))

    every = [(f"snapshots/第{h}人民医院/report-{r:04}.md", snapshot_text(h, r, 0))
             for h in range(hospitals) for r in range(reports)]
    commit(f"ingest: {len(every)} reports", every, 0)
    for c in range(1, commits + 1):
        files = [(f"snapshots/第{(c * 7 + k) % hospitals}人民医院/report-{(c * 13 + k) % reports:04}.md",
                  snapshot_text((c * 7 + k) % hospitals, (c * 13 + k) % reports, c)) for k in range(20)]
        if c % 10 == 0:
            files.append(("snapshots/第0人民医院/report-0000.md", snapshot_text(0, 0, c)))
        commit(f"ingest: {len(files)} reports", files, c)
    out.close()
    proc.wait()
    return "store.git", len(every)


def store_commands(exe, cwd, runs, quick):
    # As DESIGN.md sizes a country's store: tens of thousands of hospitals, a few reports each.
    hospitals, reports = (200, 5) if quick else (20_000, 5)
    store, count = big_store(exe, cwd, hospitals, reports, 100)
    base = [exe, "--store", store]
    ref = "第0人民医院/report-0000"
    for what, args in [(f"log REF ({count:,} snapshots)", ["log", ref]),
                       (f"show REF ({count:,} snapshots)", ["show", ref]),
                       (f"log -n 10 ({count:,} snapshots)", ["log", "-n", "10"])]:
        wall, cpu, _, code = run(base + args, cwd, runs)
        check(what, f"{wall:.0f} ms (CPU {cpu:.0f} ms)" + ("" if code == 0 else f", exit {code}"),
              "≤ 200 ms", wall <= 200 and code == 0)


def ingest(exe, cwd, count):
    folder = os.path.join(cwd, "reports")
    os.makedirs(folder, exist_ok=True)
    names = []
    for i in range(count):
        name = f"reports/r{i:05}.txt"
        # A hospital's name opens with its place and spells its number in Chinese
        # (第一〇二四), or the report names no hospital and ingest asks for one.
        number = "".join("〇一二三四五六七八九"[int(d)] for d in str(i))
        lines = [f"潍坊市第{number}人民医院年度工作报告", ""]
        for s in range(4):
            lines.append(f"({s})党建引领高质量发展")
            lines.append("".join(
                f"2024年门诊量达到{10 + i % 90}.{k}万人次，由{k + 3}个党支部调整为{k + 5}个党支部，"
                f"满意度达到9{k}.{i % 10}%。" for k in range(5)))
        write(cwd, name, "\n".join(lines) + "\n")
        names.append(name)
    subprocess.run([exe, "init", "ingest-store"], cwd=cwd, check=True, capture_output=True)
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@localhost",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@localhost")
    args = [exe, "--store", "ingest-store", "ingest"] + names
    wall, cpu, rss, code = run(args, cwd, 1, env=env)
    check(f"ingest {count:,} reports (one run)", f"{wall / 1e3:.1f} s (CPU {cpu / 1e3:.1f} s)"
          + ("" if code in (0, 1) else f", exit {code}"), "≤ 30 s", wall <= 30_000 and code in (0, 1))


# --- report -----------------------------------------------------------------------------

def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()
    git = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}); "
            f"load average at the start {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}; {git}; "
            f"Python {platform.python_version()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller inputs")
    parser.add_argument("--no-build", action="store_true", help="use the built binary")
    parser.add_argument("--update", metavar="FILE", help="replace FILE's generated part")
    parser.add_argument("--exe", help="the binary to measure (default: the release build)")
    args = parser.parse_args()

    if not args.no_build and not args.exe:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    exe = os.path.abspath(args.exe or os.path.join(ROOT, "target", "release", "reportdiff"))
    venv = os.path.join(ROOT, "target", "bench-venv")
    started = time.time()
    build_runner()
    head = machine()
    binary_mb = os.path.getsize(exe) / 1e6
    python, note = find_python_with_dmp(venv)
    cwd = tempfile.mkdtemp(prefix="reportdiff-bench-")
    try:
        pairs = make_inputs(cwd, args.quick)
        runs = 5 if args.quick else 15

        def runs_for(label):
            return {"10 KB": runs * 2, "100 KB": runs, "1 MB": runs}.get(label, 3)

        floor = startup_and_small(exe, cwd, runs)
        big_diffs(exe, cwd, runs, args.quick)
        throughput(exe, cwd, runs, pairs[-1][0].replace(" ", ""))
        store_commands(exe, cwd, runs, args.quick)
        if not args.quick:
            ingest(exe, cwd, 10_000)
        compare = compare_tools(exe, cwd, pairs, python, runs_for)
        scale = scaling(exe, cwd, pairs, runs_for)
    finally:
        shutil.rmtree(cwd, ignore_errors=True)

    out = [f"Machine: {head}.", "",
           f"Release binary: {binary_mb:.1f} MB. A process that does nothing (`/bin/true`) "
           f"takes {floor:.2f} ms here, measured the same way: the floor under every time below.",
           "", "### Targets", "",
           table(["what", "measured (median)", "target", ""], results), "",
           "### reportdiff, git word-diff and diff-match-patch on the same pairs", "",
           "Time is the median wall clock of whole processes in ms; memory is peak RSS in MB; "
           "*marked* counts the characters each tool marks as deleted or inserted (fewer is "
           "better for the same edits; git marks whole whitespace-separated words, and a "
           "Chinese sentence is one word to it).", ""]
    if note:
        out += [f"Note: {note}.", ""]
    out += [table(["pair", "MB", "reportdiff ms", "MB RSS", "marked",
                   "git ms", "MB RSS", "marked", "dmp ms", "MB RSS", "marked"], compare), "",
            "### Scaling with input size", "",
            "CPU ms per MB staying flat as the input grows is linear scaling.", "",
            table(["input", "diff ms", "diff CPU ms", "CPU ms / MB", "normalize ms",
                   "normalize CPU ms", "CPU ms / MB"], scale), "",
            f"Whole run: {time.time() - started:.0f} s; load average at the end "
            f"{os.getloadavg()[0]:.2f}."]
    report = "\n".join(out)
    print(report)
    if args.update:
        path = args.update
        with open(path, encoding="utf-8") as f:
            text = f.read()
        begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
        start, stop = text.index(begin) + len(begin), text.index(end)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text[:start] + "\n" + report + "\n" + text[stop:])
    return 0 if all(r[3] == "met" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
