# syntax=docker/dockerfile:1
#
# Production image for salesflow: one static binary that runs any of its
# subcommands (api, worker, migrate, seed, all), chosen by the command.
#   docker build -t salesflow .
#   docker run --rm salesflow migrate
# Migrations and the OpenAPI document are embedded in the binary (go:embed).
# web/ is copied next to it as well, so templates and static files work
# whether the app embeds them or reads them relative to its working dir.

# ---- build -------------------------------------------------------------------
FROM golang:1.26-bookworm AS build
WORKDIR /src

# Dependencies first: this layer stays cached until go.mod/go.sum change.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download

COPY . .
# CGO off: a static binary that runs on any base image, no libc coupling.
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" \
        -o /out/salesflow ./cmd/salesflow

# ---- runtime -----------------------------------------------------------------
FROM debian:bookworm-slim

# ca-certificates: TLS to external services; tzdata: time zones for due dates
# and reports; fonts-lxgw-wenkai: CJK-capable font for generated documents.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates tzdata fonts-lxgw-wenkai \
    && rm -rf /var/lib/apt/lists/*

# Run as an unprivileged user with a fixed UID (friendly to Kubernetes
# runAsNonRoot and to volume permissions).
RUN groupadd --system --gid 10001 salesflow \
    && useradd --system --uid 10001 --gid salesflow --home-dir /app --shell /usr/sbin/nologin salesflow \
    && mkdir -p /app && chown salesflow:salesflow /app

COPY --from=build /out/salesflow /usr/local/bin/salesflow
COPY --from=build /src/web /app/web

WORKDIR /app
USER 10001:10001
ENV SALESFLOW_HTTP_ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/salesflow"]
CMD ["api"]
