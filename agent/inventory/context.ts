import type { ToolRunner } from '../patching/tool';

/** What every collector may use: the node's id, tools bound to the step, and a place for notes. */
export interface CollectorContext {
  nodeId: string;
  run: ToolRunner;
  signal: AbortSignal;
  capturedAt: Date;
  /** Throws ToolStopped when the step is cancelled or out of time: long walks call it as they go. */
  checkStop(): void;
  /** A note for the step's stderr that does not fail the collector (a skipped file, a limit reached). */
  warn(message: string): void;
}
