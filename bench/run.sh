#!/usr/bin/env bash
# Every benchmark in one run, printed as one table (issue 8); asserts nothing, takes about 14 minutes here.
#   bench/run.sh [N...]   (default 10 50 200: the no-op check over reactors of N images)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/env.sh >/dev/null
mvn -B -q -ntp -Dstyle.color=never install -DskipTests
export BENCH_SKIP_INSTALL=1
export BENCH_ROWS; BENCH_ROWS=$(mktemp)
started=$(date +%s)
for n in "${@:-10 50 200}"; do
  for one in $n; do echo "== no-op check of $one images" >&2; bash bench/check.sh "$one" >/dev/null; done
done
bash bench/release.sh
bash bench/packages.sh >/dev/null
bash bench/signing.sh >/dev/null
printf '\nplatform-image-maven-plugin benchmarks, one run on %s cores (%s), %s\n\n' "$(nproc)" "$(uname -m)" "$(date -u +%F)"
printf '| %-62s | %9s | %s\n' "what" "wall (s)" "figures"
printf '|%s|%s|%s\n' "----------------------------------------------------------------" "-----------" "--------"
cat "$BENCH_ROWS"
printf '\nWhole run: %s s. Logs under %s\n' "$(( $(date +%s) - started ))" "${PLATFORM_BENCH_DIR:-/var/tmp/platform-image-bench}"
rm -f "$BENCH_ROWS"
