#!/usr/bin/env bash
# Benchmark of the no-op check (issue 3, item 8): N platform images, all up to date, checked by one
# `mvn validate` over a reactor, against Maven's own floor (an empty reactor of N modules) and against the
# seeds' way (one process per image querying the registry with curl); then each check reading for itself
# (platform.checkThreads=0) against the reactor's read-ahead, over loopback and through a proxy that puts the
# registry 50 ms away (BENCH_DELAY_MS). Prints a table; asserts nothing.
#   bench/check.sh [N]        (default 50; needs what scripts/env.sh sets up, which it runs)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-50}"
bash scripts/env.sh >/dev/null
REGISTRY="127.0.0.1:${PLATFORM_LOCAL_REGISTRY_PORT:-5000}"
UPSTREAM="$REGISTRY/upstream/busybox:stable"
WORK="${PLATFORM_BENCH_DIR:-/var/tmp/platform-image-bench}/n$N"
RUN_ID=$(date +%s)
MVN=(mvn -B -ntp -Dstyle.color=never)
ACCEPT='application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json'
VERSION=$(mvn -B -q -Dstyle.color=never help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null | sed "s/\x1b\[[0-9;]*m//g")

[ -n "${BENCH_SKIP_INSTALL:-}" ] || "${MVN[@]}" -q install -DskipTests
rm -rf "$WORK" && mkdir -p "$WORK/images" "$WORK/floor"

modules() { for i in $(seq 1 "$N"); do printf '    <module>img-%s</module>\n' "$i"; done; }
cat >"$WORK/images/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>images</artifactId><version>1</version><packaging>pom</packaging>
  <modules>
$(modules)
  </modules>
  <properties>
    <platform.registry>$REGISTRY</platform.registry>
    <platform.tag>bench</platform.tag>
    <maven.install.skip>true</maven.install.skip>
    <maven.deploy.skip>true</maven.deploy.skip>
  </properties>
  <build><plugins><plugin>
    <groupId>dev.platformimages</groupId><artifactId>platform-image-maven-plugin</artifactId>
    <version>$VERSION</version><extensions>true</extensions>
    <configuration><selfTest><arg>/bin/true</arg></selfTest></configuration>
  </plugin></plugins></build>
</project>
POM
cp "$WORK/images/pom.xml" "$WORK/floor/pom.xml"
sed -i 's#<build>.*#<build/>#; /<groupId>dev.platformimages/,/<\/plugin><\/plugins><\/build>/d' "$WORK/floor/pom.xml"
for i in $(seq 1 "$N"); do
  mkdir -p "$WORK/images/img-$i" "$WORK/floor/img-$i"
  cat >"$WORK/images/img-$i/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <parent><groupId>bench</groupId><artifactId>images</artifactId><version>1</version></parent>
  <artifactId>img-$i</artifactId><packaging>platform-image</packaging>
  <properties><platform.repository>bench-$RUN_ID/img-$i</platform.repository></properties>
</project>
POM
  printf 'FROM %s\nRUN echo bench > /etc/bench\n' "$UPSTREAM" >"$WORK/images/img-$i/Dockerfile"
  printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><parent><groupId>bench</groupId><artifactId>images</artifactId><version>1</version></parent><artifactId>img-%s</artifactId><packaging>pom</packaging></project>\n' "$i" >"$WORK/floor/img-$i/pom.xml"
done

echo "== publishing img-1 for real, then the same image to img-2..img-$N by manifest copy" >&2
"${MVN[@]}" -q -f "$WORK/images/img-1/pom.xml" deploy >"$WORK/publish.log" || { tail -30 "$WORK/publish.log"; exit 1; }
src="bench-$RUN_ID/img-1"
manifest=$(mktemp)
curl -fsS -H "Accept: $ACCEPT" -D "$manifest.h" -o "$manifest" "http://$REGISTRY/v2/$src/manifests/bench-1.0.0"
type=$(awk -F': ' 'tolower($1)=="content-type"{print $2}' "$manifest.h" | tr -d '\r')
blobs=$(tr -d ' \n' <"$manifest" | grep -o '"digest":"sha256:[0-9a-f]*"' | cut -d'"' -f4)
for i in $(seq 2 "$N"); do
  for blob in $blobs; do
    curl -fsS -o /dev/null -X POST "http://$REGISTRY/v2/bench-$RUN_ID/img-$i/blobs/uploads/?mount=$blob&from=$src"
  done
  for tag in bench-1.0.0 bench latest; do
    curl -fsS -o /dev/null -X PUT -H "Content-Type: $type" --data-binary "@$manifest" \
      "http://$REGISTRY/v2/bench-$RUN_ID/img-$i/manifests/$tag"
  done
