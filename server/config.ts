import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
  REDIS_URL: z.string().url('REDIS_URL must be a redis:// URL').optional(),
  OPSDECK_DATA_DIR: z.string().min(1).default('./.opsdeck'),
  OPSDECK_ADMIN_PASSWORD: z.string().min(8, 'OPSDECK_ADMIN_PASSWORD must have at least 8 characters').optional(),
  OPSDECK_BOOTSTRAP_ACCESS_KEY_ID: z.string().optional(),
  OPSDECK_BOOTSTRAP_SECRET_ACCESS_KEY: z.string().optional(),
  OPSDECK_MASTER_KEY: z.string().optional(),
  OPSDECK_LOCAL_AGENT: z.enum(['0', '1']).default('1'),
  // The inventory association a fresh install creates; test servers leave it out unless a test asks.
  OPSDECK_DEFAULT_INVENTORY: z.enum(['0', '1']).default('1'),
  OPSDECK_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'OPSDECK_REGION must look like us-east-1').default('us-east-1'),
  // How long a node may stay silent before it is ConnectionLost. Tests shorten it.
  OPSDECK_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
});

export type ServerConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: path.resolve(e.OPSDECK_DATA_DIR),
    adminPassword: e.OPSDECK_ADMIN_PASSWORD,
    bootstrapAccessKey:
      e.OPSDECK_BOOTSTRAP_ACCESS_KEY_ID && e.OPSDECK_BOOTSTRAP_SECRET_ACCESS_KEY
        ? { id: e.OPSDECK_BOOTSTRAP_ACCESS_KEY_ID, secret: e.OPSDECK_BOOTSTRAP_SECRET_ACCESS_KEY }
        : undefined,
    masterKey: e.OPSDECK_MASTER_KEY,
    isLocalAgentEnabled: e.OPSDECK_LOCAL_AGENT === '1',
    isDefaultInventoryEnabled: e.OPSDECK_DEFAULT_INVENTORY === '1',
    region: e.OPSDECK_REGION,
    heartbeatSeconds: e.OPSDECK_HEARTBEAT_SECONDS,
  };
}
