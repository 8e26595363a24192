#!/usr/bin/env python3
"""Fetches Jenkins' junit-10.xsd, as pytest's source distribution ships it, into a cache
folder and prints its path (for PMCHECK_JUNIT_XSD).

The schema is not kept in the repository: it comes from PyPI (pytest's sdist holds it as
testing/example_scripts/junit-10.xsd), pinned by version and checked by sha256.

Usage: fetch_xsd.py [CACHE_DIR]   (default: $XDG_CACHE_HOME/pmcheck or ~/.cache/pmcheck)
"""

import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile

PYTEST = "8.3.4"
MEMBER = f"pytest-{PYTEST}/testing/example_scripts/junit-10.xsd"
SHA256 = "a1a816f58d1bf95ebabf371994df0b9246dee66ea9572fbec4f9296f1b2c0ff6"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cache_dir() -> str:
    if len(sys.argv) > 1:
        return sys.argv[1]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pmcheck")


def main() -> int:
    folder = cache_dir()
    target = os.path.join(folder, "junit-10.xsd")
    if os.path.isfile(target):
        with open(target, "rb") as f:
            if sha256(f.read()) == SHA256:
                print(target)
                return 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--no-binary", ":all:", "--no-deps", f"pytest=={PYTEST}", "-d", tmp],
            check=True, stdout=sys.stderr,
        )
        sdist = os.path.join(tmp, f"pytest-{PYTEST}.tar.gz")
        with tarfile.open(sdist) as tar:
            member = tar.extractfile(MEMBER)
            if member is None:
                print(f"{sdist}: no {MEMBER}", file=sys.stderr)
                return 1
            data = member.read()
    if sha256(data) != SHA256:
        print(f"{MEMBER}: sha256 {sha256(data)}, expected {SHA256}", file=sys.stderr)
        return 1
    os.makedirs(folder, exist_ok=True)
    with open(target + ".part", "wb") as f:
        f.write(data)
    os.replace(target + ".part", target)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
