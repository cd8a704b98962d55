# syntax=docker/dockerfile:1
# One image for every role: the API (default command), `node dist/src/worker.js`
# and `node dist/src/migrate.js`. Tests and benchmarks are not part of it.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Type-checked build of src/ only (tsconfig.build.json), the web console into console/dist,
# then the runtime dependencies alone.
RUN npx tsc -p tsconfig.build.json \
  && npm run build:console --if-present \
  && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
RUN groupadd -r app && useradd -r -g app app && mkdir -p /app/data && chown app:app /app/data
COPY --from=build --chown=app:app /app/node_modules ./node_modules
COPY --from=build --chown=app:app /app/dist ./dist
# The agent and admin console (served at /).
COPY --from=build --chown=app:app /app/console/dist ./console/dist
# The web chat widget, committed prebuilt (served at /widget.js).
COPY --chown=app:app widget/dist ./widget/dist
COPY --chown=app:app package.json LICENSE ./
USER app
EXPOSE 4000
# /healthz on the API's port; the worker overrides this in docker-compose (WORKER_PORT).
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# node as PID 1 receives SIGTERM itself: graceful shutdown, bounded by SHUTDOWN_TIMEOUT_MS.
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
