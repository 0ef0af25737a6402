#!/usr/bin/env bash
# Benchmark of the package inventory and of the check for stale packages (issue 18). Prints a table; asserts nothing.
#   A. The Maven JVM's peak memory (RSS) reading the inventories of two versions of an image straight from the
#      registry (platform-image:changes, no inventory kept yet, so every layer is read) with the heap held at 128 MiB:
#      a small Debian image, and the same with a layer of 400 MiB more. Layers are streamed through a file, so memory
#      does not grow with the image.
#   B. The no-op check of N up-to-date Debian images (default 20) that share one apt source, a repository this script
#      makes, signs and serves (an index of 60,000 packages, like Debian's main): with the check off, on with the
#      source unchanged since the releases, and on after the source changed (its index read once for all N).
#   bench/packages.sh [N]   (needs what scripts/env.sh sets up, which it runs; about 6 minutes here)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-20}"
bash scripts/env.sh >/dev/null
REGISTRY="127.0.0.1:${PLATFORM_LOCAL_REGISTRY_PORT:-5000}"
DEBIAN="$REGISTRY/mirror/docker-hub/library/debian:bookworm-slim"
WORK="${PLATFORM_BENCH_DIR:-/var/tmp/platform-image-bench}/packages"
RUN_ID=$(date +%s)
MVN=(mvn -B -ntp -Dstyle.color=never)
VERSION=$(mvn -B -q -Dstyle.color=never help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null | sed "s/\x1b\[[0-9;]*m//g")
PLUGIN="dev.platformimages:platform-image-maven-plugin:$VERSION"
[ -n "${BENCH_SKIP_INSTALL:-}" ] || "${MVN[@]}" -q install -DskipTests
rm -rf "$WORK" && mkdir -p "$WORK"
ROWS=$(mktemp)
row() { printf '| %-62s | %9s | %s\n' "$1" "$2" "$3" >>"$ROWS"; [ -z "${BENCH_ROWS:-}" ] || printf '| %-62s | %9s | %s\n' "$1" "$2" "$3" >>"$BENCH_ROWS"; }

# --- A. memory ------------------------------------------------------------------------------------------------------
image() { # NAME EXTRA-RUN: two versions (1.0.0, 1.0.1 = one small layer more) of bench/pkg-NAME-RUN_ID
  local repo="$REGISTRY/bench/pkg-$1-$RUN_ID" ctx="$WORK/ctx-$1"
  mkdir -p "$ctx"
  printf 'FROM %s\n%s\n' "$DEBIAN" "$2" >"$ctx/Dockerfile"
  docker build -q -t "$repo:12-1.0.0" "$ctx" >/dev/null
  printf 'FROM %s\nRUN echo 2 > /version\n' "$repo:12-1.0.0" >"$ctx/Dockerfile"
  docker build -q -t "$repo:12-1.0.1" "$ctx" >/dev/null
  docker push -q "$repo:12-1.0.0" >/dev/null && docker push -q "$repo:12-1.0.1" >/dev/null
  docker rmi -f "$repo:12-1.0.0" "$repo:12-1.0.1" >/dev/null
}
compare() { # NAME: platform-image:changes 1.0.0 -> 1.0.1 under /usr/bin/time; prints "peak-KiB wall-s"
  local dir="$WORK/changes-$1"
  mkdir -p "$dir"
  cat >"$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>changes-$1</artifactId><version>1</version><packaging>pom</packaging>
  <properties><platform.registry>$REGISTRY</platform.registry><platform.repository>bench/pkg-$1-$RUN_ID</platform.repository>
    <platform.tag>12</platform.tag></properties>
</project>
POM
  # With the heap held at 128 MiB: a reader that kept a layer in memory would fail on the large image.
  (cd "$dir" && MAVEN_OPTS="-Xmx128m" /usr/bin/time -f "%M %e" -o "$dir/time" "${MVN[@]}" "$PLUGIN:changes" \
    -Dplatform.from=1.0.0 -Dplatform.to=1.0.1 >"$dir/log" 2>&1) || { tail -30 "$dir/log"; exit 1; }
  cat "$dir/time"
}
echo "== A. the inventory of a small image and of one with 400 MiB more" >&2
image small 'LABEL bench=small'
image big 'RUN head -c 400M /dev/urandom > /big.bin'
read -r small_kib small_s < <(compare small)
read -r big_kib big_s < <(compare big)
big_mib=$(( $(curl -fsS "http://$REGISTRY/v2/bench/pkg-big-$RUN_ID/manifests/12-1.0.1" \
  -H 'Accept: application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json' \
  | python3 -c 'import json,sys; print(sum(l["size"] for l in json.load(sys.stdin)["layers"]))') / 1048576 ))
