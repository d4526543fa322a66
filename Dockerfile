# syntax=docker/dockerfile:1
# The Sciatica & Massage Guide as one replica: Streamlit on port 8501, run as a non-root user.
# Build: docker build -t sciatica-guide .   Run: docker run -p 8501:8501 sciatica-guide
# Several replicas need sticky sessions in front (compose.yaml, deploy/kubernetes/, docs/deploy.md).
FROM python:3.11-slim

# PYTHONDONTWRITEBYTECODE: the app folder stays read-only at run time (bytecode is compiled at
# build time below). PYTHONPATH: import sciatica_guide from /app, beside app.py, app_pages/ and
# content/ (its APP_ROOT), never a copy in site-packages.
# STREAMLIT_BROWSER_SERVER_ADDRESS: the address people use (set it to the public host name).
# Without it, Streamlit bound to 0.0.0.0 looks up the server's public address at
# checkip.amazonaws.com at start-up to print an "External URL": the guide contacts no other host.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_BROWSER_SERVER_ADDRESS=localhost

# DejaVu Sans for the printable handout and the summary PDF (names such as "Grøvle" print as
# written; without it they fall back to the PDF core fonts), and Noto Sans for the Tamil and
# Chinese PDFs (SIL Open Font License 1.1). The same Debian packages the tests use.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-noto-core fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

# A fixed numeric user and group: Kubernetes' runAsNonRoot can check a numeric USER.
RUN groupadd --system --gid 10001 guide \
    && useradd --system --uid 10001 --gid guide --create-home --home-dir /home/guide guide

WORKDIR /app

# Dependencies first, so a content change rebuilds only the last layers. `pip install .` brings the
# pinned dependencies; the package itself is then removed from site-packages so the only copy is
# /app/sciatica_guide (whose APP_ROOT is /app, where content/ is).
COPY pyproject.toml README.md LICENSE ./
COPY sciatica_guide/ sciatica_guide/
RUN pip install --no-cache-dir . \
    && pip uninstall --yes sciatica-guide \
    && rm -rf build sciatica_guide.egg-info \
    && python -m compileall -q sciatica_guide

# The app runs from this folder: content/ and app_pages/ are not part of the installed package.
# .streamlit/config.toml is the production configuration: no usage statistics, no error details
# shown to users, viewer toolbar, XSRF protection on, headless.
COPY serve.py app.py ./
COPY app_pages/ app_pages/
COPY content/ content/
COPY .streamlit/ .streamlit/

USER 10001:10001
EXPOSE 8501

# 200 "ok" once the guide is ready (its content and settings loaded; serve.py). Python, not curl:
# the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_guide/ready', timeout=4)"]

# serve.py: the frame (app.py) behind the guide's guard. Broken content or a bad setting stops the
# container at start with one line in its log and exit code 2.
CMD ["streamlit", "run", "serve.py", "--server.address=0.0.0.0", "--server.port=8501"]
