import { AGENT_VERSION } from '../metadata';
import { toolArgsSchemas, toolRequestSchema, type ToolName, type ToolResponse } from '../protocol';
import { ToolFailure } from './errors';
import { FileTools } from './files';
import { MetricsSampler } from './metrics';
import { ProcessLister } from './processes';
import { listOsUsers } from './users';

export interface ToolRunnerOptions {
  /** Folders the file tools refuse wherever a path or link leads: the agent's state dir at least. */
  protectedPaths?: string[];
  /** Requests served at once; more are refused as AgentBusy rather than queued without bound. */
  maxConcurrent?: number;
}

const isToolName = (tool: string): tool is ToolName => Object.hasOwn(toolArgsSchemas, tool);

/** Answers the server's `tool:request`s: validates, runs one read-only tool, reports failures by name. */
export class ToolRunner {
  private readonly metrics = new MetricsSampler();
  private readonly processes = new ProcessLister();
  private readonly files: FileTools;
  private readonly maxConcurrent: number;
  private running = 0;

  constructor(options: ToolRunnerOptions = {}) {
    this.files = new FileTools(options.protectedPaths);
    this.maxConcurrent = options.maxConcurrent ?? 4;
  }

  async handle(payload: unknown): Promise<ToolResponse> {
    const request = toolRequestSchema.safeParse(payload);
    const requestId = request.success ? request.data.requestId : String((payload as { requestId?: unknown } | null)?.requestId ?? '');
    const refuse = (code: ToolFailure['code'], message: string): ToolResponse => ({ ok: false, requestId, error: { code, message } });
    if (!request.success) return refuse('ValidationException', `bad tool request: ${request.error.issues[0]?.message}`);
    const { tool } = request.data;
    // An older agent meets a newer server's tool: say so instead of timing out.
    if (!isToolName(tool)) return refuse('UnknownTool', `this agent (version ${AGENT_VERSION}) has no tool '${tool.slice(0, 64)}'; update the agent`);
    const args = toolArgsSchemas[tool].safeParse(request.data.args);
    if (!args.success) {
      return refuse('ValidationException', args.error.issues.map((issue) => `${issue.path.join('.') || 'args'}: ${issue.message}`).join('; '));
    }
    if (this.running >= this.maxConcurrent) return refuse('AgentBusy', `the agent is already serving ${this.running} requests; try again in a moment`);
    this.running += 1;
    try {
      return { ok: true, requestId, result: await this.run(tool, args.data) };
    } catch (error) {
      if (error instanceof ToolFailure) return refuse(error.code, error.message);
      return refuse('ToolFailed', `${tool} failed on the node: ${(error as Error).message}`);
    } finally {
      this.running -= 1;
    }
  }

  private run(tool: ToolName, args: unknown): Promise<unknown> {
    switch (tool) {
      case 'metrics.sample':
        return this.metrics.sample();
      case 'processes.list':
        return this.processes.list();
      case 'files.list':
        return this.files.list(args as never);
      case 'files.read':
        return this.files.read(args as never);
      case 'users.list':
        return listOsUsers();
    }
  }
}
