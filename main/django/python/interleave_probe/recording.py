"""Per-request recording: a context variable holds the request's span list.

asyncio tasks and asgiref's sync_to_async copy the context, so the list they see is the same
object: spans recorded on an executor thread or in a gathered task land in their request's list.
"""
import asyncio
import contextvars
import functools
import os
import threading
import time

from asgiref.sync import sync_to_async

try:  # asgiref 3.6+ also knows views marked with markcoroutinefunction (async class-based views).
    from asgiref.sync import iscoroutinefunction
except ImportError:  # pragma: no cover - older asgiref (Django 3.2's era)
    from asyncio import iscoroutinefunction

_spans = contextvars.ContextVar("interleave_spans", default=None)
# When the outer wrapper accepted the request, and whether it is served under ASGI.
_accepted = contextvars.ContextVar("interleave_accepted", default=None)
_db_latency = contextvars.ContextVar("interleave_db_latency", default=None)
# The exceptions Django turned into a 500 for this request.
_errors = contextvars.ContextVar("interleave_errors", default=None)
# (view name, ms) of the views this request ran: the ordinary `view;dur=` metric, for people.
_views = contextvars.ContextVar("interleave_views", default=None)


def now_ms():
    return time.monotonic_ns() / 1e6


def thread_words():
    """`<pid> <tid> <main> <name>` of the calling thread, as the Server-Timing metrics write it."""
    t = threading.current_thread()
    main = 1 if t is threading.main_thread() else 0
    name = t.name.replace('"', "'").replace("\\", "/")
    return f"{os.getpid()} {threading.get_native_id()} {main} {name}"


def record(phase, start_ms, end_ms):
    spans = _spans.get()
    if spans is not None:
        spans.append((phase, start_ms, end_ms, thread_words()))


class span:
    """`with span("block"): time.sleep(0.1)` records a span on the thread that runs the block."""

    def __init__(self, phase):
        self.phase = phase

    def __enter__(self):
        self.start = now_ms()
        return self

    def __exit__(self, *exc):
        record(self.phase, self.start, now_ms())
        return False


async def offload(fn, *, thread_sensitive=True, executor=None):
    """`await sync_to_async(fn)()`, recording the wait for the executor and the await itself."""
    submitted = now_ms()

    def run():
        record("exec-queue", submitted, now_ms())
        return fn()

    with span("offload"):
        return await sync_to_async(run, thread_sensitive=thread_sensitive, executor=executor)()


async def offload_to_thread(fn):
    """`await asyncio.to_thread(fn)`: the loop's default executor, recorded as `offload` does."""
    submitted = now_ms()

    def run():
        record("exec-queue", submitted, now_ms())
        return fn()

    with span("offload"):
        return await asyncio.to_thread(run)


class db_latency:
    """The database server's round trip, added once to the next query of this step (SQLite has none)."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __enter__(self):
        self.token = _db_latency.set([self.seconds])
        return self

    def __exit__(self, *exc):
        _db_latency.reset(self.token)
        return False


def execute_wrapper(execute, sql, params, many, context):
    """Django's execute_wrapper: every query is a `db` span on the thread that runs it."""
    start = now_ms()
    try:
        return execute(sql, params, many, context)
    finally:
        pending = _db_latency.get()
        if pending:
            time.sleep(pending.pop())
        record("db", start, now_ms())


def sync_view(view):
    """A `def` view: under ASGI Django runs it on sync_to_async's thread; record the hop and the run.

    Under WSGI the wrapper records the worker's whole request as `running` already. The wrappers
    apply this to every `def` view they find not already wrapped (see timed_view).
    """
    if getattr(view, "_interleave_sync_view", False):
        return view

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        accepted = _accepted.get()
        start = now_ms()
        if accepted is not None and accepted[1] == "asgi":
            record("exec-queue", accepted[0], start)
        try:
            return view(request, *args, **kwargs)
        finally:
            if accepted is not None and accepted[1] == "asgi":
                record("running", start, now_ms())

    wrapped._interleave_sync_view = True
    return wrapped


def _view_name(view):
    return f"{getattr(view, '__module__', '?')}.{getattr(view, '__qualname__', type(view).__name__)}"


def timed_view(view):
    """The view Django resolved, timed for the `view` metric; a `def` view also records its thread
    (sync_view). Requests without the probe's header only pay two clock reads."""
    if getattr(view, "_interleave_timed", False):
        return view
    name = _view_name(view)

    def note(start):
        views = _views.get()
        if views is not None:
            views.append((name, now_ms() - start))

    if iscoroutinefunction(view):

        @functools.wraps(view)
        async def timed(request, *args, **kwargs):
            start = now_ms()
            try:
                return await view(request, *args, **kwargs)
            finally:
                note(start)

    else:
        inner = sync_view(view)

        @functools.wraps(view)
        def timed(request, *args, **kwargs):
            start = now_ms()
            try:
                return inner(request, *args, **kwargs)
            finally:
                note(start)

    timed._interleave_timed = True
    return timed


def _calibrate():
    """Iterations of `_spin` per millisecond of this thread's own CPU time: the fastest of three.

    Timed with the thread's CPU clock, not the wall clock: on a busy machine the wall clock also
    counts the time the thread was preempted (or waited for the interpreter lock), which made
    every later burn two to three times too short and real Django look faster than the model.
    """
    best = 0.0
    for _ in range(3):
        n = 200_000
        t0 = time.thread_time()
        _spin(n)
        elapsed_ms = (time.thread_time() - t0) * 1000
        best = max(best, n / max(elapsed_ms, 1e-3))
    return best


def _spin(n):
    x = 0
    for i in range(n):
        x += i
    return x


_ITERATIONS_PER_MS = None


def burn(ms):
    """A fixed amount of Python work that takes `ms` alone: contention for the GIL stretches it."""
    global _ITERATIONS_PER_MS
    if _ITERATIONS_PER_MS is None:
        _ITERATIONS_PER_MS = _calibrate()
    _spin(int(ms * _ITERATIONS_PER_MS))
