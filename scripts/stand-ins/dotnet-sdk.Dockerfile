# Stand-in for mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim: the aspnet stand-in with the tools the SDK image has
# (curl, git) and DOTNET_SDK_VERSION; runs as root, as the SDK image does.
ARG BASE
FROM ${BASE}
ENV DOTNET_SDK_VERSION=8.0.404
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl git \
 && rm -rf /var/lib/apt/lists/*