requests() { grep -o 'Registry requests of this comparison: .*' "$WORK/changes-$1/log" | sed 's/Registry requests of this comparison: //'; }
row "inventory of 2 versions, small Debian image (changes goal)" "$small_s" "JVM peak RSS $((small_kib / 1024)) MiB (-Xmx128m); $(requests small)"
row "inventory of 2 versions, $big_mib MiB image (changes goal)" "$big_s" "JVM peak RSS $((big_kib / 1024)) MiB (-Xmx128m); $(requests big)"

# --- B. the no-op check with the package check ----------------------------------------------------------------------
echo "== B. $N Debian images sharing one signed apt source" >&2
REPO="$WORK/repo/debian"; GNUPG="$WORK/gnupg"
mkdir -p "$REPO/dists/stable/main/binary-amd64" "$GNUPG" && chmod 700 "$GNUPG"
gpg --homedir "$GNUPG" --batch --passphrase '' --quick-gen-key "Bench Repository <bench@platform.test>" rsa2048 sign never 2>/dev/null
python3 - "$REPO/dists/stable/main/binary-amd64/Packages" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    for i in range(60000):
        out.write(f"Package: bench-package-{i}\nVersion: 1.{i % 97}-{i % 7}+deb12u{i % 5}\nArchitecture: amd64\n"
                  f"Maintainer: Bench <bench@platform.test>\nInstalled-Size: {i % 4096}\nDepends: libc6 (>= 2.36)\n"
                  f"Filename: pool/main/b/bench-{i}.deb\nSize: {1000 + i}\nSHA256: {'%064x' % i}\n"
                  f"Description: package {i} of the benchmark's index\n a description long enough to be like Debian's own\n\n")
PY
publish_repo() {
  local bin="$REPO/dists/stable/main/binary-amd64"
  xz -kf -T1 "$bin/Packages"
  { printf 'Origin: Bench\nSuite: stable\nCodename: stable\nDate: %s\nArchitectures: amd64\nComponents: main\nSHA256:\n' \
      "$(date -u -R | sed 's/+0000/UTC/')"
    for f in Packages Packages.xz; do printf ' %s %s main/binary-amd64/%s\n' "$(sha256sum "$bin/$f" | cut -c1-64)" "$(stat -c %s "$bin/$f")" "$f"; done
  } >"$REPO/dists/stable/Release"
  rm -f "$REPO/dists/stable/InRelease"
  gpg --homedir "$GNUPG" --batch --clearsign -o "$REPO/dists/stable/InRelease" "$REPO/dists/stable/Release"
}
publish_repo
port=$((20000 + RANDOM % 20000))
(cd "$WORK/repo" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) & server=$!
trap 'kill $server 2>/dev/null || true' EXIT
base_ctx="$WORK/base"; mkdir -p "$base_ctx"
gpg --homedir "$GNUPG" --batch --export >"$base_ctx/bench.gpg"
printf 'Types: deb\nURIs: http://127.0.0.1:%s/debian\nSuites: stable\nComponents: main\nSigned-By: /usr/share/keyrings/bench.gpg\n' "$port" \
  >"$base_ctx/bench.sources"
printf 'FROM %s\nRUN rm -f /etc/apt/sources.list.d/debian.sources\nCOPY bench.gpg /usr/share/keyrings/bench.gpg\nCOPY bench.sources /etc/apt/sources.list.d/\n' \
  "$DEBIAN" >"$base_ctx/Dockerfile"
