"""Install LanguageTool (server + Romanian) from Maven Central into the user cache.

``mvn dependency:copy-dependencies`` on the pom shipped in this package resolves
``languagetool-server`` and ``language-ro`` into ``<cache>/languagetool/<version>/lib``.
A marker file makes it idempotent; a file lock keeps two processes from provisioning at once.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections import deque
from importlib import resources
from pathlib import Path

from filelock import FileLock, Timeout
from rich.console import Console

from rolint.languagetool.errors import ProvisionError
from rolint.languagetool.paths import classpath_dir, install_dir, lt_version

MARKER = ".complete"
MIN_JAVA = 17
JAVA_HINT = (
    "LanguageTool needs Java {min} or newer. Install it, e.g. `apt-get install openjdk-17-jre-headless` "
    "(Debian/Ubuntu), `brew install openjdk@17` (macOS) or from https://adoptium.net, then retry."
)
MVN_HINT = (
    "rolint installs LanguageTool from Maven Central with `mvn`, which was not found. Install it, e.g. "
    "`apt-get install maven` (Debian/Ubuntu) or `brew install maven` (macOS), then run `rolint languagetool install`."
)


def find_java() -> str:
    """Path of a usable ``java`` (``JAVA_HOME`` first), or ProvisionError with how to get one."""
    home = os.environ.get("JAVA_HOME")
    candidates = [str(Path(home) / "bin" / "java")] if home else []
    which = shutil.which("java")
    if which:
        candidates.append(which)
    for java in candidates:
        if Path(java).exists():
            major = java_major_version(java)
            if major is None or major >= MIN_JAVA:
                return java
            raise ProvisionError(f"Java {major} found at {java}, too old. " + JAVA_HINT.format(min=MIN_JAVA))
    raise ProvisionError("Java not found. " + JAVA_HINT.format(min=MIN_JAVA))


def java_major_version(java: str) -> int | None:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def find_mvn() -> str:
    mvn = shutil.which("mvn")
    if not mvn:
        raise ProvisionError(MVN_HINT)
    return mvn


def is_installed(version: str | None = None) -> bool:
    lib = classpath_dir(version)
    return (install_dir(version) / MARKER).is_file() and any(lib.glob("languagetool-server-*.jar"))


def install_info(version: str | None = None) -> dict[str, object] | None:
    try:
        return json.loads((install_dir(version) / MARKER).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def ensure_installed(version: str | None = None, console: Console | None = None) -> Path:
    """The classpath dir of an installed LanguageTool, provisioning it first when needed."""
    if is_installed(version):
        return classpath_dir(version)
    return provision(version, console=console)


def provision(version: str | None = None, console: Console | None = None, force: bool = False) -> Path:
    """Resolve LanguageTool ``version`` with Maven into the cache; returns the classpath dir."""
    version = version or lt_version()
    console = console or Console(stderr=True)
    target = install_dir(version)
    target.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(target / ".provision.lock"))
    try:
        lock.acquire(timeout=1)
    except Timeout:
        console.print(f"[dim]Another rolint process is installing LanguageTool {version}; waiting…[/]")
        try:
            lock.acquire(timeout=1800)
        except Timeout:
            raise ProvisionError(f"timed out waiting for the LanguageTool install lock {lock.lock_file}") from None
    try:
        if is_installed(version) and not force:
            return classpath_dir(version)
        find_java()
        mvn = find_mvn()
        started = time.monotonic()
        _run_maven(mvn, version, target, console)
        seconds = time.monotonic() - started
        jars = sorted(p.name for p in classpath_dir(version).glob("*.jar"))
        info = {"version": version, "jars": len(jars), "seconds": round(seconds, 1), "installed": time.time()}
        (target / MARKER).write_text(json.dumps(info), "utf-8")
        console.print(f"[green]LanguageTool {version} installed[/] ({len(jars)} jars, {seconds:.0f} s) in {target}")
        return classpath_dir(version)
    finally:
        lock.release()


def _run_maven(mvn: str, version: str, target: Path, console: Console) -> None:
    pom = target / "pom.xml"
    pom.write_bytes(resources.files("rolint.languagetool").joinpath("pom.xml").read_bytes())
    partial = target / "lib.partial"
    shutil.rmtree(partial, ignore_errors=True)
    cmd = [
        mvn,
        "-B",
        "-f",
        str(pom),
        f"-Dlt.version={version}",
        f"-Dlt.outputDirectory={partial}",
        *shlex.split(os.environ.get("ROLINT_MVN_ARGS", "")),
        "dependency:copy-dependencies",
    ]
    tail: deque[str] = deque(maxlen=25)
    with console.status(f"Installing LanguageTool {version} from Maven Central…") as status:
        try:
            proc = subprocess.Popen(
                cmd, cwd=target, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
            )
        except OSError as e:
            raise ProvisionError(f"could not run {mvn}: {e}") from e
        assert proc.stdout is not None
        for line in proc.stdout:
            line = re.sub(r"\x1b\[[0-9;]*m", "", line.rstrip())
            tail.append(line)
            m = re.search(r"(Downloading|Downloaded|Copying) (?:from \S+: )?(\S+)", line)
            if m:
                name = m.group(2).rsplit("/", 1)[-1]
                status.update(f"Installing LanguageTool {version}: {m.group(1).lower()} {name}")
        code = proc.wait()
    if code != 0:
        details = "\n".join(line for line in tail if "ERROR" in line) or "\n".join(tail)
        raise ProvisionError(
            f"Maven could not resolve LanguageTool {version} (exit {code}). Is Maven Central reachable "
            f"(proxy/mirror settings go in ~/.m2/settings.xml)?\n{details}"
        )
    lib = classpath_dir(version)
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    shutil.rmtree(target / "target", ignore_errors=True)


def main() -> int:
    """``python -m rolint.languagetool.provision``: install (used by CI)."""
    from rolint.languagetool.server import cli_install

    return cli_install()


if __name__ == "__main__":
    sys.exit(main())
