# Stand-in for eclipse-temurin:21-jdk: the JRE stand-in plus Debian's OpenJDK (17) compiler.
ARG BASE
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jdk-headless \
 && rm -rf /var/lib/apt/lists/*