BASE="$REGISTRY/bench/pkg-base-$RUN_ID:12"
docker build -q -t "$BASE" "$base_ctx" >/dev/null && docker push -q "$BASE" >/dev/null
fleet="$WORK/fleet"; mkdir -p "$fleet"
modules=""; for i in $(seq 1 "$N"); do modules="$modules<module>img-$i</module>"; mkdir -p "$fleet/img-$i"
  printf 'FROM %s\nLABEL bench.image=%s\n' "$BASE" "$i" >"$fleet/img-$i/Dockerfile"
  cat >"$fleet/img-$i/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <parent><groupId>bench</groupId><artifactId>fleet</artifactId><version>1</version></parent>
  <artifactId>img-$i</artifactId><packaging>platform-image</packaging>
  <properties><platform.repository>bench/pkg-$RUN_ID-img-$i</platform.repository></properties>
</project>
POM
done
cat >"$fleet/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>fleet</artifactId><version>1</version><packaging>pom</packaging>
  <modules>$modules</modules>
  <properties><platform.registry>$REGISTRY</platform.registry><platform.tag>12</platform.tag>
    <platform.allowUntested>true</platform.allowUntested><maven.deploy.skip>true</maven.deploy.skip></properties>
  <build><plugins><plugin><groupId>dev.platformimages</groupId><artifactId>platform-image-maven-plugin</artifactId>
    <version>$VERSION</version><extensions>true</extensions></plugin></plugins></build>
</project>
POM
echo "== B. releasing the $N images (each release keeps its inventory, its sources checked)" >&2
(cd "$fleet" && "${MVN[@]}" deploy >"$WORK/release.log" 2>&1) || { tail -40 "$WORK/release.log"; exit 1; }
check() { # NAME ARGS...: mvn validate over the fleet; prints the wall time
  local start end; start=$(date +%s.%N)
  (cd "$fleet" && "${MVN[@]}" validate "${@:2}" >"$WORK/$1.log" 2>&1) || { tail -30 "$WORK/$1.log"; exit 1; }
  end=$(date +%s.%N); printf '%.1f' "$(echo "$end - $start" | bc)"
}
per_image_requests() { python3 - "$fleet" "$N" <<'PY'
import json, pathlib, sys
states = [json.loads(p.read_text()) for p in pathlib.Path(sys.argv[1]).glob("img-*/target/platform-image/state.json")]
total = sum(sum(s.get("checkRequests", {}).values()) for s in states)
print(f"{total / int(sys.argv[2]):.1f}")
PY
}
traffic() { grep -o 'Package sources of this build so far: .*' "$WORK/$1.log" | tail -1 | sed 's/.*so far: //'; }
decisions() { grep -oE '(UP_TO_DATE|PACKAGES_OUTDATED): ' "$WORK/$1.log" | sort | uniq -c | awk '{printf "%s %s ", $1, $2}'; }
off_s=$(check off -Dplatform.packages.checkUpdates=false)
row "no-op check of $N images, package check off" "$off_s" "$(per_image_requests) registry requests/image; $(decisions off)"
same_s=$(check same)
row "same, package check on, source unchanged" "$same_s" "$(per_image_requests) registry requests/image; sources: $(traffic same); $(decisions same)"
publish_repo   # the same packages, signed again: the InRelease changed, so its index is read (once for all N)
changed_s=$(check changed)
row "same, package check on, source changed (index read)" "$changed_s" "$(per_image_requests) registry requests/image; sources: $(traffic changed); $(decisions changed)"

printf '\nplatform-image-maven-plugin: package inventory and check, one run on %s cores, %s\n\n' "$(nproc)" "$(date -u +%F)"
printf '| %-62s | %9s | %s\n' "what" "wall (s)" "figures"
printf '|%s|%s|%s\n' "----------------------------------------------------------------" "-----------" "--------"
cat "$ROWS"
rm -f "$ROWS"
echo "Logs under $WORK"
