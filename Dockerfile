# One image for every process of the graph (every subgraph, the gateway, migrations, imports); docker-compose.yml picks
# the command. Node 24 comes from the base image, so the `node` npm package is not needed here.
FROM node:24-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/local-authorities/package.json subgraphs/local-authorities/
COPY subgraphs/teaching-school-hubs/package.json subgraphs/teaching-school-hubs/
COPY subgraphs/scitts/package.json subgraphs/scitts/
COPY subgraphs/curriculum-hubs/package.json subgraphs/curriculum-hubs/
COPY gateway/package.json gateway/
COPY scripts/package.json scripts/
COPY web/package.json web/
RUN npm ci --omit=dev --ignore-scripts
COPY . .
# The explorer and dashboard pages (web/dist/), which the gateway serves; built here as `npm install` builds them.
RUN node web/build.ts
ENV NODE_ENV=production HOST=0.0.0.0
USER node
