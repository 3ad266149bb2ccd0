import { parsePolicies } from '@/server/parameters/rules';

export type PolicyUnit = 'Days' | 'Hours';

/** The policies editor's state: each policy switched on or off, with its inputs as typed. */
export interface PoliciesDraft {
  expiration: { isOn: boolean; at: string };
  expirationNotification: { isOn: boolean; before: string; unit: PolicyUnit };
  noChangeNotification: { isOn: boolean; after: string; unit: PolicyUnit };
}

export const EMPTY_POLICIES_DRAFT: PoliciesDraft = {
  expiration: { isOn: false, at: '' },
  expirationNotification: { isOn: false, before: '15', unit: 'Days' },
  noChangeNotification: { isOn: false, after: '30', unit: 'Days' },
};

export interface StoredPolicy {
  PolicyText: string;
  PolicyType: string;
}

const pad = (number: number) => String(number).padStart(2, '0');

/** A Date as a datetime-local input shows it: local time, to the minute. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export const hasPolicies = (draft: PoliciesDraft) => draft.expiration.isOn || draft.expirationNotification.isOn || draft.noChangeNotification.isOn;

const isWholeNumber = (text: string) => /^[1-9]\d{0,5}$/.test(text.trim());

/** What is wrong with the draft, in words, checked against `now` for the expiry. */
export function policiesProblems(draft: PoliciesDraft, now = new Date()): string[] {
  const problems: string[] = [];
  if (draft.expiration.isOn) {
    const at = new Date(draft.expiration.at);
    if (!draft.expiration.at || Number.isNaN(at.getTime())) problems.push('Expiration: choose the date and time the parameter is deleted.');
    else if (at <= now) problems.push('Expiration: the date and time must be in the future.');
  }
  if (draft.expirationNotification.isOn) {
    if (!draft.expiration.isOn) problems.push('Expiration notification: it counts back from an expiration, so switch on Expiration too.');
    if (!isWholeNumber(draft.expirationNotification.before)) problems.push('Expiration notification: "before" is a whole number of at least 1.');
  }
  if (draft.noChangeNotification.isOn && !isWholeNumber(draft.noChangeNotification.after)) {
    problems.push('No-change notification: "after" is a whole number of at least 1.');
  }
  return problems;
}

/**
 * The draft as PutParameter's `Policies`: a JSON array in a string, as AWS takes it ("[]" when
 * every policy is off, which removes the ones a parameter had). Only call with a draft that has
 * no policiesProblems.
 */
export function policiesJson(draft: PoliciesDraft): string {
  const policies: object[] = [];
  if (draft.expiration.isOn) {
    policies.push({ Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: new Date(draft.expiration.at).toISOString() } });
  }
  if (draft.expirationNotification.isOn) {
    policies.push({ Type: 'ExpirationNotification', Version: '1.0', Attributes: { Before: draft.expirationNotification.before.trim(), Unit: draft.expirationNotification.unit } });
  }
  if (draft.noChangeNotification.isOn) {
    policies.push({ Type: 'NoChangeNotification', Version: '1.0', Attributes: { After: draft.noChangeNotification.after.trim(), Unit: draft.noChangeNotification.unit } });
  }
  const json = JSON.stringify(policies);
  // The server's parser, run here too: what the form sends is what the server accepts.
  parsePolicies(json);
  return json;
}

/** A parameter's stored policies back into the editor's draft (for Edit). */
export function draftOfPolicies(policies: StoredPolicy[]): PoliciesDraft {
  const draft = structuredClone(EMPTY_POLICIES_DRAFT);
  for (const policy of policies) {
    const attributes = (JSON.parse(policy.PolicyText) as { Attributes: Record<string, string> }).Attributes;
    if (policy.PolicyType === 'Expiration') draft.expiration = { isOn: true, at: toLocalInput(new Date(attributes.Timestamp!)) };
    if (policy.PolicyType === 'ExpirationNotification') draft.expirationNotification = { isOn: true, before: attributes.Before!, unit: attributes.Unit as PolicyUnit };
    if (policy.PolicyType === 'NoChangeNotification') draft.noChangeNotification = { isOn: true, after: attributes.After!, unit: attributes.Unit as PolicyUnit };
  }
  return draft;
}

const plural = (count: string, unit: PolicyUnit) => `${count} ${count === '1' ? unit.slice(0, -1).toLowerCase() : unit.toLowerCase()}`;

/** A stored policy in words: "Deletes the parameter on 31 Dec 2026, 23:00". */
export function describePolicy(policy: StoredPolicy, formatDate: (iso: string) => string): string {
  const attributes = (JSON.parse(policy.PolicyText) as { Attributes: Record<string, string> }).Attributes;
  switch (policy.PolicyType) {
    case 'Expiration':
      return `Deletes the parameter on ${formatDate(attributes.Timestamp!)}`;
    case 'ExpirationNotification':
      return `Raises an event ${plural(attributes.Before!, attributes.Unit as PolicyUnit)} before the parameter expires`;
    case 'NoChangeNotification':
      return `Raises an event if the parameter has not changed for ${plural(attributes.After!, attributes.Unit as PolicyUnit)}`;
    default:
      return policy.PolicyText;
  }
}
