#!/usr/bin/env python3
"""Runs pmcheck's fuzz targets for a given time and keeps what they find.

    fuzz/run.py [--seconds N] [--jobs J] [--targets a,b] [--reference DIR] [--no-build]

Each target (`fuzz/fuzz_targets/*.rs`) runs under libFuzzer for N seconds (default 600),
J targets at a time (default: the number of cores), from a corpus seeded with the
reference files (`../shared/reference` beside the repository, or --reference): Postman
collections, environments, globals and data files, OpenAPI documents, and the project's
own collections, sidecars and schema maps. The corpora grow under `fuzz/corpus/`
(not committed).

Every input libFuzzer flags (crash, timeout, out-of-memory, leak) is copied into
`tests/fuzz-regressions/<target>/`, where the unit test `fuzzing::tests` replays it on
every `cargo test`: commit it with the fix. At the end a table gives, per target, the CPU
time it used, the executions it made and the new inputs kept. Exit status 1 when something
new was found.

Needs the nightly toolchain and cargo-fuzz (installed with `cargo install cargo-fuzz` when
missing).
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
REPO = FUZZ.parent
TARGETS = [p.stem for p in sorted((FUZZ / "fuzz_targets").glob("*.rs"))]
KEPT = REPO / "tests" / "fuzz-regressions"
# libFuzzer's limits per input: slower or bigger is a finding.
LIBFUZZER_FLAGS = ["-timeout=10", "-rss_limit_mb=2048", "-max_len=1048576"]
# Forked workers, so that one finding does not end the target's run.
FORK_FLAGS = ["-fork=1", "-ignore_crashes=1", "-ignore_timeouts=1", "-ignore_ooms=1"]


def reference_files(reference: Path):
    """Every file of the reference folder and of the project's own inputs."""
    roots = [reference, REPO / "collections", REPO / "schemas", REPO / "tests" / "fixtures"]
    for root in roots:
        if root.is_dir():
            yield from (p for p in root.rglob("*") if p.is_file())


def urls_of(value, out):
    """The raw URLs and `{{…}}`-bearing strings of a parsed collection."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "raw" and isinstance(item, str):
                out.add(item)
            else:
                urls_of(item, out)
    elif isinstance(value, list):
        for item in value:
            urls_of(item, out)


def templates_of(value, out):
    """Variable definitions of an environment file, as the template target reads them."""
    values = value.get("values") if isinstance(value, dict) else None
    if isinstance(values, list):
        lines = [
            f"{v.get('key')}={v.get('value')}"
            for v in values
            if isinstance(v, dict) and isinstance(v.get("value"), str)
        ]
        if lines:
            out.add("\n".join(lines))


def seeds(reference: Path):
    """Seed inputs per target, from the reference files."""
    by_target = {t: [] for t in TARGETS}
    urls, envs = set(), set()
    for path in reference_files(reference):
        name = path.name.lower()
        data = path.read_bytes()
        if len(data) > 1 << 20:
            continue
        parsed = None
        if name.endswith(".json"):
            try:
                parsed = json.loads(data)
            except (ValueError, RecursionError):
                pass
        if name.endswith(".postman_collection.json") or (
            isinstance(parsed, dict) and ("item" in parsed or "requests" in parsed)
        ):
            by_target["collection"].append(data)
            urls_of(parsed, urls)
        elif "environment" in name or "globals" in name:
            by_target["variables"].append(data)
            templates_of(parsed, envs)
        elif name.endswith(".csv") or (name.endswith(".json") and isinstance(parsed, list)):
            by_target["data"].append(data)
        elif name.endswith(".toml"):
            by_target["sidecar"].append(data)
        elif name == "index.json":
            by_target["schema_map"].append(data)
        elif name.endswith((".yaml", ".yml")) or (isinstance(parsed, dict) and "openapi" in parsed):
            by_target["openapi"].append(data)
    by_target["url"] = [u.encode() for u in sorted(urls)]
    by_target["template"] = [
        (env + "\0" + url).encode() for env in sorted(envs) for url in sorted(urls)[:20]
    ] or [u.encode() for u in sorted(urls)]
    return by_target


def seed_corpus(target: str, inputs) -> Path:
    corpus = FUZZ / "corpus" / target
    corpus.mkdir(parents=True, exist_ok=True)
    for data in inputs:
        (corpus / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return corpus


def binary(target: str) -> Path:
    """The target's fuzzer, as `cargo fuzz build --release` left it."""
    built = sorted((FUZZ / "target").glob(f"*/release/{target}"))
    if not built:
        raise SystemExit(f"{target} is not built: run without --no-build")
    return built[0]


def run_target(target: str, seconds: int, corpus: Path):
    """Runs one target; returns (cpu seconds, executions, new kept inputs, log, exit code)."""
    artifacts = FUZZ / "artifacts" / target
    artifacts.mkdir(parents=True, exist_ok=True)
    log = FUZZ / "artifacts" / f"{target}.log"
    before = set(artifacts.iterdir())
    command = [
        str(binary(target)), str(corpus), f"-max_total_time={seconds}", f"-artifact_prefix={artifacts}/", *LIBFUZZER_FLAGS, *FORK_FLAGS,
    ]
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    text = log.read_text(errors="replace")
    runs = [int(n) for n in re.findall(r"#(\d+)", text)]
    kept = []
    for artifact in sorted(set(artifacts.iterdir()) - before):
        data = artifact.read_bytes()
        dest = KEPT / target / f"{artifact.name.split('-')[0]}-{hashlib.sha1(data).hexdigest()[:16]}"
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(artifact, dest)
            kept.append(dest)
    code = os.waitstatus_to_exitcode(status)
    return cpu, max(runs, default=0), kept, log, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=600, help="seconds per target")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--reference", type=Path, default=REPO.parent / "shared" / "reference")
    parser.add_argument("--no-build", action="store_true", help="run the targets as last built")
    args = parser.parse_args()
    targets = [t for t in args.targets.split(",") if t]
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        print(f"unknown targets: {', '.join(unknown)} (known: {', '.join(TARGETS)})")
        return 2
    if not args.reference.is_dir():
        print(f"note: {args.reference} is missing: the corpora start from the project's own files")
    if not args.no_build:
        if shutil.which("cargo-fuzz") is None:
            subprocess.run(["cargo", "install", "cargo-fuzz", "--locked"], check=True)
        build = subprocess.run(["cargo", "+nightly", "fuzz", "build", "--release"], cwd=REPO)
        if build.returncode != 0:
            return 2
    inputs = seeds(args.reference)
    corpora = {t: seed_corpus(t, inputs[t]) for t in targets}
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = dict(zip(targets, pool.map(lambda t: run_target(t, args.seconds, corpora[t]), targets)))
    wall = time.monotonic() - started
    print(f"\n{'target':<12} {'cpu':>9} {'runs':>12}  kept")
    total_cpu, found = 0.0, []
    for target, (cpu, runs, kept, log, code) in results.items():
        total_cpu += cpu
        found.extend(kept)
        note = ", ".join(p.name for p in kept) or "-"
        if code not in (0,) and not kept:
            note += f" (exit {code}, see {log.relative_to(REPO)})"
        print(f"{target:<12} {cpu:>8.0f}s {runs:>12}  {note}")
    print(f"{'total':<12} {total_cpu:>8.0f}s  in {wall:.0f} s of wall time")
    for path in found:
        print(f"new input kept: {path.relative_to(REPO)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
