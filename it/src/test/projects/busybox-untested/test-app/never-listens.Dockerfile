# A test app that starts but never listens: the gate must time out, print this log and remove the container.
ARG PLATFORM_IMAGE
FROM ${PLATFORM_IMAGE}
EXPOSE 8080
CMD ["/bin/sh", "-c", "echo 'starting, but never listening'; exec sleep 600"]
