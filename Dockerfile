# Build stage: the fat jar, tests skipped (CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:resolve dependency:resolve-plugins || true
COPY conf conf
COPY src src
RUN mvn -B -q -DskipTests package

# Runtime stage: a JRE and the jar, run as the user opeva (uid 10001). Two volumes: the shared
# directory, and the coordinator's own state (COORDINATOR_HOME: the credentials made at the first
# start). A directory mounted from the host must be writable by uid 10001. The image runs `serve`
# only: no built-in worker and no demo data (LOCAL_WORKER=true and DEMO_DATA=true turn them on).
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 opeva \
  && mkdir -p /opt/opeva_shared_data /var/lib/opeva-coordinator \
  && chown opeva /opt/opeva_shared_data /var/lib/opeva-coordinator
WORKDIR /app
COPY --from=build /src/target/opeva-coordinator.jar /app/opeva-coordinator.jar
COPY conf /app/conf
ENV VM_SHARED_DATA=/opt/opeva_shared_data COORDINATOR_HOME=/var/lib/opeva-coordinator HTTP_PORT=8000
VOLUME ["/opt/opeva_shared_data", "/var/lib/opeva-coordinator"]
EXPOSE 8000
USER opeva
ENTRYPOINT ["java", "-jar", "/app/opeva-coordinator.jar"]
CMD ["serve"]
