import { NextResponse } from 'next/server';
import { isOpsdeckError } from '@/server/errors';

/**
 * InvalidDocumentContent carries each issue with its line and column (`issues`), which the shared
 * errorResponse leaves out; the editor needs them to mark the lines a save was refused for.
 */
export async function withIssues<T>(work: () => Promise<T>): Promise<T | NextResponse> {
  try {
    return await work();
  } catch (error) {
    const issues = (error as { issues?: unknown }).issues;
    if (isOpsdeckError(error) && Array.isArray(issues)) {
      return NextResponse.json({ __type: error.code, message: error.message, issues }, { status: error.httpStatus });
    }
    throw error;
  }
}
