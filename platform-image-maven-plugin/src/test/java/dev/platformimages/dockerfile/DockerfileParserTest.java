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
                "COPY --chown=1000 --from=ghcr.io/acme/tools:2 /usr/bin/tool /usr/bin/tool",
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

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstLine() {
        Dockerfile d = parse("\uFEFFARG BASE=node:20\nFROM ${BASE}\n");
        assertEquals(List.of("node:20"), d.upstreamImages());
        assertEquals(List.of("node:20"), parse("\uFEFF# escape=`\nFROM node:`\n20\n").upstreamImages());
    }

    @Test
    void nestedExpansionAsBuildKit() {
        assertEquals(List.of("mirror.local/runtime:8.0"),
                parse("ARG REGISTRY=mirror.local\nARG BASE\nFROM ${BASE:-${REGISTRY}/runtime:8.0}\n").upstreamImages());
        assertEquals(List.of("node:20"), parse("ARG BASE=node:20\nFROM ${BASE:-${UNDECLARED}/x}\n").upstreamImages(),
                "a default that is not used needs nothing declared");
        assertEquals(List.of("node:20-slim"), parse("ARG V=20\nARG SLIM=1\nFROM node:${V}${SLIM:+-slim}\n").upstreamImages());
        assertEquals(List.of("node:22"), parse("ARG IMAGE=\"node:22\"\nFROM $IMAGE\n").upstreamImages(), "quotes removed");
        assertEquals(List.of("dotnet/aspnet:8.0"),
                parse("ARG FULL=mcr.microsoft.com/dotnet/aspnet:8.0\nFROM ${FULL#mcr.microsoft.com/}\n").upstreamImages());
        DockerfileException e = assertThrows(DockerfileException.class,
                () -> parse("ARG BASE\nFROM ${BASE:-${REGISTRY}/runtime:8.0}\n"));
        assertTrue(e.getMessage().contains("$REGISTRY is not an ARG declared before the first FROM"), e.getMessage());
    }

    @Test
    void copyFromAStageDeclaredLaterIsNoImage() {
        Dockerfile d = parse(String.join("\n",
                "FROM debian:bookworm-slim",
                "COPY --from=assets /a /b",
                "COPY --from=2 /c /d",
                "FROM node:20 AS Assets",
                "FROM busybox:1.36"));
        assertEquals(List.of("debian:bookworm-slim", "node:20", "busybox:1.36"), d.upstreamImages());
    }

    @Test
    void copyFromIsNotExpandedAndItsIndexMustExist() {
        DockerfileException e = assertThrows(DockerfileException.class,
                () -> parse("ARG TOOLS=ghcr.io/acme/tools:2\nFROM debian\nCOPY --from=${TOOLS} /a /b\n"));
        assertTrue(e.getMessage().contains("line 3: variable expansion is not supported for --from"), e.getMessage());
        e = assertThrows(DockerfileException.class, () -> parse("FROM debian\nCOPY --from=3 /a /b\n"));
        assertTrue(e.getMessage().contains("invalid stage index 3"), e.getMessage());
    }

    @Test
    void continuationsJoinWithoutASpaceAndSkipBlankAndCommentLines() {
        assertEquals(List.of("node:20-bookworm-slim"), parse("FROM node:20-\\\n# a comment\n\nbookworm-slim\n").upstreamImages());
        assertEquals(List.of("node:20"), parse("RUN echo \\\\\nFROM node:20\n").upstreamImages(),
                "an escaped escape at the end of a line is no continuation");
    }

    @Test
    void heredocBodiesAreNotInstructions() {
        Dockerfile d = parse(String.join("\n",
                "FROM debian:bookworm-slim",
                "RUN <<EOF",
                "FROM evil:1",
                "EOF",
                "COPY <<-\"END\" /etc/x",
                "\tFROM evil:2",
                "\tEND",
                "FROM node:20"));
        assertEquals(List.of("debian:bookworm-slim", "node:20"), d.upstreamImages());
    }

    @Test
    void stageNamesAreValidatedAsBuildKitDoes() {
        assertTrue(assertThrows(DockerfileException.class, () -> parse("FROM node:20 AS 1st\n")).getMessage()
                .contains("invalid name for build stage: \"1st\""));
        assertTrue(assertThrows(DockerfileException.class, () -> parse("FROM node:20 AS a\nFROM node:22 AS A\n"))
                .getMessage().contains("duplicate stage name \"a\""));
        assertTrue(assertThrows(DockerfileException.class, () -> parse("FROM --network=host node:20\n")).getMessage()
                .contains("unknown flag --network"));
    }

    @Test
    void buildKitsAutomaticPlatformArgsAreNamedAsSuch() {
        DockerfileException e = assertThrows(DockerfileException.class,
                () -> parse("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM debian\n"));
        assertTrue(e.getMessage().contains("$BUILDPLATFORM is set automatically by BuildKit, but the classic builder that "
                + "the plugin drives does not set it: declare ARG BUILDPLATFORM=<value> before the first FROM, or give it "
                + "in <buildArgs>"), e.getMessage());
        assertEquals("linux/amd64", parser.parse("ARG BUILDPLATFORM\nFROM --platform=$BUILDPLATFORM golang:1.22\n",
                Map.of("BUILDPLATFORM", "linux/amd64")).stages().get(0).platform().orElseThrow());
    }

    @Test
    void whatOnlyBuildKitBuildsIsListedByLine() {
        Dockerfile d = parse(String.join("\n",
                "FROM debian:bookworm-slim",
                "RUN --mount=type=cache,target=/var/cache/apt apt-get update",
                "COPY --link --chown=1000 app /app",
                "COPY --chown=1000 plain /plain",
                "RUN <<EOF",
                "echo hi",
                "EOF",
                "RUN echo '<<not a heredoc' > /x"));
        assertEquals(List.of("line 2: RUN --mount", "line 3: COPY --link", "line 5: RUN <<heredoc"), d.buildKitOnly());
        assertEquals(List.of(), parse("FROM debian\nRUN apt-get update\nCOPY --chown=1000 --from=0 /a /b\n").buildKitOnly());
    }
}
