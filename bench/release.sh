#!/usr/bin/env bash
# Release benchmarks (issue 8), one run, printed as a table; asserts nothing:
#   1. promotion of a 200 MB image to its version tag and 3 floating tags by the push goal, against the seeds'
#      retag (docker pull on a fresh agent, docker tag, docker push per tag): wall time and bytes each way,
#      counted by a TCP proxy in front of the registry (bench/countproxy.py);
#   2. the integration-test gate for an app that is ready after 1 s: container start to verdict, against the
#      seeds' fixed `sleep 20` then one curl;
#   3. peak RSS and heap of the Maven JVM while check-update and docker-build hash and stream a 1 GiB build
#      context, with the heap capped at 128 MiB (the context streams; it never sits in memory).
#   bench/release.sh   (needs what scripts/env.sh sets up; run bench/run.sh for every benchmark)
set -euo pipefail
cd "$(dirname "$0")/.."
REGISTRY="127.0.0.1:${PLATFORM_LOCAL_REGISTRY_PORT:-5000}"
UPSTREAM="$REGISTRY/upstream/busybox:stable"
WORK="${PLATFORM_BENCH_DIR:-/var/tmp/platform-image-bench}/release"
OUT="${BENCH_ROWS:-/dev/stdout}"
MVN=(mvn -B -ntp -Dstyle.color=never)
VERSION=$(mvn -B -q -Dstyle.color=never help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null | sed "s/\x1b\[[0-9;]*m//g")
[ -n "${BENCH_SKIP_INSTALL:-}" ] || "${MVN[@]}" -q install -DskipTests
rm -rf "$WORK" && mkdir -p "$WORK"
RUN_ID=$(date +%s)
seconds() { echo "$(date +%s.%N) - $1" | bc; }
mib() { if [ "$1" -ge 1048576 ]; then echo "$(echo "scale=1; $1 / 1048576" | bc) MiB"; else echo "$(echo "scale=1; $1 / 1024" | bc) KiB"; fi; }

# A thin image POM: $1 folder, $2 repository, $3 extra <configuration> XML, $4 registry.
image_pom() {
  mkdir -p "$1"
  cat >"$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>$(basename "$1")</artifactId><version>1</version><packaging>platform-image</packaging>
  <properties>
    <platform.registry>$4</platform.registry><platform.repository>$2</platform.repository><platform.tag>bench</platform.tag>
    <maven.install.skip>true</maven.install.skip><maven.deploy.skip>true</maven.deploy.skip>
  </properties>
  <build><plugins><plugin>
    <groupId>dev.platformimages</groupId><artifactId>platform-image-maven-plugin</artifactId>
    <version>$VERSION</version><extensions>true</extensions>
    <configuration><selfTest><arg>/bin/true</arg></selfTest>$3</configuration>
  </plugin></plugins></build>
</project>
POM
}

# 1. Promotion of a large image, through the counting proxy.
PROXY_PORT=${BENCH_PROXY_PORT:-5098}
python3 bench/countproxy.py "$PROXY_PORT" "${REGISTRY##*:}" "$WORK/proxy.stats" &
proxy=$!
trap 'kill $proxy 2>/dev/null || true' EXIT
until [ -s "$WORK/proxy.stats" ]; do sleep 0.1; done
counted() { kill -USR1 "$proxy"; sleep 0.3; cat "$WORK/proxy.stats"; }
VIA="127.0.0.1:$PROXY_PORT"
big="$WORK/big-image"
image_pom "$big" "bench-$RUN_ID/big" "" "$VIA"
printf 'FROM %s\nRUN head -c 209715200 /dev/urandom > /payload\n' "$UPSTREAM" >"$big/Dockerfile"
echo "== building, testing and drafting a 200 MiB image" >&2
"${MVN[@]}" -f "$big/pom.xml" verify -Dplatform.extraTags=stable >"$WORK/big-verify.log" || { tail -40 "$WORK/big-verify.log"; exit 1; }
kill -USR2 "$proxy"
start=$(date +%s.%N)
"${MVN[@]}" -f "$big/pom.xml" platform-image:push -Dplatform.extraTags=stable >"$WORK/big-push.log" || { tail -40 "$WORK/big-push.log"; exit 1; }
push_s=$(seconds "$start"); read -r push_up push_down <<<"$(counted)"
size=$(docker image inspect "$VIA/bench-$RUN_ID/big:bench-1.0.0" --format '{{.Size}}' 2>/dev/null || echo 0)
# The seeds' retag on a fresh CI agent: the image is not there, so it is pulled, then tagged and pushed per tag.
docker rmi -f $(docker images -q "$VIA/bench-$RUN_ID/big" | sort -u) >/dev/null 2>&1 || true
kill -USR2 "$proxy"
start=$(date +%s.%N)
docker pull -q "$VIA/bench-$RUN_ID/big:bench-1.0.0" >/dev/null 2>&1
for tag in latest bench stable; do
  docker tag "$VIA/bench-$RUN_ID/big:bench-1.0.0" "$VIA/bench-$RUN_ID/big:$tag"
  docker push -q "$VIA/bench-$RUN_ID/big:$tag" >/dev/null
done
seeds_s=$(seconds "$start"); read -r seeds_up seeds_down <<<"$(counted)"
docker rmi -f $(docker images -q "$VIA/bench-$RUN_ID/big" | sort -u) >/dev/null 2>&1 || true
kill "$proxy"; trap - EXIT

