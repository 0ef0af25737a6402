#!/usr/bin/env bash
# The main job, as a scheduled CI run would do it: deploy every sample platform image to the local registry,
# then deploy again to show the no-op run, then print what is published.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/env.sh
REGISTRY="127.0.0.1:${PLATFORM_LOCAL_REGISTRY_PORT:-5000}"
MVN=(mvn -B -ntp -Dstyle.color=never)

echo "== Installing the plugin"
"${MVN[@]}" -q install -DskipTests

echo "== mvn deploy over platform-images/ (publishes what is due)"
"${MVN[@]}" -f platform-images/pom.xml deploy -Dplatform.registry="$REGISTRY" | grep -E 'platform-image-maven-plugin|FIRST_VERSION|BASE_CHANGED|DEFINITION_CHANGED|FORCED|PROMOTION_INCOMPLETE|UP_TO_DATE|Draft |passed|now reads|Published|  (version tag|digest|floating tags):|BUILD|ERROR'

echo "== mvn deploy again (nothing changed: every image is up to date)"
"${MVN[@]}" -f platform-images/pom.xml deploy -Dplatform.registry="$REGISTRY" | grep -E 'UP_TO_DATE|Skipping|Published|BUILD|ERROR'

echo "== Published in $REGISTRY"
ACCEPT='application/vnd.oci.image.index.v1+json,application/vnd.docker.distribution.manifest.list.v2+json,application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json'
for repo in $(curl -fsS "http://$REGISTRY/v2/_catalog?n=1000" | grep -o '"platform/[^"]*"' | tr -d '"'); do
  if [[ "$repo" == *-drafts ]]; then
    echo "$repo (drafts: promoted or failed ones are deleted, so this lists none)"
  else
    echo "$repo"
  fi
  for tag in $(curl -fsS "http://$REGISTRY/v2/$repo/tags/list" | grep -o '"tags":\[[^]]*\]' | grep -o '"[^"]*"' | tr -d '"' | grep -v '^tags$' | sort -V); do
    digest=$(curl -fsSI -H "Accept: $ACCEPT" "http://$REGISTRY/v2/$repo/manifests/$tag" | tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}')
    printf '  %-28s %s\n' "$tag" "$digest"
  done
done
