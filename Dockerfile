# syntax=docker/dockerfile:1
# One image recipe for every backend service: `docker build --build-arg SERVICE=entity -t media-monitor/entity .`
# Stage 1 installs the whole npm workspace, compiles it and builds the dashboard; stage 2 keeps
# production dependencies, the compiled libraries and the one service (the gateway also gets the
# built dashboard it serves at /app/), on a slim Node runtime as the unprivileged `node` user.

ARG NODE_IMAGE=node:20.19-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# Manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/local-infra/package.json libs/local-infra/
COPY libs/extraction/package.json libs/extraction/
COPY libs/feeds/package.json libs/feeds/
COPY libs/messaging/package.json libs/messaging/
COPY libs/nlp/package.json libs/nlp/
COPY libs/persistence/package.json libs/persistence/
COPY libs/random/package.json libs/random/
COPY libs/service-kit/package.json libs/service-kit/
COPY libs/service-runtime/package.json libs/service-runtime/
COPY libs/testing/package.json libs/testing/
COPY apps/alert/package.json apps/alert/
COPY apps/cli/package.json apps/cli/
COPY apps/dashboard/package.json apps/dashboard/
COPY apps/entity/package.json apps/entity/
COPY apps/gateway/package.json apps/gateway/
COPY apps/ingest/package.json apps/ingest/
COPY apps/sentiment/package.json apps/sentiment/
COPY apps/trends/package.json apps/trends/
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json tsconfig.json ./
COPY libs/ libs/
COPY apps/ apps/
COPY scripts/build-dashboard.mjs scripts/
RUN npx tsc -b && node scripts/build-dashboard.mjs
ARG SERVICE
RUN test -n "${SERVICE}" && test -f "apps/${SERVICE}/dist/main.js" \
  || (echo "build with --build-arg SERVICE=<ingest|entity|sentiment|trends|alert|gateway>" >&2; exit 1)
RUN mkdir -p /out/dashboard && if [ "${SERVICE}" = gateway ]; then cp -r apps/dashboard/dist /out/dashboard/dist; fi
RUN npm prune --omit=dev --no-audit --no-fund --ignore-scripts \
  && rm -rf libs/*/src apps/*/src libs/*/tsconfig*.json apps/*/tsconfig*.json

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=build --chown=root:root /src/package.json ./
COPY --from=build --chown=root:root /src/node_modules ./node_modules
COPY --from=build --chown=root:root /src/libs ./libs
COPY --from=build --chown=root:root /src/apps/${SERVICE} ./apps/${SERVICE}
# The dashboard's static build (empty for services other than the gateway).
COPY --from=build --chown=root:root /out/dashboard ./apps/dashboard
COPY --chown=root:root deploy/docker/healthcheck.mjs ./healthcheck.mjs
# Code is owned by root and read-only for the process; the service writes nothing to disk.
USER node
STOPSIGNAL SIGTERM
# Readiness over HTTP with Node's own fetch: the slim image has no curl or wget.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD ["node", "/app/healthcheck.mjs"]
CMD ["sh", "-c", "exec node apps/${SERVICE}/dist/main.js"]