done

seconds() { local start=$1 end; end=$(date +%s.%N); echo "$end - $start" | bc; }

echo "== timing" >&2
"${MVN[@]}" -q -f "$WORK/floor/pom.xml" validate >/dev/null # warms the JVM's files up, so the first timing is not the odd one
start=$(date +%s.%N); "${MVN[@]}" -f "$WORK/floor/pom.xml" validate >"$WORK/floor.log"; floor=$(seconds "$start")
start=$(date +%s.%N); /usr/bin/time -f %M -o "$WORK/check.rss" "${MVN[@]}" -f "$WORK/images/pom.xml" validate >"$WORK/check.log"
check=$(seconds "$start"); check_rss=$(( $(tail -1 "$WORK/check.rss") / 1024 ))
# The plan goal over the same images (every image decided, the waves written; the track report on).
start=$(date +%s.%N); /usr/bin/time -f %M -o "$WORK/plan.rss" "${MVN[@]}" -f "$WORK/images/pom.xml" platform-image:plan >"$WORK/plan.log"
plan=$(seconds "$start"); plan_rss=$(( $(tail -1 "$WORK/plan.rss") / 1024 ))
plan_due=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["due"])' "$WORK/images/target/platform-image/plan.json")
# What each check did, from its state.json (check-update records its decision and its registry requests there):
# UP_TO_DATE count, requests in all (its own and those the reactor's read-ahead made for it), the most common split.
read -r up_to_date requests detail < <(python3 - "$WORK"/images/img-*/target/platform-image/state.json <<'PY'
import collections, json, sys
states = [json.load(open(f)) for f in sys.argv[1:]]
up = sum(1 for s in states if s.get("reason") == "UP_TO_DATE")
total = sum(sum(s.get("checkRequests", {}).values()) + s.get("checkRequestsAhead", 0) for s in states)
split = collections.Counter("own %s, ahead %s" % (sum(s.get("checkRequests", {}).values()), s.get("checkRequestsAhead", 0))
                            for s in states).most_common(1)
print(up, total, "%s (%s images)" % split[0] if split else "none")
PY
)
start=$(date +%s.%N); "${MVN[@]}" -f "$WORK/images/pom.xml" validate -Dplatform.checkThreads=0 >"$WORK/check-serial.log"
serial=$(seconds "$start")

# The same registry 50 ms away (a TCP proxy that holds each request 50 ms): where reading concurrently pays.
DELAY_MS=${BENCH_DELAY_MS:-50}
PROXY_PORT=${BENCH_PROXY_PORT:-5098}
python3 bench/countproxy.py "$PROXY_PORT" "${REGISTRY##*:}" "$WORK/proxy.stats" "$DELAY_MS" &
proxy=$!
trap 'kill $proxy 2>/dev/null || true' EXIT
until [ -s "$WORK/proxy.stats" ]; do sleep 0.1; done
FAR=(-Dplatform.registry="127.0.0.1:$PROXY_PORT" -Dplatform.mirrors="$REGISTRY=127.0.0.1:$PROXY_PORT")
start=$(date +%s.%N); "${MVN[@]}" -f "$WORK/images/pom.xml" validate "${FAR[@]}" -Dplatform.checkThreads=0 >"$WORK/far-serial.log"
far_serial=$(seconds "$start")
start=$(date +%s.%N); "${MVN[@]}" -f "$WORK/images/pom.xml" validate "${FAR[@]}" >"$WORK/far.log"; far=$(seconds "$start")
kill "$proxy" 2>/dev/null || true
far_up_to_date=$(grep -c "UP_TO_DATE:" "$WORK/far.log" || true)

