# Stand-in for eclipse-temurin:21-jre: Debian bookworm's own OpenJDK (17) runtime, and, like the Ubuntu the real
# image rests on, a user ubuntu with uid 1000.
ARG BASE
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1000 ubuntu && useradd --uid 1000 --gid ubuntu --shell /bin/bash --create-home ubuntu
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
