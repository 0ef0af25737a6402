package dev.platformimages.agent;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.platformimages.release.ReleaseState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * A release's decision as the first agent pins it in the registry: the check-update part of its state (reason, version,
 * definition hash, the upstream digests of every platform, the platforms), and nothing of the agent that made it, so
 * that two agents deciding alike write the same bytes. Every other agent builds exactly this.
 */
public final class ReleaseDecision {

    /** The artifact type of the decision record. */
    public static final String ARTIFACT_TYPE = "application/vnd.dev.platformimages.release-decision.v1+json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .build();

    private ReleaseDecision() {
    }

    /** The record of {@code state}, as check-update decided it (before any later goal). */
    public static byte[] toJson(ReleaseState state) {
        ReleaseState pinned = fromJson(write(state));
        // What belongs to the agent that decided, not to the release.
        pinned.startedAt = null;
        pinned.checkRequests = new LinkedHashMap<>();
        pinned.checkRequestsAhead = 0;
        pinned.agentPlatform = null;
        pinned.releaseId = null;
        return write(pinned);
    }

    public static ReleaseState fromJson(byte[] json) {
        try {
            return JSON.readValue(json, ReleaseState.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a release decision: " + e.getMessage(), e);
        }
    }

    private static byte[] write(ReleaseState state) {
        try {
            return JSON.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How {@code here} (this agent's own check) differs from {@code pinned} in what it builds from: the definition and
     * the platforms. Upstream digests may differ (an upstream moved since the first agent checked): the pinned ones
     * are built, which is the point of pinning.
     */
    public static List<String> conflicts(ReleaseState pinned, ReleaseState here) {
        List<String> conflicts = new ArrayList<>();
        if (!Objects.equals(pinned.definitionHash, here.definitionHash)) {
            conflicts.add("the image definition here (Dockerfile, context, build args) hashes to " + here.definitionHash
                    + ", the release's to " + pinned.definitionHash + ": every agent must build the same commit");
        }
        if (!Objects.equals(pinned.platforms, here.platforms)) {
            conflicts.add("platform.platforms here is " + here.platforms + ", the release's " + pinned.platforms
                    + ": give every agent the same list");
        }
        if (!Objects.equals(pinned.registry + "/" + pinned.repository, here.registry + "/" + here.repository)
                || !Objects.equals(pinned.tag, here.tag)) {
            conflicts.add("this agent releases " + here.registry + "/" + here.repository + " tag " + here.tag
                    + ", the release is " + pinned.registry + "/" + pinned.repository + " tag " + pinned.tag);
        }
        return conflicts;
    }
}
