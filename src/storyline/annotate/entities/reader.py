"""spaCy's entity recogniser in a process of its own: it reads a story's reports while the
brief's process splits and encodes their sentences.

A thread would not overlap them: spaCy's parser takes the GIL at every step of every sentence,
and the sentence encoder between its matrix products, so the two ran one after the other (a
warm brief of sochi-2020 with both cores idle: 1.14 s with the encoder in a thread, against
1.11-1.15 s without, its CPU time as long as its wall time).
A process has a GIL of its own. It starts on first use, answers in the order it was asked,
and ends with the process that started it (its input closes). Where it cannot start, or
fails, `ner` reads the texts in its own process as before; the entities are the same.
"""

from __future__ import annotations

import atexit
import logging
import os
import pickle
import signal
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

Entities = tuple[tuple[int, int, str], ...]  # (start, end, label) of each entity of a text
_LENGTH = struct.Struct("<Q")  # each message: its length, then its pickle


class Reader:
    """The reader process, asked for the entities of a list of texts at a time."""

    def __init__(self) -> None:
        # The process imports this storyline, wherever this one was imported from; a folder
        # already on its path keeps its place.
        root = str(Path(__file__).resolve().parents[3])
        start = f"import sys\nif {root!r} not in sys.path: sys.path.insert(0, {root!r})\n"
        self._process = subprocess.Popen(
            [sys.executable, "-c", f"{start}from {__name__} import main\nmain()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._asked: list[str] = []  # the texts of the request not yet answered
        self.owner = os.getpid()  # a forked child must not speak on its parent's pipes
        atexit.register(self.close)

    def ask(self, texts: list[str]) -> dict[str, Entities]:
        """Start reading `texts`; returns the answers to an earlier request not yet taken."""
        earlier = self.answers()
        _send(self._process.stdin, texts)
        self._asked = list(texts)
        return earlier

    def answers(self) -> dict[str, Entities]:
        """The entities of the texts last asked for, once read (waits); {} if none are asked."""
        if not self._asked:
            return {}
        asked, self._asked = self._asked, []
        found = _receive(self._process.stdout)
        if found is None:
            raise OSError("the entity reader process failed on a text")
        return dict(zip(asked, found, strict=True))

    def close(self) -> None:
        if self.owner != os.getpid() or self._process.poll() is not None:
            return
        if self._asked:  # answers nobody will read: the process need not finish them
            self._process.kill()
        else:
            self._process.stdin.close()  # it ends once it has read that
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()


IDLE_CPU = 0.5  # CPUs the load average must leave idle for the reader to start


def idle_cpu() -> bool:
    """Whether CPU time is free for the reader: the last minute's load average leaves at least
    half a CPU idle. A warm brief of sochi-2020 on two cores: at load 1.0, 0.83-0.85 s with
    the reader and 1.22-1.26 s without; at load 2.8, where the reader only takes turns with
    the brief, 1.29-1.38 s with it and 1.22-1.24 s without."""
    try:
        load = os.getloadavg()[0]
    except OSError:  # no load average on this system: nothing tells against the reader
        return True
    return (os.cpu_count() or 1) - load >= IDLE_CPU


_current: Reader | None = None  # started on the first request, once per process
_broken = False  # set once the reader failed: the texts are then read in this process


def ask(texts: list[str]) -> dict[str, Entities]:
    """Have the reader process start on `texts`; returns answers to an earlier request not
    yet taken. Nothing is asked where there is no working reader."""
    global _current, _broken
    if _current is not None and _current.owner != os.getpid():
        _current = None  # this process was forked from the one that started the reader
    if _current is None and not _broken:
        try:
            _current = Reader()
        except OSError as exc:
            log.warning("entities are read in this process: no reader process (%s)", exc)
            _broken = True
    return _use(lambda reader: reader.ask(texts))


def answers() -> dict[str, Entities]:
    """The entities of the texts last asked for (waits for them); {} if none are asked."""
    return _use(Reader.answers)


def _use(call: Callable[[Reader], dict[str, Entities]]) -> dict[str, Entities]:
    global _broken
    if _current is None or _broken or _current.owner != os.getpid():
        return {}
    try:
        return call(_current)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError) as exc:
        log.warning("entities are read in this process: the reader process failed (%s)", exc)
        _broken = True
        _current.close()
        return {}


def _send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError("the entity reader process ended")
    data = stream.read(_LENGTH.unpack(head)[0])
    return pickle.loads(data)


def serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """The reader process: each list of texts in, the model's entities of each text out (None
    where reading failed: the asking process then reads them itself and meets the error)."""
    from .ner import model_entities

    while True:
        try:
            texts = _receive(requests)
        except EOFError:  # the asking process closed its end: it is done
            return
        try:
            found = [model_entities(text) for text in texts]
        except Exception:
            log.exception("the entity reader failed")
            found = None
        try:
            _send(answers, found)
        except BrokenPipeError:  # the asking process ended without reading them
            return


def main() -> None:
    """The reader process's start: requests on stdin, answers on stdout."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the asking process to handle
    # The answers go out on a copy of stdout; stdout itself goes to stderr, so that nothing a
    # library prints can fall in between them.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, out)
