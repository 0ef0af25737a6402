#!/usr/bin/env bash
# Local stand-ins for the upstream images of the sample fleet (platform-images/), which this machine cannot pull
# from MCR or Docker Hub. Each is built from a real Debian bookworm root filesystem (debootstrap --variant=minbase)
# with Debian's own packages, and pushed to the local registry where the stand-ins profile of platform-images/pom.xml
# maps those registries (platform.mirrors):
#   mcr.microsoft.com -> $REGISTRY/mirror/mcr         docker.io -> $REGISTRY/mirror/docker-hub
# What each stands in for and what it really holds is written in scripts/stand-ins/*.Dockerfile: Debian's Node.js 18
# for node:20 and node:22, Python 3.11 for python:3.12, OpenJDK 17 for eclipse-temurin:21, and for the .NET images
# the runtime-deps libraries with a dotnet host script instead of .NET (see scripts/stand-ins/dotnet).
# busybox:stable is the busybox rootfs of env.sh. Also publishes the stand-in of the NuGet credential provider download (a blob in the local registry).
# Idempotent: nothing is rebuilt while the registry has every stand-in built from the current definitions.
# Usage: scripts/stand-ins.sh [--rebuild]   (env.sh must have run: engine and registry up)
set -euo pipefail
cd "$(dirname "$0")/stand-ins"

REGISTRY="127.0.0.1:${PLATFORM_LOCAL_REGISTRY_PORT:-5000}"
STATE_DIR="${PLATFORM_ENV_DIR:-/var/tmp/platform-image-env}"
ROOTFS="$STATE_DIR/bookworm-rootfs"
MCR="$REGISTRY/mirror/mcr"
HUB="$REGISTRY/mirror/docker-hub"
ACCEPT='application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.list.v2+json,application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json'
# The credential provider stand-in is built byte for byte the same everywhere; the stand-ins profile pins this digest.
CREDPROVIDER_SHA256=ef847b673f7d797f945fc137dd9191186ec0e063b3ac9114e904e6d3ccf7dad9
log() { printf '[stand-ins] %s\n' "$*"; }

# name|stand-in Dockerfile|base (another stand-in)
IMAGES=(
  "$MCR/dotnet/runtime-deps:8.0-bookworm-slim|dotnet-runtime-deps.Dockerfile|$HUB/library/debian:bookworm-slim"
  "$MCR/dotnet/runtime:8.0-bookworm-slim|dotnet-runtime.Dockerfile|$MCR/dotnet/runtime-deps:8.0-bookworm-slim"
  "$MCR/dotnet/aspnet:8.0-bookworm-slim|dotnet-aspnet.Dockerfile|$MCR/dotnet/runtime:8.0-bookworm-slim"
  "$MCR/dotnet/sdk:8.0-bookworm-slim|dotnet-sdk.Dockerfile|$MCR/dotnet/aspnet:8.0-bookworm-slim"
  "$HUB/library/node:20-bookworm-slim|node.Dockerfile|$HUB/library/debian:bookworm-slim"
  "$HUB/library/node:22-bookworm-slim|node.Dockerfile|$HUB/library/debian:bookworm-slim"
  "$HUB/library/python:3.12-slim-bookworm|python.Dockerfile|$HUB/library/debian:bookworm-slim"
  "$HUB/library/eclipse-temurin:21-jre|temurin-jre.Dockerfile|$HUB/library/debian:bookworm-slim"
  "$HUB/library/eclipse-temurin:21-jdk|temurin-jdk.Dockerfile|$HUB/library/eclipse-temurin:21-jre"
)

published() { # IMAGE (host/repo:tag) -> is it in the registry?
  local repo="${1#*/}"; curl -fs -o /dev/null -I -H "Accept: $ACCEPT" "http://$REGISTRY/v2/${repo%:*}/manifests/${repo##*:}"
}

