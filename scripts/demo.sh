#!/usr/bin/env bash
# The demo: what README.md and the manual show, run for real against the local engine and registry, each outcome checked.
#   0. the plan, as the CI's plan job makes it: every image decided at once, the due ones in waves;
#   1. mvn deploy over the sample fleet (platform-images/; MCR and Docker Hub read from the local stand-ins with
#      -Pstand-ins): every image that is due is built, tested and published;
#   2. mvn deploy again: every image is up to date, nothing is built; the plan: nothing due;
#   3. the goals one at a time on node-20, forced, with the release announced to a local Teams stand-in;
#   3b. a real base change: node:20's stand-in gains Debian packages (jq from Debian's archive), and node-20's release
#      notes list every package added, with its version;
#   4. platform-image:status over the fleet;  5. rollback of node-20, and the run after it;
#   6. prune, dry run;  7. what the registry holds.
# The full log of every step is kept in $DEMO_LOGS (default: a new temporary folder). A walkthrough for people: the ITs
# check what it shows (DEVELOPING.md names which), scripts/test.sh does not run it.
# Usage: scripts/demo.sh [--no-install]   (--no-install: the plugin is installed already)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/env.sh
REGISTRY="127.0.0.1:${PLATFORM_LOCAL_REGISTRY_PORT:-5000}"
MVN=(mvn -B -ntp -Dstyle.color=never -Pstand-ins -Dplatform.registry="$REGISTRY")
LOGS="${DEMO_LOGS:-$(mktemp -d /tmp/platform-image-demo.XXXXXX)}"
mkdir -p "$LOGS"

step() { printf '\n== %s\n' "$*"; }
# run NAME FOLDER MAVEN-ARGS...: Maven in FOLDER, full log in $LOGS/NAME.log; on failure its tail, and the demo stops.
run() {
  local name=$1 folder=$2; shift 2
  echo "\$ (cd $folder && mvn $*)"
  if ! (cd "$folder" && "${MVN[@]}" "$@") >"$LOGS/$name.log" 2>&1; then
    tail -40 "$LOGS/$name.log"; echo "demo: step '$name' failed (full log: $LOGS/$name.log)"; exit 1
  fi
}
show() { grep -E "$2" "$LOGS/$1.log" | sed -E 's/^\[INFO\] //' || true; }
expect() { grep -qE "$2" "$LOGS/$1.log" || { echo "demo: expected /$2/ in step '$1' (full log: $LOGS/$1.log)"; exit 1; }; }
expect_count() { local n; n=$(grep -cE "$3" "$LOGS/$1.log" || true)
  [ "$n" = "$2" ] || { echo "demo: expected $2 lines /$3/ in step '$1', found $n (full log: $LOGS/$1.log)"; exit 1; }; }
IMAGES=$(grep -c '<module>' platform-images/pom.xml)
ACCEPT_MANIFESTS='application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.list.v2+json,application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json'

if [ "${1:-}" != "--no-install" ]; then
  step "Installing the plugin"
  mvn -B -ntp -q install -DskipTests
fi

step "0. The plan, as the CI's plan job makes it: every image decided at once (no engine), the due ones in waves"
run plan platform-images platform-image:plan
show plan 'image\(s\): |^\[INFO\] (Wave|  [a-z0-9.-]+ \(|Pending|Tracks)|Plan written'
expect plan 'Plan written to .*plan.json'

step "1. mvn deploy over platform-images/: publishes what is due"
run deploy platform-images deploy
show deploy 'Building .*SNAPSHOT|FIRST_VERSION|BASE_CHANGED|DEFINITION_CHANGED|FORCED|PROMOTION_INCOMPLETE|UP_TO_DATE|Self-test passed|Integration test .* passed|skipTestApps|Published|  version tag:|BUILD'
expect_count deploy "$IMAGES" '(FIRST_VERSION|BASE_CHANGED|DEFINITION_CHANGED|FORCED|UP_TO_DATE): '

step "2. mvn deploy again: nothing changed, so every image is up to date and nothing is built"
run again platform-images deploy
show again 'UP_TO_DATE|BUILD|Total time'
expect_count again "$IMAGES" 'UP_TO_DATE: '
if grep -q 'Published ' "$LOGS/again.log"; then echo "demo: the second run published something"; exit 1; fi
run plan-again platform-images platform-image:plan
show plan-again 'image\(s\): |Tracks|  [a-z0-9.-]+: '
expect plan-again "$IMAGES image\\(s\\): 0 due in 0 wave\\(s\\)"

step "3. The goals one at a time on node-20, forced, announced to a local Teams stand-in"
port=$((20000 + RANDOM % 20000))
python3 scripts/webhook-receiver.py "$port" "$LOGS/teams" & receiver=$!
trap 'kill $receiver 2>/dev/null || true' EXIT
export TEAMS_WEBHOOK_URL="http://127.0.0.1:$port/workflows/demo"   # activates the teams profile of platform-images/pom.xml
run check-update platform-images/node-20 platform-image:check-update -Dplatform.force=true
show check-update 'Upstream base|FORCED'
run docker-build platform-images/node-20 platform-image:docker-build
show docker-build 'Pinning base|Building 127|Successfully built|Built '
run integration-test platform-images/node-20 platform-image:integration-test
show integration-test 'Draft .* is sha256|Self-test passed|Test app node|Integration test|gates passed'
run push platform-images/node-20 platform-image:push platform-image:notify
show push 'Promoting|Deleted draft|Published|  (version tag|digest|floating tags):|Registry requests|Notified'
expect push 'Notified teams \(host 127.0.0.1\): HTTP 202'
unset TEAMS_WEBHOOK_URL
python3 - "$LOGS/teams" <<'PY'
import json, pathlib, sys
card = json.loads(sorted(pathlib.Path(sys.argv[1]).glob("*.json"))[-1].read_text())["attachments"][0]["content"]
print(f"Teams card (Adaptive Card {card['version']}): {card['body'][0]['text']}")
PY

