# Chat server image: builds the runnable jar, runs it on a JRE as a non-root user.
# Configured only by environment: DB_URL, DB_USER, DB_PASSWORD, MP_JWT_VERIFY_* and CHAT_* (see README).
#   docker build -t chat-server .
#   docker run -p 8080:8080 -e DB_URL=jdbc:postgresql://db:5432/chat -e DB_USER=chat -e DB_PASSWORD=... \
#     -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=https://issuer.example/jwks.json -e MP_JWT_VERIFY_ISSUER=https://issuer.example \
#     chat-server

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline -DexcludeGroupIds=dev.enterprisechat || true
COPY src src
COPY server-config server-config
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin chat \
    && mkdir -p /app && chown chat /app
WORKDIR /app
COPY --from=build /build/target/chat-server.jar /app/chat-server.jar
USER 10001
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# extra arguments are Payara Micro options
ENTRYPOINT ["java", "-jar", "/app/chat-server.jar", "--port", "8080"]
