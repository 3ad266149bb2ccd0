/**
 * The association form's state, and its conversions: from an association (Edit) and to
 * CreateAssociation's input. Pure, with its own tests.
 */
import { newTagRow } from '@/components/resource-groups/tag-query-builder';
import { toCommandParameters, type ParameterDefinition } from '@/components/run-command/parameter-fields';
import { targetsOf, type Target, type TargetChoice } from '@/components/run-command/target-choice';
import type { AssociationSettingsInput } from '@/server/associations/schemas';
import { isAllNodes } from './association-text';

export type ScheduleMode = 'none' | 'rate' | 'cron';
/** Chosen nodes / tags / a group, every managed node, or targets set through the API that the pickers cannot show (kept as they are). */
export type TargetScope = 'chosen' | 'all' | 'kept';
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNSPECIFIED'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AssociationFormState {
  name: string;
  documentType: 'Command' | 'Automation';
  documentName: string;
  documentVersion: string;
  /** Parameter values the user typed (or the association had), as the parameters form holds them. */
  edited: Record<string, string>;
  automationTargetParameterName: string;
  scope: TargetScope;
  target: TargetChoice;
  keptTargets: Target[];
  scheduleMode: ScheduleMode;
  /** Each mode keeps its own text while the user switches between them. */
  expressions: Record<Exclude<ScheduleMode, 'none'>, string>;
  scheduleOffset: string;
  applyOnlyAtCronInterval: boolean;
  maxConcurrency: string;
  maxErrors: string;
  complianceSeverity: Severity;
  calendarNames: string;
}

export const SAMPLE_EXPRESSIONS = { rate: 'rate(30 minutes)', cron: 'cron(0 2 ? * SUN *)' };

export function emptyFormState(documentName = 'AWS-RunShellScript'): AssociationFormState {
  return {
    name: '',
    documentType: 'Command',
    documentName,
    documentVersion: '$DEFAULT',
    edited: {},
    automationTargetParameterName: '',
    scope: 'chosen',
    target: { mode: 'nodes', nodeIds: [], tagRows: [newTagRow()], group: '' },
    keptTargets: [],
    scheduleMode: 'none',
    expressions: { ...SAMPLE_EXPRESSIONS },
    scheduleOffset: '',
    applyOnlyAtCronInterval: false,
    maxConcurrency: '100%',
    maxErrors: '100%',
    complianceSeverity: 'UNSPECIFIED',
    calendarNames: '',
  };
}

/** The pickers' view of stored targets, or null when they cannot show them (tag-key, resource types, several kinds at once). */
export function targetChoiceOf(targets: Target[]): TargetChoice | null {
  const empty = emptyFormState().target;
  if (targets.length === 1 && targets[0]!.Key === 'InstanceIds') return { ...empty, mode: 'nodes', nodeIds: targets[0]!.Values };
  if (targets.length === 1 && targets[0]!.Key === 'resource-groups:Name') return { ...empty, mode: 'group', group: targets[0]!.Values[0] ?? '' };
  if (targets.length > 0 && targets.every((target) => target.Key.startsWith('tag:'))) {
    return { ...empty, mode: 'tags', tagRows: targets.map((target) => newTagRow(target.Key.slice(4), target.Values.join(', '))) };
  }
  return null;
}

interface StoredAssociation {
  AssociationName?: string;
  Name: string;
  DocumentVersion: string;
  Parameters: Record<string, string[]>;
  Targets: Target[];
  ScheduleExpression?: string;
  ScheduleOffset?: number;
  ApplyOnlyAtCronInterval: boolean;
  MaxConcurrency: string;
  MaxErrors: string;
  ComplianceSeverity: string;
  AutomationTargetParameterName?: string;
  CalendarNames: string[];
}

