# One image for the API and the worker; the command chooses the process.
FROM python:3.11-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# The locked versions first (hashes checked), in their own layer: a code change does not reinstall them.
COPY requirements/runtime.txt ./requirements/runtime.txt
RUN pip install --require-hashes -r requirements/runtime.txt
COPY pyproject.toml README.md ./
COPY server ./server
COPY schema ./schema
COPY matching ./matching
COPY workers ./workers
RUN pip install --no-deps . && useradd --system --uid 10001 passerelle
USER passerelle
EXPOSE 8000
CMD ["passerelle", "serve", "--host", "0.0.0.0", "--port", "8000"]
