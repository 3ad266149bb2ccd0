import { TEST_ADMIN_PASSWORD } from './server';

/** A signed-in console API client: what the browser does, without the browser. */
export class ConsoleClient {
  private constructor(
    readonly baseUrl: string,
    readonly cookie: string,
  ) {}

  static async signIn(baseUrl: string, username = 'admin', password = TEST_ADMIN_PASSWORD): Promise<ConsoleClient> {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
    return new ConsoleClient(baseUrl, cookie);
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async createActivation(input: Record<string, unknown> = {}) {
    const { status, body } = await this.request<{ activationId: string; activationCode: string }>('POST', '/api/activations', {
      description: 'test',
      registrationLimit: 10,
      ...input,
    });
    if (status !== 200) throw new Error(`createActivation: ${status} ${JSON.stringify(body)}`);
    return body;
  }

  async nodes() {
    const { body } = await this.request<{ nodes: { nodeId: string; name: string; pingStatus: string; tags: Record<string, string> }[] }>(
      'GET',
      '/api/nodes?pageSize=500',
    );
    return body.nodes;
  }

  async pingStatusOf(nodeId: string): Promise<string | undefined> {
    return (await this.nodes()).find((node) => node.nodeId === nodeId)?.pingStatus;
  }
}
