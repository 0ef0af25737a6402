# Stand-in for mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim: runtime-deps plus, instead of the .NET runtime
# (not downloadable here), a dotnet host that answers --list-runtimes/--version. Plainly not .NET.
ARG BASE
FROM ${BASE}
ENV DOTNET_VERSION=8.0.11
COPY dotnet /usr/share/dotnet/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
