#!/usr/bin/env bash
# Every test: unit tests, then the Invoker ITs against the real engines and local registry (scripts/env.sh installs
# and starts Docker 20.10 and the registries, scripts/engine26.sh Docker 26 with the containerd image store), the two
# engines' ITs at once, then a check that help:describe documents every goal and parameter, and the site (the manual).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/env.sh
engine26=$(bash scripts/engine26.sh | tail -1)
MVN=(mvn -B -ntp -Dstyle.color=never)
REGISTRY="127.0.0.1:${PLATFORM_LOCAL_REGISTRY_PORT:-5000}"
maven4="${PLATFORM_ENV_DIR:-/var/tmp/platform-image-env}/apache-maven-4.0.0-rc-5"
if [ ! -x "$maven4/bin/mvn" ]; then
  curl -fsSL https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/4.0.0-rc-5/apache-maven-4.0.0-rc-5-bin.tar.gz \
    | tar xz -C "$(dirname "$maven4")"
fi

# The plugin installed (the ITs invoke it from the local repository); its unit tests run beside the ITs, below.
"${MVN[@]}" install -pl platform-image-maven-plugin -am -DskipTests

# The plugin's unit tests, then the manual's checks: help:describe documents every goal and parameter (the names read
# from the generated plugin.xml), and mvn site builds the usage pages and a page per goal from the parameter Javadoc.
unit_tests_and_manual() {
  "${MVN[@]}" -pl platform-image-maven-plugin test
  echo "== mvn help:describe documents every goal and parameter (the names read from the generated plugin.xml)"
  help=$(mktemp)
  plugin_xml=platform-image-maven-plugin/target/classes/META-INF/maven/plugin.xml
  "${MVN[@]}" -q help:describe -Dplugin=dev.platformimages:platform-image-maven-plugin -Ddetail -Doutput="$help"
  goals=$(grep -o '<goal>[^<]*</goal>' "$plugin_xml" | sed 's#<goal>\(.*\)</goal>#platform-image:\1#' | sort -u)
  # A flat parameter's property is its expression; a group's (<ecr>, <scan>...) are named in its description: "(platform.ecr.kmsKey".
  properties=$( { grep -o '>\${platform\.[^}]*}<' "$plugin_xml" | sed 's#>\${\(.*\)}<#\1#'
                 grep -o '(platform\.[a-zA-Z]*\.[a-zA-Z]*' "$plugin_xml" | cut -c2-; } | sort -u)
  [ "$(echo "$goals" | wc -l)" -ge 14 ] && [ "$(echo "$properties" | wc -l)" -ge 62 ] \
    || { echo "plugin.xml lists $(echo "$goals" | wc -l) goals and $(echo "$properties" | wc -l) properties: too few"; return 1; }
  missing=0
  for expected in $goals $properties; do
    grep -q -- "$expected" "$help" || { echo "help:describe does not mention $expected"; missing=1; }
  done
  undocumented=$(grep -cE '^\s+\(no description\)' "$help" || true)
  if [ "$undocumented" != "0" ]; then echo "help:describe shows $undocumented undocumented parameters"; missing=1; fi
  rm -f "$help"
  [ "$missing" = 0 ] || return 1
  echo "help:describe: every goal and parameter documented ($(echo "$goals" | wc -l) goals, $(echo "$properties" | wc -l) properties)"

  echo "== the manual: mvn site (the usage pages and a page per goal from the parameter Javadoc)"
  "${MVN[@]}" -q -pl platform-image-maven-plugin site -DskipTests
  for page in index usage flows gates registries engines multi-arch notifications packages signing fleet bad-input-and-faults ci plugin-info \
              check-update-mojo docker-build-mojo integration-test-mojo push-mojo notify-mojo status-mojo rollback-mojo prune-mojo \
              lifecycle-policy-mojo changes-mojo verify-mojo plan-mojo assemble-mojo; do
    [ -s "platform-image-maven-plugin/target/site/$page.html" ] || { echo "mvn site made no $page.html"; return 1; }
  done
  echo "site: platform-image-maven-plugin/target/site/index.html"
}

# The ITs run on two engines at once, each in a build directory of its own: Docker 20.10 here, and Docker 26 with the
# containerd image store (scripts/engine26.sh) in the background. Neither lane keeps the 2 cores busy alone (about
# 57% here); at once they take about 1.3 times as long each, instead of twice. Docker 26 runs the lifecycle flows
# again (they run on both engines; of FailedGateIT the failed self-test and the failed probe), the whole sample
# fleet, and EcrIT, NotificationIT, CascadeIT and MirrorIT; Docker 20.10 everything else and one image of the fleet
# from its own folder. The lanes are split for equal length (about 15 minutes each alone). The unit tests and the
# manual's checks run beside them.
FLOWS='FirstVersionIT,UpToDateIT,BaseChangedIT,DefinitionChangedIT,ForcedIT,FailedGateIT#aFailingSelfTestStopsTheRelease+aFailingHttpProbeStopsTheReleaseAndPrintsTheAppLog,MultiArchReleaseIT#bothPlatformsAreBuiltTestedOnTheirOwnArchitectureAndPublishedAsOneIndex'
FLEET='SampleFleetIT#theFleetDeploysThroughTheStandInsAndTheNextRunPublishesNothing'
ONLY26='EcrIT,NotificationIT,CascadeIT,MirrorIT'
mkdir -p it/target-docker26
lane26_log="$PWD/it/target-docker26/its.log"
echo "== the ITs on Docker 26 with the containerd image store, in the background (log: $lane26_log)"
env "$engine26" "${MVN[@]}" -pl it verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.buildDirectory="$PWD/it/target-docker26" -Dit.test="$FLOWS,$FLEET,$ONLY26" \
  -Dit.registry="$REGISTRY" -Dit.maven4Home="$maven4" >"$lane26_log" 2>&1 &
lane26=$!
manual_log="$PWD/platform-image-maven-plugin/target/unit-tests-and-manual.log"
echo "== the unit tests and the manual's checks, in the background (log: $manual_log)"
unit_tests_and_manual >"$manual_log" 2>&1 &
manual=$!
echo "== the ITs on Docker 20.10"
lane20=0
"${MVN[@]}" -pl it verify -Dit.test="!$FLEET,!${ONLY26//,/,!}" -Dit.fleetImage=node-20 \
  -Dit.registry="$REGISTRY" -Dit.maven4Home="$maven4" || lane20=$?
lane26_status=0
wait "$lane26" || lane26_status=$?
echo "== the ITs on Docker 26 (from $lane26_log)"
cat "$lane26_log"
manual_status=0
wait "$manual" || manual_status=$?
echo "== the unit tests and the manual's checks (from $manual_log)"
cat "$manual_log"
[ "$lane20" = 0 ] && [ "$lane26_status" = 0 ] && [ "$manual_status" = 0 ] || {
  echo "failed: ITs on Docker 20.10 exit $lane20, ITs on Docker 26 exit $lane26_status, unit tests and manual exit $manual_status"
  exit 1
}

