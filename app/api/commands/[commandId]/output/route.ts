import { z } from 'zod';
import { downloadResponse, withSession } from '@/server/http/route';
import { nodeIdSchema } from '@/agent/protocol';
import { readFullOutput } from '@/server/runcommand/service';

const query = z.object({
  node: nodeIdSchema,
  plugin: z.coerce.number().int().min(0, 'plugin is a step number from 0').max(99).default(0),
  download: z.enum(['stdout', 'stderr']).optional(),
});

const DOWNLOAD_SLICE = 64 * 1024;

async function* slices(bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += DOWNLOAD_SLICE) yield bytes.subarray(start, start + DOWNLOAD_SLICE);
}

/**
 * Every byte of one node's step output. As JSON the streams travel base64-encoded, so the console
 * knows exactly how many bytes it holds and can place live chunks after them by offset; with
 * ?download=stdout|stderr the stream comes as a file, byte for byte as the node wrote it.
 */
export const GET = withSession<{ commandId: string }>(async (req, caller, { commandId }) => {
  const { node, plugin, download } = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const output = await readFullOutput(caller, { commandId, instanceId: node, plugin });
  if (download) {
    return downloadResponse(slices(output[download]), 'text/plain; charset=utf-8', `${node}-${output.stepName.replace(/[^\w.-]/g, '_')}-${download}`, 'txt');
  }
  return { stepName: output.stepName, stdout: output.stdout.toString('base64'), stderr: output.stderr.toString('base64') };
});
