# The test app with a HEALTHCHECK: the gate waits until the engine reports it healthy.
ARG PLATFORM_IMAGE
FROM ${PLATFORM_IMAGE}
COPY www /app/www
HEALTHCHECK --interval=1s --timeout=2s --retries=5 CMD wget -q -O /dev/null http://127.0.0.1:8080/cgi-bin/whoami || exit 1
CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/app/www"]
