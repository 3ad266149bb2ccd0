/**
 * Query keys of the identity screens in one place: users, groups and policies refer to each other
 * (memberships, attachments), so a change to one invalidates the others' lists.
 */
export const iamKeys = {
  all: ['iam'] as const,
  users: () => [...iamKeys.all, 'users'] as const,
  userList: () => [...iamKeys.users(), 'list'] as const,
  accessKeys: (username: string) => [...iamKeys.users(), username, 'access-keys'] as const,
  sessions: (username: string) => [...iamKeys.users(), username, 'sessions'] as const,
  groups: () => [...iamKeys.all, 'groups'] as const,
  groupList: () => [...iamKeys.groups(), 'list'] as const,
  policies: () => [...iamKeys.all, 'policies'] as const,
  policyList: () => [...iamKeys.policies(), 'list'] as const,
};

/** Path segment for a user, group or policy name (IAM names may hold + = , . @). */
export const segment = (name: string) => encodeURIComponent(name);
