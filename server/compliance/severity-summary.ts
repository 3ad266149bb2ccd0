/**
 * Compliance severities and AWS's SeveritySummary. Free of imports on purpose: the schema, the
 * server and the console's browser code all read it.
 */
export const COMPLIANCE_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'] as const;
export type ComplianceSeverity = (typeof COMPLIANCE_SEVERITIES)[number];

/** AWS's SeveritySummary: how many of something at each severity. */
export interface SeveritySummary {
  CriticalCount: number;
  HighCount: number;
  MediumCount: number;
  LowCount: number;
  InformationalCount: number;
  UnspecifiedCount: number;
}

export const SUMMARY_KEY: Record<ComplianceSeverity, keyof SeveritySummary> = {
  CRITICAL: 'CriticalCount',
  HIGH: 'HighCount',
  MEDIUM: 'MediumCount',
  LOW: 'LowCount',
  INFORMATIONAL: 'InformationalCount',
  UNSPECIFIED: 'UnspecifiedCount',
};
