# One image for the API and the worker; the command chooses the process.
FROM python:3.11-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY server ./server
COPY schema ./schema
COPY matching ./matching
COPY workers ./workers
RUN pip install . && useradd --system --uid 10001 passerelle
USER passerelle
EXPOSE 8000
CMD ["passerelle", "serve", "--host", "0.0.0.0", "--port", "8000"]