# 2. The gate: an app that listens after 1 s.
gate="$WORK/gate-image"
image_pom "$gate" "bench-$RUN_ID/gate" "<integrationTest><dockerfile>\${project.basedir}/app/Dockerfile</dockerfile>
  <port>8080</port><path>/index.html</path><expectStatus>200</expectStatus><timeoutSeconds>30</timeoutSeconds></integrationTest>" "$REGISTRY"
printf 'FROM %s\nEXPOSE 8080\n' "$UPSTREAM" >"$gate/Dockerfile"
mkdir -p "$gate/app/www" && echo ok >"$gate/app/www/index.html"
printf 'ARG PLATFORM_IMAGE\nFROM ${PLATFORM_IMAGE}\nCOPY www /www\nCMD ["sh", "-c", "sleep 1; exec httpd -f -p 8080 -h /www"]\n' >"$gate/app/Dockerfile"
echo "== the gate with an app ready after 1 s" >&2
"${MVN[@]}" -f "$gate/pom.xml" verify >"$WORK/gate.log" || { tail -40 "$WORK/gate.log"; exit 1; }
gate_ms=$(grep -o "Integration test .* passed in [0-9]* ms after [0-9]* request" "$WORK/gate.log" | grep -o "passed in [0-9]*" | grep -o "[0-9]*$")
gate_requests=$(grep -o "ms after [0-9]* request" "$WORK/gate.log" | grep -o "[0-9]*")
draft=$(docker images --format '{{.Repository}}:{{.Tag}}' "$REGISTRY/bench-$RUN_ID/gate" | head -1)
docker build -q --network host --build-arg PLATFORM_IMAGE="$draft" -t "bench-gate-app:$RUN_ID" "$gate/app" >/dev/null 2>&1
start=$(date +%s.%N)
cid=$(docker run -d -p 127.0.0.1:5055:8080 "bench-gate-app:$RUN_ID")
sleep 20
curl -fsS -o /dev/null "http://127.0.0.1:5055/index.html"
seeds_gate_s=$(seconds "$start")
docker rm -f "$cid" >/dev/null; docker rmi "bench-gate-app:$RUN_ID" >/dev/null

# 3. A 1 GiB build context with the heap capped at 128 MiB.
ctx="$WORK/context-image"
image_pom "$ctx" "bench-$RUN_ID/context" "" "$REGISTRY"
printf 'FROM %s\nRUN true\n' "$UPSTREAM" >"$ctx/Dockerfile"
head -c 1073741824 /dev/urandom >"$ctx/big.bin"
echo "== check-update and docker-build of a 1 GiB context, -Xmx128m" >&2
start=$(date +%s.%N)
MAVEN_OPTS="-Xmx128m" "${MVN[@]}" -f "$ctx/pom.xml" package >"$WORK/context.log" 2>&1 &
mvn_pid=$!
peak_rss=0; peak_heap=0; jvm=""
while kill -0 "$mvn_pid" 2>/dev/null; do
  [ -n "$jvm" ] || jvm=$(pgrep -f "plexus-classworlds.*-f $ctx/pom.xml" | head -1 || true)
  if [ -n "$jvm" ] && [ -r "/proc/$jvm/status" ]; then
    rss=$(awk '/VmHWM/{print $2}' "/proc/$jvm/status" 2>/dev/null || echo 0); [ "${rss:-0}" -gt "$peak_rss" ] && peak_rss=$rss
    heap=$(jstat -gc "$jvm" 2>/dev/null | awk 'NR==2{printf "%d", $3+$4+$6+$8}' || true)
    [ -n "$heap" ] && [ "$heap" -gt "$peak_heap" ] && peak_heap=$heap
  fi
  sleep 0.2
done
wait "$mvn_pid" || { tail -40 "$WORK/context.log"; exit 1; }
ctx_s=$(seconds "$start")
sent=$(grep -o "context [0-9]* KiB" "$WORK/context.log" | head -1 | grep -o "[0-9]*")
rm -f "$ctx/big.bin"

{
printf '| %-62s | %9s | %s\n' "promotion by the push goal: version tag + 3 floating tags" "$(printf '%.2f' "$push_s")" \
  "$(mib "$push_up") up, $(mib "$push_down") down (image $(mib "$size"): manifests move, blobs stay)"
printf '| %-62s | %9s | %s\n' "seeds' retag: docker pull on a fresh agent, tag + push x3" "$(printf '%.2f' "$seeds_s")" \
  "$(mib "$seeds_up") up, $(mib "$seeds_down") down"
printf '| %-62s | %9s | %s\n' "gate: app listening 1 s after start; first probe to verdict" "$(echo "scale=2; $gate_ms / 1000" | bc)" \
  "$gate_requests request(s), polling until it answers"
printf '| %-62s | %9s | %s\n' "seeds' gate: docker run, sleep 20, one curl" "$(printf '%.2f' "$seeds_gate_s")" "whatever the app needs"
printf '| %-62s | %9s | %s\n' "check-update + docker-build, 1 GiB context, -Xmx128m" "$(printf '%.2f' "$ctx_s")" \
  "context $((sent / 1024)) MiB streamed; Maven JVM peak RSS $((peak_rss / 1024)) MiB, peak heap used $((peak_heap / 1024)) MiB"
} >>"$OUT"
