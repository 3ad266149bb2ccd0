import { errorOf } from './queries';

/**
 * The remote path of a file dropped into a folder, or why it cannot be one. The server checks
 * again (and the agent confines it); this catches typing mistakes before bytes are sent.
 */
export function remotePathFor(folder: string, fileName: string): { path: string } | { error: string } {
  const directory = folder.trim();
  if (!directory.startsWith('/')) return { error: `the remote folder must be an absolute path (starting with /), not '${directory}'` };
  if (directory.includes('\0') || fileName.includes('\0')) return { error: 'a path may not contain a NUL character' };
  if (!fileName || fileName === '.' || fileName === '..' || fileName.includes('/')) return { error: `'${fileName}' is not a file name` };
  return { path: `${directory.replace(/\/+$/, '')}/${fileName}` };
}

/** A remote file path to download: absolute, and naming a file rather than a folder. */
export function checkDownloadPath(path: string): string | undefined {
  const trimmed = path.trim();
  if (!trimmed.startsWith('/')) return `the remote path must be absolute (starting with /), not '${trimmed}'`;
  if (trimmed.endsWith('/')) return `'${trimmed}' is a folder; name a file in it`;
  if (trimmed.includes('\0')) return 'a path may not contain a NUL character';
  return undefined;
}

export const baseName = (path: string) => path.split('/').filter(Boolean).at(-1) ?? 'download';

export interface Progress {
  loaded: number;
  /** Unknown when the server sends no length. */
  total?: number;
}

/**
 * Sends one file to the node. XMLHttpRequest rather than fetch: only it reports upload progress.
 * Failures come back in the server's words.
 */
export function uploadFile(url: string, file: File, onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve();
      let message = `the upload failed (${request.status})`;
      try {
        message = (JSON.parse(request.responseText) as { message?: string }).message ?? message;
      } catch {
        // Not JSON (a proxy's page): the status says enough.
      }
      reject(new Error(message));
    };
    request.onerror = () => reject(new Error('the connection to the server was lost during the upload'));
    request.onabort = () => reject(new Error('the upload was cancelled'));
    signal?.addEventListener('abort', () => request.abort());
    request.send(file);
  });
}

/** Reads a file from the node as it streams, reporting progress, and hands it to the browser to save. */
export async function downloadFile(url: string, fileName: string, onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<void> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw await errorOf(response);
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let loaded = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress({ loaded, total });
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob(chunks));
  link.download = fileName;
  link.click();
  // Revoked later: the browser may still be starting the save when click() returns.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
