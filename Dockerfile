# Chat server image: builds the browser UI (Node.js) and the runnable jar (Maven), runs the jar on a JRE as a
# non-root user (uid 10001). Configured only by environment: DB_URL, DB_USER, DB_PASSWORD, MP_JWT_VERIFY_* and
# CHAT_* (README, "Configuration"); extra arguments are Payara Micro options. docs/deployment.md has the details.
#
#   docker build -t chat-server .
#   docker run -d --name chat -p 127.0.0.1:8080:8080 --stop-timeout 30 \
#     -e DB_URL=jdbc:postgresql://db.example:5432/chat -e DB_USER=chat -e DB_PASSWORD=... \
#     -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=https://issuer.example/.well-known/jwks.json \
#     -e MP_JWT_VERIFY_ISSUER=https://issuer.example \
#     chat-server
#   docker inspect --format '{{.State.Health.Status}}' chat      # "healthy" once /health/ready reports chat-ready UP
#
# Several instances: the same DB_URL and CHAT_CLUSTER=postgres on every one (db/compose.yaml is a trial of two).
# Keep the server on port 8080 inside the container (the health check probes it); publish it with -p.

# Node.js 20.19 or later (src/main/frontend/package.json "engines"); override with --build-arg NODE_IMAGE=...
ARG NODE_IMAGE=node:20-bookworm-slim

# --- 1: the browser UI (src/main/frontend -> src/main/frontend/build) ---
FROM ${NODE_IMAGE} AS frontend
WORKDIR /build/src/main/frontend
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false
# the dependencies first: this layer stays cached until package*.json change
COPY src/main/frontend/package.json src/main/frontend/package-lock.json ./
RUN npm ci
COPY src/main/frontend/ ./
RUN npm run build

# --- 2: the runnable jar (target/chat-server.jar), packing the UI built above ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
# the dependencies and plugins first: this layer stays cached until pom.xml changes (best effort: whatever it
# misses, the package step below downloads)
RUN mvn -B -q dependency:go-offline -DexcludeGroupIds=dev.enterprisechat -Dfrontend.skip=true || true
COPY server-config server-config
COPY src src
COPY --from=frontend /build/src/main/frontend/build src/main/frontend/build
# -Dfrontend.skip=true: Maven does not run npm, it packs src/main/frontend/build as it is
RUN mvn -B -q package -DskipTests -Dfrontend.skip=true

# --- 3: the runtime ---
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="chat-server" \
      org.opencontainers.image.description="Enterprise WebSocket chat server (Payara Micro 6, PostgreSQL)"
# curl: the health check below (the eclipse-temurin Ubuntu images ship it; fail the build if one stops doing so).
# /__cacert_entrypoint.sh: the base image's script that adds CA certificates from /certificates to the JVM's
# trust store when USE_SYSTEM_CA_CERTS=1 (an identity provider's JWKS URL behind a private CA), then execs java.
RUN set -eux; \
    command -v curl; \
    test -x /__cacert_entrypoint.sh; \
    groupadd --system --gid 10001 chat; \
    useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin chat; \
    mkdir -p /app; \
    chown 10001:10001 /app
WORKDIR /app
COPY --from=build --chown=0:0 /build/target/chat-server.jar /app/chat-server.jar
USER 10001:10001
# The heap follows the container's memory limit; an OutOfMemoryError ends the process (the orchestrator restarts
# it) instead of leaving a half-working server.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# SIGTERM: the server stops taking connections (readiness DOWN, handshakes refused), tells every client
# connection_status "closing" and closes it with 1001 (reconnect, to another instance). Give it ~30 s before
# SIGKILL: docker run --stop-timeout 30, compose stop_grace_period: 30s, Kubernetes terminationGracePeriodSeconds.
STOPSIGNAL SIGTERM
# Ready = HTTP 200 AND the application's own check "chat-ready" in the body (a failed deployment answers 500; the
# body check makes sure the answer is this application's). start-period: Payara Micro takes from
# ~30 s to 2 min to deploy, depending on the CPU it gets; failures then do not count.
HEALTHCHECK --interval=10s --timeout=5s --start-period=180s --retries=3 \
    CMD curl -fsS --max-time 4 http://127.0.0.1:8080/health/ready | grep -qF '"chat-ready"' || exit 1
# exec form: java is PID 1 (via the cacert script's exec) and receives SIGTERM itself
ENTRYPOINT ["/__cacert_entrypoint.sh", "java", "-jar", "/app/chat-server.jar", "--port", "8080"]
CMD []
