package dev.platformimages.dockerfile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerfileParserTest {

    private final DockerfileParser parser = new DockerfileParser();

    private Dockerfile parse(String text) {
        return parser.parse(text, Map.of());
    }

    @Test
    void singleFrom() {
        Dockerfile d = parse("FROM mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim\nRUN true\n");
        assertEquals(List.of("mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim"), d.upstreamImages());
        assertEquals("mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim", d.finalUpstreamImage().orElseThrow());
    }

    @Test
    void argDefaultsAreSubstitutedAndBuildArgsOverrideThem() {
        String text = "ARG REGISTRY=mcr.microsoft.com\nARG VERSION=8.0\nFROM ${REGISTRY}/dotnet/runtime:$VERSION-bookworm-slim\n";
        assertEquals(List.of("mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim"), parse(text).upstreamImages());
        assertEquals(List.of("mirror.local/dotnet/runtime:9.0-bookworm-slim"),
                parser.parse(text, Map.of("REGISTRY", "mirror.local", "VERSION", "9.0")).upstreamImages());
    }

    @Test
    void argReferringToAnEarlierArg() {
        String text = "ARG V=8.0\nARG TAG=${V}-bookworm-slim\nFROM runtime:${TAG}\n";
        assertEquals(List.of("runtime:8.0-bookworm-slim"), parse(text).upstreamImages());
    }

    @Test
    void defaultAndAlternativeOperators() {
        assertEquals(List.of("node:20"), parse("ARG V\nFROM node:${V:-20}\n").upstreamImages());
        assertEquals(List.of("node:22-slim"), parser.parse("ARG V\nARG S\nFROM node:${V:-20}${S:+-slim}\n",
                Map.of("V", "22", "S", "y")).upstreamImages());
    }

    @Test
    void multiStageIgnoresEarlierStagesAndFollowsThemToTheFinalBase() {
        String text = String.join("\n",
                "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build",
                "RUN dotnet publish",
                "FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS Runtime",
                "FROM build AS test",
                "FROM runtime AS final",
                "COPY --from=build /app /app");
        Dockerfile d = parse(text);
        assertEquals(List.of("mcr.microsoft.com/dotnet/sdk:8.0", "mcr.microsoft.com/dotnet/aspnet:8.0"), d.upstreamImages());
        assertEquals("mcr.microsoft.com/dotnet/aspnet:8.0", d.finalUpstreamImage().orElseThrow());
        assertTrue(d.stages().get(2).fromEarlierStage());
        assertTrue(d.stages().get(3).fromEarlierStage(), "stage names are case-insensitive");
    }

    @Test
    void aLaterStageNameDoesNotMakeAnEarlierFromInternal() {
        Dockerfile d = parse("FROM build\nFROM alpine AS build\n");
        assertEquals(List.of("build", "alpine"), d.upstreamImages());
    }

    @Test
    void scratchIsNoUpstream() {
        Dockerfile d = parse("FROM scratch\nCOPY x /\n");
        assertTrue(d.upstreamImages().isEmpty());
        assertTrue(d.finalUpstreamImage().isEmpty());
    }

    @Test
    void platformFlagIsRead() {
        Dockerfile d = parse("ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM node:20 AS app\n");
        assertEquals("linux/arm64", d.stages().get(0).platform().orElseThrow());
        assertEquals("node:20", d.stages().get(0).from());
        assertEquals("app", d.stages().get(0).name().orElseThrow());
    }

    @Test
    void continuationsCommentsAndLowercaseKeywords() {
        String text = "# syntax comment\n\nfrom \\\n   node:20 \\\n   as base\n# FROM not-this:1\nrun echo\n";
        Dockerfile d = parse(text);
        assertEquals(List.of("node:20"), d.upstreamImages());
        assertEquals(3, d.stages().get(0).line());
    }

    @Test
    void escapeDirective() {
        Dockerfile d = parse("# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022\n");
        assertEquals(List.of("mcr.microsoft.com/windows/nanoserver:ltsc2022"), d.upstreamImages());
    }

    @Test
    void argAfterTheFirstFromDoesNotApplyToLaterFroms() {
        DockerfileException e = assertThrows(DockerfileException.class,
                () -> parse("FROM a:1\nARG LATER=b\nFROM ${LATER}:1\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("LATER"), e.getMessage());
    }

    @Test
    void argWithoutDefaultOrValueIsNamed() {
        DockerfileException e = assertThrows(DockerfileException.class, () -> parse("ARG BASE\nFROM ${BASE}\n"));
        assertTrue(e.getMessage().contains("ARG BASE has no default"), e.getMessage());
        assertTrue(e.getMessage().contains("<buildArgs>"), e.getMessage());
    }

    @Test
    void noFrom() {
        assertThrows(DockerfileException.class, () -> parse("RUN true\n"));
        assertThrows(DockerfileException.class, () -> parse(""));
    }

    @Test
    void malformedFrom() {
        DockerfileException e = assertThrows(DockerfileException.class, () -> parse("FROM a b c d\n"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void duplicatesAreListedOnce() {
        assertEquals(List.of("node:20"), parse("FROM node:20 AS a\nFROM node:20 AS b\n").upstreamImages());
        assertFalse(parse("FROM node:20 AS a\nFROM node:20 AS b\n").stages().get(1).fromEarlierStage());
    }

    @Test
    void copyFromAnImageIsAnUpstreamButFromAStageOrIndexIsNot() {
        String text = String.join("\n",
                "ARG TOOLS=ghcr.io/acme/tools:2",
                "FROM golang:1.22 AS build",
                "COPY --from=build /a /b",
                "COPY --from=0 /a /b",
                "FROM debian:bookworm-slim",
                "COPY --chown=1000 --from=${TOOLS} /usr/bin/tool /usr/bin/tool",
                "COPY --from=BUILD /app /app",
                "COPY --from=busybox:1.36 /bin/busybox /bin/busybox",
                "COPY --link --from=golang:1.22 /usr/local/go /go",
                "COPY plain /files");
        Dockerfile d = parse(text);
        assertEquals(List.of("golang:1.22", "debian:bookworm-slim", "ghcr.io/acme/tools:2", "busybox:1.36"), d.upstreamImages());
        List<UpstreamUse> uses = d.upstreamUses();
        assertEquals("COPY --from", uses.get(2).instruction());
        assertEquals(6, uses.get(2).line());
        assertEquals("FROM", uses.get(0).instruction());
        assertEquals("debian:bookworm-slim", d.finalUpstreamImage().orElseThrow(), "COPY --from does not change the final base");
    }
}
