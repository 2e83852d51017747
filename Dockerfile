# syntax=docker/dockerfile:1

# ---- build: compile TypeScript (needs the dev dependencies) ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
# The whole context (see .dockerignore), so whatever src/ imports at build time is there.
COPY . .
RUN npm run build

# ---- runtime: production dependencies and the compiled output only ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY cypher ./cypher
COPY data ./data
COPY schema ./schema
# The explorer's page and stylesheet (its modules are compiled into dist/web/explorer).
COPY web ./web
# Files stay owned by root (read-only to the app); the process runs unprivileged.
USER node
EXPOSE 4000
CMD ["node", "dist/src/main.js"]
