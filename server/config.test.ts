import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to loopback:3000, the embedded database and the local agent', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3000, databaseUrl: undefined, isLocalAgentEnabled: true, region: 'us-east-1' });
    expect(config.dataDir).toMatch(/\.opsdeck$/);
  });

  it('names every bad variable and why', () => {
    expect(() => loadConfig({ PORT: 'eighty', OPSDECK_REGION: 'moon', OPSDECK_LOCAL_AGENT: 'no' })).toThrowError(
      /PORT: .*\n.*OPSDECK_LOCAL_AGENT: .*\n.*OPSDECK_REGION: OPSDECK_REGION must look like us-east-1/,
    );
  });

  it('takes the bootstrap access key only as a complete pair', () => {
    expect(loadConfig({ OPSDECK_BOOTSTRAP_ACCESS_KEY_ID: 'AKIA' }).bootstrapAccessKey).toBeUndefined();
    expect(loadConfig({ OPSDECK_BOOTSTRAP_ACCESS_KEY_ID: 'AKIA', OPSDECK_BOOTSTRAP_SECRET_ACCESS_KEY: 's' }).bootstrapAccessKey).toEqual({ id: 'AKIA', secret: 's' });
  });
});
