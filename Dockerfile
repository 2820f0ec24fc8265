# syntax=docker/dockerfile:1
# Pathwise: build the TypeScript, keep only production dependencies, run as a non-root user.
# SQLite data lives in the /app/data volume; set DATABASE_URL=postgres://... to use PostgreSQL instead.

FROM node:22-slim AS build
WORKDIR /app
# better-sqlite3 is a native addon: compilers in case no prebuilt binary matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The web app (web/, built into dist/web) and the script that types its client from the server's OpenAPI document.
COPY scripts ./scripts
COPY web ./web
RUN npm run build && npm prune --omit=dev

FROM node:22-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/app/data/pathwise.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY content ./content
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME /app/data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# node runs as PID 1 and handles SIGTERM itself (graceful shutdown: in-flight requests and chat streams finish).
CMD ["node", "--enable-source-maps", "dist/main.js"]
