import type { ToolErrorCode } from '../protocol';

/** A refusal or failure the agent reports by name; anything else becomes ToolFailed. */
export class ToolFailure extends Error {
  constructor(
    readonly code: ToolErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** Words for the errno values a read-only file tool meets, naming the path. */
export function fileSystemFailure(error: unknown, nodePath: string): ToolFailure {
  if (error instanceof ToolFailure) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const uid = process.getuid?.();
  switch (code) {
    case 'ENOENT':
      return new ToolFailure('FileNotFound', `${nodePath} does not exist on the node`);
    case 'ENOTDIR':
      return new ToolFailure('NotADirectory', `${nodePath} is not a directory`);
    case 'EISDIR':
      return new ToolFailure('IsADirectory', `${nodePath} is a directory; open it in the file browser instead`);
    case 'EACCES':
    case 'EPERM':
      return new ToolFailure('NodePermissionDenied', `the agent (uid ${uid ?? '?'}) may not read ${nodePath} on the node`);
    case 'ELOOP':
      return new ToolFailure('FileNotFound', `${nodePath} is a loop of symbolic links`);
    default:
      return new ToolFailure('ToolFailed', `could not read ${nodePath}: ${(error as Error).message}`);
  }
}
