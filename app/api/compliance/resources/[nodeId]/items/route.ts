import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { listComplianceItems, nodeNames } from '@/server/compliance/service';
import { complianceViewQuery, pageQuery } from '../../../query';

const nodeIdSchema = z.string().min(1).max(100, 'a node id has at most 100 characters');

/** One node's compliance items (the drill-down), by type and Id: ?type=Association&status=NON_COMPLIANT&page=1. */
export const GET = withSession<{ nodeId: string }>(async (req, caller, params) => {
  const nodeId = nodeIdSchema.parse(params.nodeId);
  const query = complianceViewQuery.pick({ type: true, status: true }).merge(pageQuery).parse(Object.fromEntries(req.nextUrl.searchParams));
  const filters = [
    ...(query.type ? [{ key: 'ComplianceType', values: [query.type] }] : []),
    ...(query.status ? [{ key: 'Status', values: [query.status] }] : []),
  ];
  const { items, hasMore } = await listComplianceItems(caller, { resourceIds: [nodeId], filters, maxResults: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const node = (await nodeNames([nodeId])).get(nodeId);
  return { nodeId, nodeName: node?.name, isRegistered: node?.isRegistered ?? false, items, hasMore, page: query.page, pageSize: query.pageSize };
});
