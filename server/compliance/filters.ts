import { sql, type SQL } from 'drizzle-orm';
import { COMPLIANCE_SEVERITIES, COMPLIANCE_STATUSES, type ComplianceSeverity } from '@/db/schema';
import { validationError } from '@/server/errors';

/** ComplianceStringFilter's Type; AWS compares with EQUAL when it is left out. */
export const COMPLIANCE_OPERATORS = ['EQUAL', 'NOT_EQUAL', 'BEGIN_WITH', 'LESS_THAN', 'GREATER_THAN'] as const;
export type ComplianceOperator = (typeof COMPLIANCE_OPERATORS)[number];

export interface ComplianceFilter {
  key: string;
  values: string[];
  type?: ComplianceOperator;
}

/** Severities ordered as AWS ranks them: CRITICAL is the worst, UNSPECIFIED the least. */
export const SEVERITY_RANK: Record<ComplianceSeverity, number> = { CRITICAL: 5, HIGH: 4, MEDIUM: 3, LOW: 2, INFORMATIONAL: 1, UNSPECIFIED: 0 };

export function severityOfRank(rank: number): ComplianceSeverity {
  return COMPLIANCE_SEVERITIES.find((severity) => SEVERITY_RANK[severity] === rank) ?? 'UNSPECIFIED';
}

/** The rank of a severity column, in SQL, so "worse than" is a number comparison. */
export function severityRankSql(column: SQL): SQL {
  const cases = COMPLIANCE_SEVERITIES.map((severity) => sql`when ${severity} then ${SEVERITY_RANK[severity]}`);
  return sql`(case ${column} ${sql.join(cases, sql` `)} else 0 end)`;
}

/**
 * How a filter key compares: `text` by characters, `severity` by rank (LESS_THAN HIGH is MEDIUM
 * and below), `status` only for equality (COMPLIANT is neither less nor more than NON_COMPLIANT).
 */
export type FieldKind = 'text' | 'severity' | 'status';

export interface FilterField {
  kind: FieldKind;
  /** The column (text) or, for a severity, its rank. */
  column: SQL;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, '\\$&');

/** Says what is wrong with one filter's values for its kind, or nothing. */
export function filterProblem(filter: ComplianceFilter, kind: FieldKind): string | undefined {
  const type = filter.type ?? 'EQUAL';
  if (filter.values.length === 0) return `filter ${filter.key} needs at least one value`;
  if (kind === 'severity') {
    const unknown = filter.values.find((value) => !(COMPLIANCE_SEVERITIES as readonly string[]).includes(value));
    if (unknown !== undefined) return `filter ${filter.key}: '${unknown}' is not a severity (${COMPLIANCE_SEVERITIES.join(', ')})`;
    if (type === 'BEGIN_WITH') return `filter ${filter.key} compares with EQUAL, NOT_EQUAL, LESS_THAN or GREATER_THAN, not BEGIN_WITH`;
  }
  if (kind === 'status') {
    const unknown = filter.values.find((value) => !(COMPLIANCE_STATUSES as readonly string[]).includes(value));
    if (unknown !== undefined) return `filter ${filter.key}: '${unknown}' is not a status (${COMPLIANCE_STATUSES.join(', ')})`;
    if (type !== 'EQUAL' && type !== 'NOT_EQUAL') return `filter ${filter.key} compares with EQUAL or NOT_EQUAL, not ${type}`;
  }
  if ((type === 'LESS_THAN' || type === 'GREATER_THAN') && filter.values.length !== 1) return `filter ${filter.key} with ${type} takes exactly one value`;
  return undefined;
}

function conditionOf(filter: ComplianceFilter, field: FilterField): SQL {
  const type = filter.type ?? 'EQUAL';
  const values = field.kind === 'severity' ? filter.values.map((value) => SEVERITY_RANK[value as ComplianceSeverity]) : filter.values;
  const list = sql.join(values.map((value) => sql`${value}`), sql`, `);
  switch (type) {
    case 'EQUAL':
      return sql`${field.column} in (${list})`;
    case 'NOT_EQUAL':
      return sql`${field.column} not in (${list})`;
    case 'BEGIN_WITH':
      return sql`(${sql.join(filter.values.map((value) => sql`${field.column} like ${`${escapeLike(value)}%`}`), sql` or `)})`;
    // Text compares byte-wise ("C"), as AWS compares strings; severities by rank.
    case 'LESS_THAN':
      return field.kind === 'severity' ? sql`${field.column} < ${values[0]}` : sql`${field.column} < ${values[0]} collate "C"`;
    case 'GREATER_THAN':
      return field.kind === 'severity' ? sql`${field.column} > ${values[0]}` : sql`${field.column} > ${values[0]} collate "C"`;
  }
}

/**
 * Turns the request's filters into SQL conditions over `fields`; a key the operation does not
 * know, or a value that cannot match, is a ValidationException naming it.
 */
export function filterConditions(filters: ComplianceFilter[], fields: Record<string, FilterField>): SQL[] {
  return filters.map((filter) => {
    const field = fields[filter.key];
    if (!field) throw validationError(`the filter key ${filter.key} is not supported here; use one of ${Object.keys(fields).join(', ')}`);
    const problem = filterProblem(filter, field.kind);
    if (problem) throw validationError(problem);
    return conditionOf(filter, field);
  });
}
