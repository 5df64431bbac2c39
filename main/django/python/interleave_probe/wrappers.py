"""The outer ASGI and WSGI wrappers: stamp each request, answer the probe's own routes, and write
the request's spans into its response's Server-Timing header.

Wrapping Django's own handler (what get_asgi_application() or get_wsgi_application() returns)
also wraps each view it resolves (timed_view): every view is timed for the ordinary `view`
metric, and a `def` view under ASGI records the hop to its executor thread. Any other
application is wrapped as it is, without the view metric."""
import asyncio
import collections
import time

from django.core.signals import got_request_exception
from django.db.backends.signals import connection_created

from .recording import _accepted, _errors, _spans, _views, execute_wrapper, now_ms, record, thread_words, timed_view

CLOCK_PATH = "/__interleave__/clock"
# The samples no response carried (the last stall of a run has no response after it).
LOOP_PATH = "/__interleave__/loop"
# Loop-delay samples waiting for a response to carry them: the newest this many (2 s of them).
LOOP_SAMPLES_PER_RESPONSE = 200


def _install_db_wrapper(sender, connection, **kwargs):
    # Sent at every connect: a thread that outlives its connections (a gunicorn worker with
    # CONN_MAX_AGE = 0, a pooled connection borrowed per request) keeps one wrapper, not one a connect.
    if execute_wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(execute_wrapper)


connection_created.connect(_install_db_wrapper)


def _keep_exception(sender, request=None, **kwargs):
    """Django answers an exception with a bare 500 page; the header says which exception it was."""
    import sys

    errors = _errors.get()
    exc = sys.exc_info()[1]
    if errors is not None and exc is not None:
        errors.append(f"{type(exc).__name__}: {exc}")


got_request_exception.connect(_keep_exception)


def _quoted(text):
    return text.replace("\\", "/").replace('"', "'").replace("\r", " ").replace("\n", " ")[:300]


def _time_views(handler):
    """Django's handler resolves each request to the view it then calls: time that view."""
    resolve = getattr(handler, "resolve_request", None)
    if resolve is None:
        return

    def resolve_request(request):
        match = resolve(request)
        match.func = timed_view(match.func)
        return match

    handler.resolve_request = resolve_request


def server_timing(interface, req, accepted, responded, accepted_by, spans, loop, errors=(), views=()):
    # The interface tells a client that did not start this server what its threads are.
    items = [
        f'interleave-served;desc="{req} {accepted:.3f} {responded:.3f} {accepted_by}"',
        f'interleave-interface;desc="{interface}"',
    ]
    items += [f'view;dur={ms:.3f};desc="{_quoted(name)}"' for name, ms in views]
    items += [f'interleave-error;desc="{_quoted(e)}"' for e in errors[:1]]
    for phase, start, end, words in spans:
        items.append(f'interleave-span;dur={max(0.0, end - start):.3f};desc="{phase} {start:.3f} {words}"')
    if loop:
        items.append('interleave-loop;desc="' + " ".join(f"{t:.3f}:{d:.3f}" for t, d in loop) + '"')
    return ", ".join(items)


def _request_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ProbeASGI:
    def __init__(self, app):
        self.app = app
        _time_views(app)
        self.samples = collections.deque(maxlen=20_000)
        self.monitor = None

    async def _monitor_loop(self):
        """How late a 10 ms timer fires: the event loop's delay, as the model measures it."""
        while True:
            t0 = time.monotonic()
            await asyncio.sleep(0.01)
            self.samples.append((now_ms(), max(0.0, (time.monotonic() - t0 - 0.01) * 1000)))

    def _take_samples(self):
        """The newest samples not sent yet: a backlog (start-up, the unrecorded warm-up) is dropped."""
        while len(self.samples) > LOOP_SAMPLES_PER_RESPONSE:
            self.samples.popleft()
        out = list(self.samples)
        self.samples.clear()
        return out

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self.monitor is None:
            self.monitor = asyncio.get_running_loop().create_task(self._monitor_loop())
        if scope["path"] == CLOCK_PATH:
            return await _plain(send, f"{now_ms():.3f}")
        if scope["path"] == LOOP_PATH:
            return await _plain(send, " ".join(f"{t:.3f}:{d:.3f}" for t, d in self._take_samples()))
        headers = dict(scope.get("headers") or [])
        req = _request_id(headers.get(b"x-interleave-req"))
        if req is None:
            return await self.app(scope, receive, send)
        accepted = now_ms()
        accepted_by = thread_words()
        spans = []
        errors = []
        views = []
        tokens = (_spans.set(spans), _accepted.set((accepted, "asgi")), _errors.set(errors), _views.set(views))

        async def send_with_timing(message):
            if message["type"] == "http.response.start":
                samples = self._take_samples()
                timing = server_timing("asgi", req, accepted, now_ms(), accepted_by, list(spans), samples, errors, views)
                message = {**message, "headers": [*message.get("headers", []), (b"server-timing", timing.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_timing)
        finally:
            _spans.reset(tokens[0])
            _accepted.reset(tokens[1])
            _errors.reset(tokens[2])
            _views.reset(tokens[3])


async def _plain(send, body):
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body.encode()})


class ProbeWSGI:
    def __init__(self, app):
        self.app = app
        _time_views(app)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path in (CLOCK_PATH, LOOP_PATH):
            start_response("200 OK", [("Content-Type", "text/plain")])
            # A sync worker has no event loop: no samples.
            return [f"{now_ms():.3f}".encode() if path == CLOCK_PATH else b""]
        req = _request_id(environ.get("HTTP_X_INTERLEAVE_REQ"))
        if req is None:
            return self.app(environ, start_response)
        accepted = now_ms()
        accepted_by = thread_words()
        spans = []
        errors = []
        views = []
        tokens = (_spans.set(spans), _accepted.set((accepted, "wsgi")), _errors.set(errors), _views.set(views))

        def start_with_timing(status, headers, exc_info=None):
            responded = now_ms()
            # A sync worker is held for the whole request, whatever the view is.
            record("running", accepted, responded)
            timing = server_timing("wsgi", req, accepted, responded, accepted_by, list(spans), [], errors, views)
            return start_response(status, [*headers, ("Server-Timing", timing)], exc_info)

        try:
            return self.app(environ, start_with_timing)
        finally:
            _spans.reset(tokens[0])
            _accepted.reset(tokens[1])
            _errors.reset(tokens[2])
            _views.reset(tokens[3])
