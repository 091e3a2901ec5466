# Keel as one image: `docker compose up` runs it next to Postgres (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY patches ./patches
COPY scripts/postinstall.js ./scripts/postinstall.js
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY lib/db/connection.ts ./lib/db/connection.ts
RUN npm ci
COPY . .
# The build imports the server modules, which read DATABASE_URL when loaded; it connects to nothing, so any
# well-formed address will do here. The real one comes from the environment at run time.
RUN DATABASE_URL=postgresql://build@127.0.0.1:5432/build npx next build && npm prune --omit=dev

FROM node:20-bookworm-slim
# Owned by the user that runs Keel, so start can create its .keel folder next to the app.
RUN install -d -o node -g node /app
WORKDIR /app
# KEEL_SEED_DEMO=0: the demo's accounts share a public password; an image never puts them into a real database unless
# KEEL_SEED_DEMO=1 is passed at run time. HOST: the port mapping needs every interface inside the container.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 KEEL_SKIP_BUILD=1 PORT=3000 HOST=0.0.0.0 KEEL_SEED_DEMO=0
COPY --from=build --chown=node:node /app ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Applies pending migrations (prisma migrate deploy), then serves; DATABASE_URL must point at Postgres.
CMD ["node", "node_modules/tsx/dist/cli.mjs", "scripts/start.ts"]
