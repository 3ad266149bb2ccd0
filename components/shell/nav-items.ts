import type { Permission } from './queries';

export interface NavItem {
  label: string;
  href: string;
  /** False until the capability ships; the page then says so instead of showing fake data. */
  isBuilt: boolean;
  summary: string;
  /** Shown only to users with at least one of these console permissions (from /api/me). */
  requiresAny?: Permission[];
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

export const NAV_GROUPS: NavGroup[] = [
  {
    label: 'Overview',
    items: [{ label: 'Dashboard', href: '/', isBuilt: true, summary: 'The state of the fleet at a glance.' }],
  },
  {
    label: 'Node management',
    items: [
      { label: 'Fleet Manager', href: '/fleet', isBuilt: true, summary: 'Every managed node, live.', requiresAny: ['viewFleet'] },
      // Beside Fleet Manager: groups are sets of its nodes, and the targets of Run Command and
      // State Manager below. Shown to those who may see the fleet the groups are made of.
      { label: 'Resource Groups', href: '/resource-groups', isBuilt: true, summary: 'Named sets of nodes, by tag query or by id, to target together.', requiresAny: ['viewResourceGroups'] },
      { label: 'Session Manager', href: '/sessions', isBuilt: true, summary: 'Browser shells on nodes, recorded and auditable, with no inbound ports.', requiresAny: ['viewSessions', 'startSessions'] },
      { label: 'Run Command', href: '/run-command', isBuilt: true, summary: 'Run a document on many nodes at once, with rate and error controls.', requiresAny: ['viewCommands', 'sendCommands'] },
      { label: 'State Manager', href: '/state-manager', isBuilt: true, summary: 'Keep nodes in a defined state on a schedule.', requiresAny: ['viewAssociations', 'createAssociations'] },
      { label: 'Patch Manager', href: '/patch-manager', isBuilt: true, summary: 'Scan and install OS patches against baselines.', requiresAny: ['viewPatches', 'viewPatchBaselines'] },
      { label: 'Inventory', href: '/inventory', isBuilt: true, summary: 'Packages, services and files on every node.', requiresAny: ['viewInventory'] },
      { label: 'Compliance', href: '/compliance', isBuilt: true, summary: 'Patch and association compliance across the fleet.', requiresAny: ['viewCompliance'] },
      { label: 'Distributor', href: '/distributor', isBuilt: false, summary: 'Package and install software on nodes.' },
      { label: 'Hybrid Activations', href: '/activations', isBuilt: true, summary: 'Codes that let new nodes register.', requiresAny: ['viewActivations'] },
    ],
  },
  {
    label: 'Operations',
    items: [
      { label: 'Automation', href: '/automation', isBuilt: true, summary: 'Runbooks: multi-step, approvable, resumable.', requiresAny: ['viewAutomation', 'startAutomation'] },
      { label: 'Maintenance Windows', href: '/maintenance-windows', isBuilt: true, summary: 'Scheduled windows for disruptive work.', requiresAny: ['viewMaintenanceWindows'] },
      { label: 'OpsCenter', href: '/opscenter', isBuilt: false, summary: 'Operational work items, with related resources and runbooks.' },
      { label: 'Incidents', href: '/incidents', isBuilt: false, summary: 'Incident response plans, engagement and timelines.' },
    ],
  },
  {
    label: 'Change management',
    items: [{ label: 'Change Calendar', href: '/change-calendar', isBuilt: true, summary: 'When changes may and may not happen.', requiresAny: ['viewChangeCalendars'] }],
  },
  {
    label: 'Shared resources',
    items: [
      { label: 'Documents', href: '/documents', isBuilt: true, summary: 'Versioned command and automation documents.', requiresAny: ['viewDocuments'] },
      { label: 'Parameter Store', href: '/parameters', isBuilt: true, summary: 'Configuration and secrets, encrypted at rest.', requiresAny: ['viewParameters'] },
      // Beside Parameter Store: its SecureString values are encrypted with these keys.
      { label: 'Keys', href: '/keys', isBuilt: true, summary: 'Encryption keys for secrets, with rotation, aliases and scheduled deletion.', requiresAny: ['viewKeys'] },
    ],
  },
  {
    label: 'Security',
    items: [
      {
        label: 'Settings',
        href: '/settings',
        isBuilt: true,
        summary: 'Users, groups, access keys and the policies that say who may do what.',
        requiresAny: ['manageUsers', 'managePolicies'],
      },
      { label: 'Audit trail', href: '/audit', isBuilt: true, summary: 'Who did what, when, from where, and how it ended.', requiresAny: ['viewAudit'] },
    ],
  },
];

export const NAV_ITEMS = NAV_GROUPS.flatMap((group) => group.items);

export function findNavItem(href: string): NavItem | undefined {
  return NAV_ITEMS.find((item) => item.href === href);
}
