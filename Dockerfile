# Aula: multi-stage image. Build with cargo-leptos, run on a slim Debian as a non-root user.
#   docker build -t aula .
#   docker run -p 3000:3000 -v aula-data:/data aula
# Base images are build arguments so the image can be built from a local mirror.
ARG RUST_IMAGE=docker.io/library/rust:1.95-bookworm
ARG RUNTIME_IMAGE=docker.io/library/debian:bookworm-slim

FROM ${RUST_IMAGE} AS build
ENV CARGO_TARGET_DIR=/build/target
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /build/src
# Tools first, so they stay cached while the source changes.
COPY Cargo.toml Cargo.lock ./
COPY scripts/env.sh scripts/env.sh
RUN bash -c 'source scripts/env.sh && ensure_build_tools'
COPY . .
RUN bash -c 'source scripts/env.sh && build_site release' \
 && mkdir -p /out \
 && cp "$CARGO_TARGET_DIR/release/aula" /out/aula \
 && cp -r target/site /out/site

FROM ${RUNTIME_IMAGE} AS runtime
# postgresql-client: `aula backup`/`restore` with PostgreSQL (pg_dump, pg_restore).
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl tzdata postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin aula \
 && mkdir -p /data && chown aula /data
COPY --from=build /out/aula /usr/local/bin/aula
COPY --from=build /out/site /usr/share/aula/site
ENV AULA_ADDR=0.0.0.0:3000 \
    AULA_DATA_DIR=/data \
    AULA_SITE_ROOT=/usr/share/aula/site \
    AULA_LOG_FORMAT=json \
    LEPTOS_ENV=PROD
USER aula
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD curl -fsS http://127.0.0.1:3000/readyz || exit 1
ENTRYPOINT ["/usr/local/bin/aula"]
