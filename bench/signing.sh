#!/usr/bin/env bash
# What signing and attestations add to a release (issue 19). Prints a table; asserts nothing.
# Releases a busybox image (FROM the local upstream, one self-test) R times each (default 3): unsigned, signed with
# a plain PKCS#8 key, and signed with a cosign key (scrypt, N=32768). For each: the deploy's wall time, the push goal's
# registry requests and bytes sent (its own count), and the signing step's time (its log line). Medians.
#   bench/signing.sh [R]   (needs what scripts/env.sh sets up, which it runs; about 3 minutes here)
set -euo pipefail
cd "$(dirname "$0")/.."
R="${1:-3}"
bash scripts/env.sh >/dev/null
REGISTRY="127.0.0.1:${PLATFORM_LOCAL_REGISTRY_PORT:-5000}"
UPSTREAM="$REGISTRY/upstream/busybox:stable"
WORK="${PLATFORM_BENCH_DIR:-/var/tmp/platform-image-bench}/signing"
MVN=(mvn -B -ntp -Dstyle.color=never)
VERSION=$(mvn -B -q -Dstyle.color=never help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null | sed "s/\x1b\[[0-9;]*m//g")
[ -n "${BENCH_SKIP_INSTALL:-}" ] || "${MVN[@]}" -q install -DskipTests
rm -rf "$WORK" && mkdir -p "$WORK/keys"
RUN_ID=$(date +%s)
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/keys/plain.pem" 2>/dev/null
cp platform-image-maven-plugin/src/test/resources/signing/cosign-node.key "$WORK/keys/cosign.key"
ROWS=$(mktemp)
row() { printf '| %-62s | %9s | %s\n' "$1" "$2" "$3" >>"$ROWS"; [ -z "${BENCH_ROWS:-}" ] || printf '| %-62s | %9s | %s\n' "$1" "$2" "$3" >>"$BENCH_ROWS"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

release() { # NAME KEY-PROPERTY...: R forced releases of bench/sign-NAME-RUN_ID; prints one line per release
  local dir="$WORK/$1"
  shift
  mkdir -p "$dir"
  printf 'FROM %s\nRUN echo signed > /etc/bench\n' "$UPSTREAM" >"$dir/Dockerfile"
  cat >"$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>$(basename "$dir")</artifactId><version>1</version><packaging>platform-image</packaging>
  <properties>
    <platform.registry>$REGISTRY</platform.registry><platform.repository>bench/sign-$(basename "$dir")-$RUN_ID</platform.repository>
    <platform.tag>bench</platform.tag><maven.install.skip>true</maven.install.skip><maven.deploy.skip>true</maven.deploy.skip>
  </properties>
  <build><plugins><plugin>
    <groupId>dev.platformimages</groupId><artifactId>platform-image-maven-plugin</artifactId>
    <version>$VERSION</version><extensions>true</extensions>
    <configuration><selfTest><arg>/bin/true</arg></selfTest></configuration>
  </plugin></plugins></build>
</project>
POM
  for i in $(seq "$R"); do
    local log="$dir.deploy-$i.log" start  # beside the project: its folder is the build context
    start=$(date +%s.%N)
    (cd "$dir" && COSIGN_PASSWORD='correct horse' "${MVN[@]}" deploy -Dplatform.force=true "$@" >"$log" 2>&1) \
      || { tail -30 "$log" >&2; exit 1; }
    local wall requests sent ms
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    requests=$(sed -n 's/.*Registry requests of this push: .*: \([0-9]*\) (.*/\1/p' "$log" | head -1)
    sent=$(sed -n 's/.*Registry requests of this push: .*; \([0-9.]* [KM]*i*B\) sent.*/\1/p' "$log" | head -1 | tr ' ' '_')
    ms=$(sed -n 's/.*Signed and attested .*, \([0-9]*\) ms)$/\1/p' "$log" | head -1)
    echo "$wall $requests ${ms:-0} $sent"
  done
}
summarize() { # LABEL LINES
  local wall requests ms sent
  wall=$(echo "$2" | awk '{print $1}' | median)
  requests=$(echo "$2" | awk '{print $2}' | median)
  ms=$(echo "$2" | awk '{print $3}' | median)
  sent=$(echo "$2" | awk '{print $4}' | tail -1 | tr '_' ' ')
  row "$1" "$(printf '%.1f' "$wall")" "push: $requests registry requests, $sent sent$([ "$ms" = 0 ] || echo "; signing and attesting: $ms ms")"
}
echo "== unsigned" >&2
summarize "release, unsigned (median of $R)" "$(release unsigned)"
echo "== plain PKCS#8 key" >&2
summarize "release, signed with a PKCS#8 key (median of $R)" "$(release plain "-Dplatform.signing.key=$WORK/keys/plain.pem")"
echo "== cosign key" >&2
summarize "release, signed with a cosign key (scrypt N=32768; median of $R)" "$(release cosign "-Dplatform.signing.key=$WORK/keys/cosign.key")"
printf '| %-62s | %9s | %s\n' "what" "wall (s)" "figures"
printf '|%s|%s|%s\n' "----------------------------------------------------------------" "-----------" "--------"
cat "$ROWS"
rm -f "$ROWS"
