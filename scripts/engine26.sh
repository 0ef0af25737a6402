#!/usr/bin/env bash
# A second, newer Docker engine beside Debian 12's 20.10: Debian 13's Docker 26.1.5 with the containerd image store
# (the default of Docker Engine 29 and Docker Desktop), idempotently:
#   - downloads docker.io, containerd and tini from Debian 13 with a private apt configuration (the system's
#     sources are never touched) and extracts them under $ENGINE26_DIR; Debian 12's runc is kept (Debian 13's needs
#     a newer glibc),
#   - starts its own containerd (own root, state and socket) and dockerd (own data root, exec root, pid file and
#     socket unix:///run/docker26.sock) on a bridge of its own (never "bridge": "none": a dockerd started that way
#     deletes the host's docker0), with the containerd snapshotter and 127.0.0.0/8 as insecure registries,
#   - prints DOCKER_HOST=unix:///run/docker26.sock once `docker info` shows the containerd snapshotter.
# Waits are conditions with deadlines, never fixed sleeps.
set -euo pipefail

DIR="${ENGINE26_DIR:-/var/tmp/platform-image-env/engine26}"
SOCKET=/run/docker26.sock
CONTAINERD_SOCKET=/run/engine26-containerd/containerd.sock
BRIDGE=br-engine26
SUBNET_IP=10.250.26.1/24
mkdir -p "$DIR"
log() { printf '[engine26] %s\n' "$*" >&2; }
# shellcheck source=wait-for.sh
source "$(dirname "$0")/wait-for.sh"

# The driver is read into a variable, never piped into `grep -q`: under pipefail, grep leaving early kills
# `docker info` with SIGPIPE and the check fails although the snapshotter is there.
uses_snapshotter() {
  local driver
  driver=$(DOCKER_HOST="unix://$SOCKET" docker info --format '{{json .DriverStatus}}' 2>/dev/null) || return 1
  [[ "$driver" == *io.containerd.snapshotter* ]]
}
if uses_snapshotter; then
  log "Docker 26 with the containerd image store already answers on $SOCKET"
  echo "DOCKER_HOST=unix://$SOCKET"
  exit 0
fi

if [ ! -x "$DIR/root/usr/sbin/dockerd" ]; then
  mkdir -p "$DIR/apt/lists/partial" "$DIR/apt/cache/partial" "$DIR/debs"
  echo 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main' >"$DIR/sources.list"
  apt=(-o Dir::Etc::sourcelist="$DIR/sources.list" -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$DIR/apt/lists"
       -o Dir::Cache::archives="$DIR/apt/cache" -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
  log "downloading docker.io, containerd and tini from Debian 13 (private apt configuration)"
  apt-get "${apt[@]}" -qq update
  (cd "$DIR/debs" && apt-get "${apt[@]}" -qq download docker.io containerd tini)
  for deb in "$DIR"/debs/*.deb; do dpkg-deb -x "$deb" "$DIR/root"; done
  find "$DIR/root" -name 'runc*' -type f -delete # Debian 12's runc serves: Debian 13's needs a newer glibc
fi
command -v runc >/dev/null || { log "ERROR: runc is missing (Debian 12's docker.io brings it: run scripts/env.sh first)"; exit 1; }
export PATH="$DIR/root/usr/bin:$DIR/root/usr/sbin:$PATH"

if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
  ip link add name "$BRIDGE" type bridge
  ip addr add "$SUBNET_IP" dev "$BRIDGE"
  ip link set "$BRIDGE" up
fi

if [ ! -S "$CONTAINERD_SOCKET" ] || ! ctr --address "$CONTAINERD_SOCKET" version >/dev/null 2>&1; then
  mkdir -p "$(dirname "$CONTAINERD_SOCKET")"
  cat >"$DIR/containerd.toml" <<TOML
version = 2
root = "$DIR/containerd-root"
state = "/run/engine26-containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$CONTAINERD_SOCKET"
[ttrpc]
  address = "$CONTAINERD_SOCKET.ttrpc"
[debug]
  address = ""
TOML
  log "starting containerd (log: $DIR/containerd.log)"
  nohup containerd --config "$DIR/containerd.toml" >"$DIR/containerd.log" 2>&1 &
  wait_for "containerd on $CONTAINERD_SOCKET" 30 ctr --address "$CONTAINERD_SOCKET" version
fi

cat >"$DIR/daemon.json" <<JSON
{
  "features": {"containerd-snapshotter": true},
  "bridge": "$BRIDGE",
  "iptables": false,
  "ip-masq": false,
  "insecure-registries": ["127.0.0.0/8"]
}
JSON
pidfile=/run/engine26-docker.pid
if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then rm -f "$pidfile"; fi
log "starting dockerd 26 on $SOCKET (log: $DIR/dockerd.log)"
nohup dockerd --config-file "$DIR/daemon.json" --data-root "$DIR/docker" --exec-root /run/engine26-docker \
  --pidfile "$pidfile" -H "unix://$SOCKET" --containerd "$CONTAINERD_SOCKET" >"$DIR/dockerd.log" 2>&1 &
wait_for "dockerd 26 on $SOCKET" 60 env DOCKER_HOST="unix://$SOCKET" docker info
if ! uses_snapshotter; then
  log "ERROR: dockerd on $SOCKET does not use the containerd image store (see $DIR/dockerd.log)"; exit 1
fi
log "Docker $(DOCKER_HOST="unix://$SOCKET" docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})') with the containerd image store"
echo "DOCKER_HOST=unix://$SOCKET"