step "3b. A real base change: node:20's stand-in gains Debian packages, and node-20's release says which"
HUB="$REGISTRY/mirror/docker-hub"
NODE_BASE="library/node"
old_base=$(curl -fsSI -H "Accept: $ACCEPT_MANIFESTS" "http://$REGISTRY/v2/mirror/docker-hub/$NODE_BASE/manifests/20-bookworm-slim" \
  | tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}')
old_type=$(curl -fsSI -H "Accept: $ACCEPT_MANIFESTS" "http://$REGISTRY/v2/mirror/docker-hub/$NODE_BASE/manifests/$old_base" \
  | tr -d '\r' | awk -F': ' 'tolower($1)=="content-type"{print $2}')
# Put the stand-in back as it was when the demo ends, byte for byte, so that later runs start from the same base.
restore_base() { curl -fsS -H "Accept: $ACCEPT_MANIFESTS" "http://$REGISTRY/v2/mirror/docker-hub/$NODE_BASE/manifests/$old_base" \
  | curl -fsS -X PUT -H "Content-Type: $old_type" --data-binary @- "http://$REGISTRY/v2/mirror/docker-hub/$NODE_BASE/manifests/20-bookworm-slim" >/dev/null; }
trap 'kill $receiver 2>/dev/null || true; restore_base || true' EXIT
printf 'FROM %s\nRUN apt-get update -qq && apt-get install -y -qq --no-install-recommends jq >/dev/null && rm -rf /var/lib/apt/lists/*\n' \
  "$HUB/$NODE_BASE@$old_base" | docker build -q --network host -t "$HUB/$NODE_BASE:20-bookworm-slim" - >/dev/null
docker push -q "$HUB/$NODE_BASE:20-bookworm-slim" >/dev/null
run base-change platform-images/node-20 deploy -Dplatform.packages.checkUpdates=false
show base-change 'BASE_CHANGED|Kept the package inventory|Since '
expect base-change 'Since 20-bookworm-slim-[0-9.]+, packages: .*[1-9][0-9]* added'
# (the stand-in is put back when the demo ends: until then node-20 is up to date with the base it was built from)
python3 - platform-images/node-20/target/platform-image/state.json <<'PY'
import json, sys
packages = json.load(open(sys.argv[1]))["packages"]
print("Release notes, packages (the state; the webhook document and the Teams card carry the same):")
for platforms, c in packages["changes"].items():
    for kind in ("upgraded", "downgraded", "removed", "added"):
        for x in c[kind]:
            print(f"  {platforms}: {kind} {x['name']} {x['before'] or ''}{' -> ' if x['before'] and x['after'] else ''}{x['after'] or ''}")
PY

step "4. mvn platform-image:status over the fleet"
run status platform-images platform-image:status
show status '^\[INFO\] (IMAGE|[0-9]+\.[0-9.:]+/)'
expect_count status "$IMAGES" '  UP_TO_DATE$'

step "5. Rollback of node-20 to 1.0.0, and the scheduled run after it"
run rollback platform-images/node-20 platform-image:rollback -Dplatform.rollbackTo=1.0.0
show rollback '  (latest|20-bookworm-slim): |Marked|Rolled back'
run after-rollback platform-images/node-20 deploy
show after-rollback 'rolled back|UP_TO_DATE'
expect after-rollback 'UP_TO_DATE: '

step "6. mvn platform-image:prune -Dplatform.dryRun=true on node-20, keeping 1 version"
run prune platform-images/node-20 platform-image:prune -Dplatform.dryRun=true -Dplatform.prune.keepVersions=1
show prune 'Would delete|Keeping|Dry run'

step "7. Published in $REGISTRY"
ACCEPT='application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.list.v2+json,application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json'
# The catalog comes in pages (1000 repositories each): a registry the tests also use holds many more.
catalog() { local last="" page; while :; do
    page=$(curl -fsS "http://$REGISTRY/v2/_catalog?n=1000${last:+&last=$last}" | grep -o '"[^"]*"' | tr -d '"' | grep -v '^repositories$' || true)
    [ -n "$page" ] || break; echo "$page"; last=$(echo "$page" | tail -1); [ "$(echo "$page" | wc -l)" -ge 1000 ] || break
  done; }
for repo in $(catalog | grep '^platform/'); do
  tags=$(curl -fsS "http://$REGISTRY/v2/$repo/tags/list" | grep -o '"tags":\[[^]]*\]' | grep -o '"[^"]*"' | tr -d '"' | grep -v '^tags$' | sort -V || true)
  lists=$(echo "$tags" | grep -cE '^sha256-[0-9a-f]{64}$' || true)
  tags=$(echo "$tags" | grep -vE '^sha256-[0-9a-f]{64}$' || true)
  if [[ "$repo" == *-drafts ]]; then
    [ -z "$tags" ] || echo "$repo still holds drafts: $tags"
    continue
  fi
  echo "$repo ($lists referrers lists: the inventories kept with its versions)"
  for tag in $tags; do
    digest=$(curl -fsSI -H "Accept: $ACCEPT" "http://$REGISTRY/v2/$repo/manifests/$tag" | tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}')
    printf '  %-36s %s\n' "$tag" "$digest"
  done
done
echo
echo "demo: every step did what README.md and the manual show (full logs: $LOGS)"
