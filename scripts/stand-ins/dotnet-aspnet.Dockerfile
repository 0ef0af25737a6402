# Stand-in for mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim: the runtime stand-in with ASPNET_VERSION.
ARG BASE
FROM ${BASE}
ENV ASPNET_VERSION=8.0.11