definitions=$(cat ./* | sha256sum | cut -c1-16)
current=false  # were the published stand-ins built from these definitions?
[ "${1:-}" != "--rebuild" ] && [ "$(cat "$STATE_DIR/stand-ins.version" 2>/dev/null)" = "$definitions" ] && current=true
up_to_date() { $current && published "$1"; }
all_published() {
  $current || return 1
  published "$HUB/library/debian:bookworm-slim" || return 1
  published "$HUB/library/busybox:stable" || return 1
  for entry in "${IMAGES[@]}"; do published "${entry%%|*}" || return 1; done
  curl -fs -o /dev/null -I "http://$REGISTRY/v2/mirror/github/artifacts-credprovider/blobs/sha256:$CREDPROVIDER_SHA256"
}
if all_published; then log "every stand-in is published in $REGISTRY/mirror"; exit 0; fi

command -v debootstrap >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
if [ ! -f "$ROOTFS/.complete" ]; then
  log "debootstrap --variant=minbase bookworm $ROOTFS"
  rm -rf "$ROOTFS"
  debootstrap --variant=minbase bookworm "$ROOTFS" http://deb.debian.org/debian >"$STATE_DIR/debootstrap.log" 2>&1 \
    || { tail -20 "$STATE_DIR/debootstrap.log"; exit 1; }
  # As in Debian's slim images: the updates and security suites, no package lists or caches in the image.
  rm -f "$ROOTFS/etc/apt/sources.list"
  cat >"$ROOTFS/etc/apt/sources.list.d/debian.sources" <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/cache/apt/archives/*.deb
  touch "$ROOTFS/.complete"
fi

# busybox:stable is the busybox rootfs env.sh publishes as $REGISTRY/upstream/busybox:stable (busybox-static).
if ! up_to_date "$HUB/library/busybox:stable"; then
log "publishing $HUB/library/busybox:stable"
docker pull -q "$REGISTRY/upstream/busybox:stable" >/dev/null
docker tag "$REGISTRY/upstream/busybox:stable" "$HUB/library/busybox:stable"
docker push -q "$HUB/library/busybox:stable" >/dev/null
fi

if ! up_to_date "$HUB/library/debian:bookworm-slim"; then
  log "importing $HUB/library/debian:bookworm-slim"
  tar -C "$ROOTFS" --exclude=./.complete -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["bash"]' \
    - "$HUB/library/debian:bookworm-slim" >/dev/null
  docker push -q "$HUB/library/debian:bookworm-slim" >/dev/null
  current=false  # a new base: every stand-in on it is rebuilt
fi

for entry in "${IMAGES[@]}"; do
  IFS='|' read -r image dockerfile base <<<"$entry"
  up_to_date "$image" && continue
  log "building $image ($dockerfile)"
  docker build --network host --build-arg "BASE=$base" --label "dev.platformimages.stand-in=$dockerfile" \
    -f "$dockerfile" -t "$image" . >"$STATE_DIR/stand-in-build.log" 2>&1 || { tail -30 "$STATE_DIR/stand-in-build.log"; exit 1; }
  docker push -q "$image" >/dev/null
done

# The NuGet credential provider stand-in: the layout of Microsoft's tarball (plugins/netcore/...), made the same
# bytes on every run (sorted, no times, no owners, gzip without name), uploaded as a blob the build downloads.
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plugins/netcore/CredentialProvider.Microsoft"
echo "Stand-in of the Azure Artifacts credential provider (the real one comes from github.com/microsoft/artifacts-credprovider)" \
  >"$work/plugins/netcore/CredentialProvider.Microsoft/CredentialProvider.Microsoft.dll"
tar -C "$work" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=u=rwX,go=rX --format=gnu -c plugins | gzip -9n >"$work/credprovider.tar.gz"
digest=$(sha256sum "$work/credprovider.tar.gz" | cut -d' ' -f1)
if [ "$digest" != "$CREDPROVIDER_SHA256" ]; then
  log "ERROR: the credential provider stand-in is sha256:$digest, not the sha256:$CREDPROVIDER_SHA256 the stand-ins profile pins"
  exit 1
fi
upload=$(curl -fsS -X POST -D - -o /dev/null "http://$REGISTRY/v2/mirror/github/artifacts-credprovider/blobs/uploads/" \
  | tr -d '\r' | awk -F': ' 'tolower($1)=="location"{print $2}')
case "$upload" in http*) ;; *) upload="http://$REGISTRY$upload" ;; esac
sep='?'; [[ "$upload" == *\?* ]] && sep='&'
curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$work/credprovider.tar.gz" \
  "$upload${sep}digest=sha256:$digest" -o /dev/null
echo "$definitions" >"$STATE_DIR/stand-ins.version"
log "every stand-in is published in $REGISTRY/mirror"
