# One image for every service; docker-compose.yml picks the service with `command`.
# (test/compose.test.ts checks this file and docker-compose.yml by reading them.)

# Build stage: every dependency, then `npm run build` (the dashboard into dist/web/).
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime stage: production dependencies only (tsx runs the TypeScript), the source and the
# built pages; no esbuild bundling, React or GraphiQL at run time. Files stay root's: the
# service user can read its code, not change it.
FROM node:20-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY . .
COPY --from=build /app/dist/web ./dist/web
# The one folder the service may write: the embedded database's, when DATABASE_URL is unset.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
# `npm start`'s gateway; docker-compose.yml gives each service a check on its own port.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.GATEWAY_PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