# The seeds' way: per image, one process per registry query (base manifest, latest's manifest, its config).
start=$(date +%s.%N)
for i in $(seq 1 "$N"); do
  curl -fsS -o /dev/null -I -H "Accept: $ACCEPT" "http://$REGISTRY/v2/upstream/busybox/manifests/stable"
  cfg=$(curl -fsS -H "Accept: $ACCEPT" "http://$REGISTRY/v2/bench-$RUN_ID/img-$i/manifests/latest" | tr -d ' \n' \
    | grep -o '"config":{[^}]*}' | grep -o 'sha256:[0-9a-f]*')
  curl -fsS -o /dev/null "http://$REGISTRY/v2/bench-$RUN_ID/img-$i/blobs/$cfg"
done
seeds=$(seconds "$start")

printf '\nNo-op check of %s up-to-date images (%s of them reported UP_TO_DATE), one run, %s cores\n\n' "$N" "$up_to_date" "$(nproc)"
printf '| %-52s | %9s | %s\n' "what" "wall (s)" "notes"
printf '|%s|%s|%s\n' "------------------------------------------------------" "-----------" "------"
printf '| %-52s | %9.2f | %s\n' "Maven floor: mvn validate, empty reactor of $N" "$floor" "no plugin at all"
printf '| %-52s | %9.2f | %s requests in all, %.1f per image; most common: %s; %.1f times the floor; JVM peak RSS %s MiB\n' "mvn validate over the $N images" "$check" "$requests" "$(echo "$requests / $N" | bc -l)" "$detail" "$(echo "$check / $floor" | bc -l)" "$check_rss"
printf '| %-52s | %9.2f | %s due; %.1f times the floor; JVM peak RSS %s MiB\n' "mvn platform-image:plan over the $N images" "$plan" "$plan_due" "$(echo "$plan / $floor" | bc -l)" "$plan_rss"
printf '| %-52s | %9.2f | %s\n' "the same, each check reading for itself" "$serial" "platform.checkThreads=0"
printf '| %-52s | %9.2f | %s\n' "registry ${DELAY_MS} ms away: each check for itself" "$far_serial" "platform.checkThreads=0"
printf '| %-52s | %9.2f | %s\n' "registry ${DELAY_MS} ms away: reads ahead on 4 threads" "$far" "$far_up_to_date UP_TO_DATE (the default)"
printf '| %-52s | %9.2f | %s\n' "seeds' way: 3 curl processes per image" "$seeds" "$((3 * N)) processes; no decision, no labels compared"
printf '\nPlugin cost over the floor: %.2f s (%.0f ms per image). Logs: %s\n' "$(echo "$check - $floor" | bc -l)" \
  "$(echo "($check - $floor) * 1000 / $N" | bc -l)" "$WORK"
if [ -n "${BENCH_ROWS:-}" ]; then
  {
  printf '| %-62s | %9.2f | %s\n' "no-op check, $N images: Maven floor (empty reactor)" "$floor" "no plugin at all"
  printf '| %-62s | %9.2f | %s\n' "no-op check, $N images: mvn validate" "$check" \
    "$(printf '%.1f' "$(echo "$requests / $N" | bc -l)") registry requests per image; $((N - up_to_date)) not UP_TO_DATE; $(printf '%.1f' "$(echo "$check / $floor" | bc -l)") x floor; peak RSS $check_rss MiB"
  printf '| %-62s | %9.2f | %s\n' "plan, $N images: mvn platform-image:plan" "$plan" \
    "$plan_due due; $(printf '%.1f' "$(echo "$plan / $floor" | bc -l)") x floor; peak RSS $plan_rss MiB"
  printf '| %-62s | %9.2f | %s\n' "no-op check, $N images: each check reads for itself" "$serial" "platform.checkThreads=0"
  printf '| %-62s | %9.2f | %s\n' "no-op check, $N images, registry ${DELAY_MS} ms away: for itself" "$far_serial" "platform.checkThreads=0"
  printf '| %-62s | %9.2f | %s\n' "no-op check, $N images, registry ${DELAY_MS} ms away: read ahead" "$far" \
    "4 threads: $(printf '%.1f' "$(echo "$far_serial / $far" | bc -l)") times faster; $((N - far_up_to_date)) not UP_TO_DATE"
  printf '| %-62s | %9.2f | %s\n' "no-op check, $N images: seeds' way (3 curl per image)" "$seeds" \
    "plugin/seeds: $(printf '%.2f' "$(echo "$check / $seeds" | bc -l)"); plugin over floor: $(printf '%.0f' "$(echo "($check - $floor) * 1000 / $N" | bc -l)") ms per image"
  } >>"$BENCH_ROWS"
fi
