# The gateway's container image (docs/operations.md, "Image"): `make image`.
# The tests read the final stage below without a container engine (ImageRecipe): ContainerImageIT lays a directory
# out as this stage lays out the image and starts the packaged gateway there with this ENTRYPOINT. Keep to the
# instructions ImageRecipe understands: FROM, WORKDIR, COPY, ENV, USER, EXPOSE, ENTRYPOINT/CMD in exec form, LABEL,
# and RUN in the build stage only.

# --- Build: the thin jar and its dependencies in target/lib ---------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first: this layer is rebuilt only when the pom changes.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src/ src/
RUN mvn -B -q -Dmaven.test.skip=true package

# --- Runtime: Eclipse Temurin's official JRE 17 ---------------------------------------------------------------------
FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="metrica-offline-gateway" \
      org.opencontainers.image.description="Receives CRM webhooks and delivers offline conversions to Yandex Metrica"
WORKDIR /app
# Dependencies and the application in separate layers: a new version of the gateway ships only its own jar.
COPY --from=build /build/target/lib/ lib/
COPY --from=build /build/target/metrica-offline-gateway-*.jar metrica-offline-gateway.jar
# The routes the image runs without Kubernetes; the Deployment mounts its ConfigMaps over this directory.
COPY routes/ routes/
# /tmp is the only writable path in the pod (readOnlyRootFilesystem). DATA_DIR is used only by the embedded
# PostgreSQL of a local `docker run` without DATABASE_URL; with an external database nothing is written there.
ENV DATA_DIR=/tmp/gateway-data
# Any user id works (nothing in /app is written); this one matches the Deployment's runAsUser.
USER 10001:10001
EXPOSE 8080 9876
# The heap follows the container's memory limit; an OutOfMemoryError ends the process so that Kubernetes restarts it.
# More JVM options: JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "metrica-offline-gateway.jar"]
