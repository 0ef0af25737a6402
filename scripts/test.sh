#!/usr/bin/env bash
# Every test: unit tests, then the Invoker ITs against the real Docker engine and local registry
# (scripts/env.sh installs and starts them), then a check that the plugin's manual documents every goal, then the
# demo (scripts/demo.sh), which runs the commands README.md shows and checks what each one did.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/env.sh
MVN=(mvn -B -ntp -Dstyle.color=never)

# install, not verify: the ITs invoke the plugin from the local repository.
"${MVN[@]}" install -Dit.registry="127.0.0.1:${PLATFORM_LOCAL_REGISTRY_PORT:-5000}"

echo "== the lifecycle flows again on Docker 26 with the containerd image store (scripts/engine26.sh)"
engine26=$(bash scripts/engine26.sh | tail -1)
env "$engine26" "${MVN[@]}" -pl it verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='FirstVersionIT,UpToDateIT,BaseChangedIT,DefinitionChangedIT,ForcedIT,FailedGateIT,MultiArchReleaseIT#bothPlatformsAreBuiltTestedOnTheirOwnArchitectureAndPublishedAsOneIndex,SampleFleetIT#oneImageOfTheFleetIsReleasedFromItsOwnFolder' \
  -Dit.fleetImage=node-20 \
  -Dit.registry="127.0.0.1:${PLATFORM_LOCAL_REGISTRY_PORT:-5000}"

echo "== mvn help:describe documents every goal and parameter"
help=$(mktemp)
"${MVN[@]}" -q help:describe -Dplugin=dev.platformimages:platform-image-maven-plugin -Ddetail -Doutput="$help"
missing=0
for expected in platform-image:check-update platform-image:docker-build platform-image:integration-test platform-image:push platform-image:notify platform-image:status platform-image:rollback platform-image:prune platform-image:lifecycle-policy \
                platform.registry platform.repository platform.tag platform.extraTags platform.force platform.bump \
                platform.skip platform.dockerfile platform.contextDirectory buildArgs selfTest integrationTest \
                notifications platform.notifyOn platform.failOnNotificationError selfTests integrationTests \
                platform.failureLogLines platform.failOnBuildWarnings platform.noCache platform.draftRepository platform.baseChange platform.mirrors platform.mcrCatalog platform.insecureRegistries platform.rollbackTo platform.prune.keepVersions platform.prune.draftDays platform.dryRun \
                platform.aws.profile platform.aws.roleArn platform.aws.region platform.aws.maxAttempts platform.ecr.endpoint platform.ecr.registryEndpoint \
                platform.ecr.scanOnPush platform.ecr.tagMutability platform.ecr.encryption platform.ecr.kmsKey platform.ecr.repositoryTags \
                platform.ecr.manageRepository platform.scan.failOn platform.scan.maxFindings platform.scan.timeoutSeconds \
                platform.lifecycle.keepVersions platform.lifecycle.draftDays platform.lifecycle.untaggedDays platform.lifecycle.apply platform.platforms platform.registryTimeoutSeconds platform.skipTestApps platform.checkThreads platform.allowUntested platform.prune.deleteForeignTags platform.caCertificates; do
  grep -q -- "$expected" "$help" || { echo "help:describe does not mention $expected"; missing=1; }
done
undocumented=$(grep -cE '^\s+\(no description\)' "$help" || true)
if [ "$undocumented" != "0" ]; then echo "help:describe shows $undocumented undocumented parameters"; missing=1; fi
rm -f "$help"
[ "$missing" = 0 ] || exit 1
echo "help:describe: every goal and parameter documented"

echo "== the demo"
bash scripts/demo.sh --no-install
