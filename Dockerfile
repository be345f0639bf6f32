# Build stage: the fat jar, tests skipped (CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:resolve dependency:resolve-plugins || true
COPY conf conf
COPY src src
RUN mvn -B -q -DskipTests package

# Runtime stage: a JRE and the jar; the shared directory is a volume.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 opeva && mkdir -p /opt/opeva_shared_data && chown opeva /opt/opeva_shared_data
WORKDIR /app
COPY --from=build /src/target/opeva-coordinator.jar /app/opeva-coordinator.jar
COPY conf /app/conf
ENV VM_SHARED_DATA=/opt/opeva_shared_data HTTP_PORT=8000
VOLUME /opt/opeva_shared_data
EXPOSE 8000
USER opeva
ENTRYPOINT ["java", "-jar", "/app/opeva-coordinator.jar"]
CMD ["serve"]
