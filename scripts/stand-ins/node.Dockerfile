# Stand-in for node:NN-bookworm-slim: Debian bookworm's own Node.js (18, whatever NN stands for) and the image's
# user node with uid 1000.
ARG BASE
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
CMD ["node"]