/** The form prefilled from an association, for Edit. */
export function formStateOf(association: StoredAssociation, documentType: 'Command' | 'Automation'): AssociationFormState {
  const base = emptyFormState(association.Name);
  const choice = targetChoiceOf(association.Targets);
  const expression = association.ScheduleExpression ?? '';
  const scheduleMode: ScheduleMode = expression.startsWith('rate(') ? 'rate' : expression ? 'cron' : 'none';
  return {
    ...base,
    name: association.AssociationName ?? '',
    documentType,
    documentVersion: association.DocumentVersion,
    edited: Object.fromEntries(Object.entries(association.Parameters).map(([name, values]) => [name, values.join('\n')])),
    automationTargetParameterName: association.AutomationTargetParameterName ?? '',
    scope: isAllNodes(association.Targets) ? 'all' : choice ? 'chosen' : 'kept',
    target: choice ?? base.target,
    keptTargets: association.Targets,
    scheduleMode,
    expressions: scheduleMode === 'none' ? base.expressions : { ...base.expressions, [scheduleMode]: expression },
    scheduleOffset: association.ScheduleOffset ? String(association.ScheduleOffset) : '',
    applyOnlyAtCronInterval: association.ApplyOnlyAtCronInterval,
    maxConcurrency: association.MaxConcurrency,
    maxErrors: association.MaxErrors,
    complianceSeverity: (SEVERITIES as readonly string[]).includes(association.ComplianceSeverity) ? (association.ComplianceSeverity as Severity) : 'UNSPECIFIED',
    calendarNames: association.CalendarNames.join('\n'),
  };
}

/** The expression the schedule field holds now ('' with no schedule). */
export const expressionOf = (state: Pick<AssociationFormState, 'scheduleMode' | 'expressions'>) => (state.scheduleMode === 'none' ? '' : state.expressions[state.scheduleMode].trim());

/** Change calendar names or ARNs: one per line or separated by commas. */
export const calendarNamesOf = (text: string) => text.split(/[\n,]/).map((name) => name.trim()).filter(Boolean);

/**
 * CreateAssociation's input, or what is still missing, in words. `definitions` are the parameters
 * the form shows and `values` their text (checked by the parameters form itself).
 */
export function toAssociationInput(state: AssociationFormState, definitions: ParameterDefinition[], values: Record<string, string>): { input: AssociationSettingsInput } | { error: string } {
  let targets: Target[];
  if (state.scope === 'all') targets = [{ Key: 'InstanceIds', Values: ['*'] }];
  else if (state.scope === 'kept') targets = state.keptTargets;
  else {
    const built = targetsOf(state.target);
    if ('error' in built) return { error: built.error };
    targets = built.targets;
  }
  const name = state.name.trim();
  if (name && !/^[a-zA-Z0-9_\-.]{3,128}$/.test(name)) return { error: 'The association name is 3 to 128 letters, digits and _ - . (no spaces).' };
  const expression = expressionOf(state);
  if (state.scheduleMode !== 'none' && !expression) return { error: `Give a ${state.scheduleMode} expression, such as ${SAMPLE_EXPRESSIONS[state.scheduleMode]}, or choose no schedule.` };
  const isCron = state.scheduleMode === 'cron';
  const offset = state.scheduleOffset.trim();
  if (isCron && offset && !/^[1-6]$/.test(offset)) return { error: 'The schedule offset is a whole number of days from 1 to 6.' };
  const isAutomationTarget = state.documentType === 'Automation' && state.automationTargetParameterName !== '';
  const calendarNames = calendarNamesOf(state.calendarNames);
  if (calendarNames.length > 10) return { error: 'An association names at most 10 change calendars.' };
  return {
    input: {
      ...(name ? { name } : {}),
      documentName: state.documentName,
      documentVersion: state.documentVersion,
      parameters: toCommandParameters(definitions, values),
      targets,
      ...(expression ? { scheduleExpression: expression } : {}),
      ...(isCron && offset ? { scheduleOffset: Number(offset) } : {}),
      applyOnlyAtCronInterval: isCron && state.applyOnlyAtCronInterval,
      maxConcurrency: state.maxConcurrency,
      maxErrors: state.maxErrors,
      complianceSeverity: state.complianceSeverity,
      ...(isAutomationTarget ? { automationTargetParameterName: state.automationTargetParameterName } : {}),
      calendarNames,
    },
  };
}
