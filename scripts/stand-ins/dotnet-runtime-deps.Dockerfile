# Stand-in for mcr.microsoft.com/dotnet/runtime-deps:8.0-bookworm-slim, as Microsoft's Dockerfile makes it:
# Debian bookworm with the libraries .NET needs, the user app (uid 1654) and port 8080.
ARG BASE
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libc6 libgcc-s1 libicu72 libssl3 libstdc++6 tzdata zlib1g \
 && rm -rf /var/lib/apt/lists/*
ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true
RUN groupadd --gid=$APP_UID app && useradd -l --uid=$APP_UID --gid=$APP_UID --create-home app
