"""Helpers for tests that run a real server (Oxigraph, Virtuoso) and push the sample graph to it."""
from __future__ import annotations

import base64
import hashlib
import http.server
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kg import cli

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
# Two protokoll of other genres beside the samples, so that every saved question has rows: a
# kommunfullmäktige with votes and an arbetsutskott whose cases carry a diarienummer.
GENRE_DOCS = Path(__file__).resolve().parent / "data" / "genres" / "docs"
WITH_VOTES_AND_CASES = ("protokoll-kommunfullmaktige-omrostning-1.txt", "protokoll-ksau-forkortningar-1.txt")
CHANGED = "000_72be01b0eb7bbc95.txt"   # the sample document the re-push tests change
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(command: Sequence[str], probe: str, log_path: Path, seconds: float, what: str,
            cwd: Path | None = None) -> Iterator[subprocess.Popen]:
    """Start ``command``, wait until ``probe`` answers 200 (failing with the end of its log if it
    exits or takes longer than ``seconds``), and always stop it afterwards."""
    log = open(log_path, "wb")
    process = subprocess.Popen(list(command), cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)

    def said() -> str:
        return log_path.read_text(errors="replace")[-2000:]

    try:
        deadline = time.monotonic() + seconds
        while True:
            assert process.poll() is None, said()
            try:
                with opener.open(probe, timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            assert time.monotonic() < deadline, f"{what} did not answer within {seconds:.0f} s:\n" + said()
            time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def build(corpus: Path, out: Path) -> None:
    assert cli.main(["build", str(corpus), "--out", str(out), "-q"]) == 0


def build_sample(work: Path) -> dict[str, Path]:
    """The sample minutes (and two protokoll with votes and cases) copied to ``work`` and built as
    N-Quads (a graph per document) and Turtle."""
    corpus = work / "minutes"
    shutil.copytree(SEEDS, corpus)
    for name in WITH_VOTES_AND_CASES:
        shutil.copy(GENRE_DOCS / name, corpus / name)
    build(corpus, work / "graph.nq")
    build(corpus, work / "graph.ttl")
    return {"corpus": corpus, "nq": work / "graph.nq", "ttl": work / "graph.ttl", "work": work}


def build_changed(corpus: Path, work: Path) -> Path:
    """The sample with one decision of ``CHANGED`` turned ("tacka ja" -> "tacka nej"), built as
    N-Quads in ``work``: a re-push of it must replace that document's graph alone."""
    changed = work / "minutes"
    shutil.copytree(corpus, changed)
    text = (changed / CHANGED).read_text(encoding="utf-8")
    (changed / CHANGED).write_text(text.replace("tacka ja", "tacka nej"), encoding="utf-8")
    build(changed, work / "graph.nq")
    return work / "graph.nq"


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A Graph Store that keeps every request it gets (method, path, headers) and asks for
    credentials as ``server.auth`` says: None (none), "basic" or "digest" (RFC 7616, MD5, qop=auth)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def _handle(self) -> None:
        server = self.server
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        server.requests.append((self.command, self.path, dict(self.headers)))  # type: ignore[attr-defined]
        if server.auth is not None and not self._authorized(self.headers.get("Authorization", "")):  # type: ignore[attr-defined]
            challenge = ('Basic realm="store"' if server.auth == "basic"  # type: ignore[attr-defined]
                         else 'Digest realm="store", qop="auth", nonce="abc123", algorithm=MD5')
            self.send_response(401)
            self.send_header("WWW-Authenticate", challenge)
            self.send_header("Content-Length", "12")
            self.end_headers()
            self.wfile.write(b"Unauthorized")
            return
        self.send_response(204)
        self.end_headers()

    def _authorized(self, header: str) -> bool:
        user, password = self.server.credentials  # type: ignore[attr-defined]
        if self.server.auth == "basic":  # type: ignore[attr-defined]
            return header == "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        if not header.startswith("Digest "):
            return False
        f = {k: v.strip('"') for k, v in (p.strip().split("=", 1) for p in header[7:].split(","))}
        md5 = lambda t: hashlib.md5(t.encode()).hexdigest()  # noqa: E731
        ha1, ha2 = md5(f"{user}:store:{password}"), md5(f"{self.command}:{f['uri']}")
        return f["response"] == md5(f"{ha1}:abc123:{f['nc']}:{f['cnonce']}:auth:{ha2}")

    do_PUT = do_POST = do_GET = do_DELETE = _handle


@contextmanager
def recording_store(auth: str | None, user: str = "alice", password: str = "s3cret") -> Iterator[http.server.HTTPServer]:
    """A Graph Store on a free loopback port that records what it receives (``.requests``) and asks
    for ``auth`` credentials; stopped afterwards. Its URL is ``http://127.0.0.1:PORT/store``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.auth, server.credentials, server.requests = auth, (user, password), []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
