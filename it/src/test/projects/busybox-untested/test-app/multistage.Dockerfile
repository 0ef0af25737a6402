# The seeds' shape: a build stage FROM a toolchain image, a runtime stage FROM the platform image. The test
# names the runtime stage's image in <replaceFrom>; only that FROM may be replaced. Had the build stage been
# replaced instead (the seeds' sed), the runtime would still be the example.invalid image and not build.
ARG BUILDER
FROM ${BUILDER} AS build
RUN mkdir -p /out/www/cgi-bin && echo built-in-the-build-stage > /out/www/artifact.txt
FROM example.invalid/platform/busybox:1.35-stable AS runtime
COPY --from=build /out/www /app/www
COPY www/cgi-bin /app/www/cgi-bin
CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/app/www"]
