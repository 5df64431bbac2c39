"""Interleave's probe for Django: which process and thread ran each step of a request, and when.

Wrap the ASGI or WSGI application (``ProbeASGI(get_asgi_application())`` or
``ProbeWSGI(get_wsgi_application())``). Each response to a request that carries an
``x-interleave-req`` header then reports, in its ``Server-Timing`` header, the request's spans
(``interleave-span``), when it was accepted and answered (``interleave-served``) and the event
loop's delay (``interleave-loop``), and how long the view took (``view``, for people); see
README "The probe in your own Django project". Requests without the header are served
untouched. Times are ``time.monotonic_ns()`` in milliseconds.
"""
from .recording import burn, db_latency, offload, offload_to_thread, span, sync_view
from .wrappers import ProbeASGI, ProbeWSGI

__all__ = ["ProbeASGI", "ProbeWSGI", "burn", "db_latency", "offload", "offload_to_thread", "span", "sync_view"]
