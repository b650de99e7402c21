# loadero-sync in a container:
#   docker build -t loadero-sync .
#   docker run --rm -e LOADERO_ACCESS_TOKEN -e LOADERO_PROJECT_ID -v "$PWD:/work" loadero-sync plan -f loadero.yaml
# The build stage makes the same Debian package as the release (scripts/package.sh); the runtime
# stage installs only that package, so it holds loadero-sync and the libraries it declares.

FROM debian:12 AS build
WORKDIR /src
COPY . .
# Installs the build dependencies, configures a Release build in build-package/, builds and runs
# cpack -G DEB: leaves build-package/loadero-sync_<version>_<arch>.deb.
RUN BUILD_DIR=build-package scripts/package.sh

FROM debian:12-slim
ARG VERSION=""
ARG REVISION=""
LABEL org.opencontainers.image.title="loadero-sync" \
      org.opencontainers.image.description="Declarative sync of Loadero test groups: validate, plan, apply, drift, export" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/debian:12-slim"
COPY --from=build /src/build-package/loadero-sync_*.deb /tmp/
# apt resolves the package's declared dependencies (the runtime libraries only).
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/loadero-sync_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/loadero-sync_*.deb \
 && useradd --system --uid 10001 --user-group --create-home --home-dir /home/loadero loadero \
 && loadero-sync --version
# Mount the manifests here (-v "$PWD:/work"); paths such as -f loadero.yaml are relative to it.
WORKDIR /work
USER loadero
ENTRYPOINT ["loadero-sync"]
CMD ["--help"]
