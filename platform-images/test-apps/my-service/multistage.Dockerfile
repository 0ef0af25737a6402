# The seeds' shape of test app: a build stage FROM a tools image and a runtime stage FROM the platform image.
# The image POM names the runtime stage's FROM in <replaceFrom>: the plugin builds a copy of this file with that
# one line pointing at the image under test. This file is never edited, and the build stage keeps its image.
ARG TOOLS_IMAGE
ARG RUNTIME_IMAGE
FROM ${TOOLS_IMAGE} AS build
COPY serve.sh /src/serve.sh
RUN mkdir -p /out && cp /src/serve.sh /out/serve.sh && chmod 755 /out/serve.sh
FROM ${RUNTIME_IMAGE} AS runtime
COPY --from=build /out/serve.sh /app/serve.sh
EXPOSE 8080
CMD ["nc", "-ll", "-p", "8080", "-e", "/app/serve.sh"]
