"""The guide's server: ``streamlit run serve.py`` (app.py is the page frame it serves).

Streamlit's public st.App puts the guide's own checks in front of Streamlit
(sciatica_guide/server_guard.py): cross-origin websocket handshakes refused with 403 before
Streamlit could look up its public address, /_stcore/metrics off unless asked for, a closed
session's memory collected, /_guide/ready for readiness probes, and the route a workshop
phone's page waits on until its room changes (sciatica_guide/workshop/wake.py). Content and
settings are checked here, once, before the server listens: broken ones stop it with one line
and exit code 2.
"""

import streamlit as st
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from sciatica_guide.server_guard import READY_PATH, GuardMiddleware, StaticCacheMiddleware
from sciatica_guide.startup import GuideServer, exit_unless_valid
from sciatica_guide.workshop.streamlit_store import get_store
from sciatica_guide.workshop.wake import RoomWaitRoute, wait_path

exit_unless_valid()
guide = GuideServer()
room_waits = RoomWaitRoute(lambda: guide.settings, get_store)


async def ready(_request: Request) -> PlainTextResponse:
    if guide.ready():
        return PlainTextResponse("ok", headers={"Cache-Control": "no-store"})
    return PlainTextResponse("not ready", status_code=503, headers={"Cache-Control": "no-store"})


app = st.App(
    "app.py",
    lifespan=guide.lifespan,
    routes=[
        Route(READY_PATH, ready, methods=["GET", "HEAD"]),
        Route(
            wait_path(str(st.get_option("server.baseUrlPath") or "")),
            room_waits.handle,
            methods=["POST"],
        ),
    ],
    middleware=[
        Middleware(GuardMiddleware, metrics=guide.metrics_on, collector=lambda: guide.collector),
        # Streamlit's front-end files from memory after their first answer (server_guard.py).
        Middleware(StaticCacheMiddleware),
    ],
)
