# Multi-stage image: dependencies, a standalone Next.js build, and a runtime with production dependencies only.
# The runtime runs `npm start`, which migrates the database in DATABASE_URL, bootstraps it and serves the
# traced standalone server (BREAKWATER_STANDALONE=1).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
ENV BREAKWATER_STANDALONE=1 NEXT_TELEMETRY_DISABLED=1
RUN npx next build \
 && cp -r .next/static .next/standalone/.next/static \
 && cp -r public .next/standalone/public \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 BREAKWATER_STANDALONE=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build /app/package.json /app/prisma.config.ts /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/src ./src
COPY --from=build /app/.next/standalone ./.next/standalone
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npm", "start"]
