// The permission catalogue and the built-in roles. Permission strings are the spec's
// (004 §2: lead:call:*, 002: lead:order:*) plus the platform's own (device, live, pii, admin).
// Pure: the API's route guard and the live hub's topic guard both read this one table.

export const PERMISSIONS = {
  // spec 004: phone acquisition
  'lead:call:create': 'Create outbound call tasks',
  'lead:call:view': 'View call tasks and call records',
  'lead:call:list': 'List call tasks',
  'lead:call:edit': 'Edit call tasks',
  'lead:call:control': 'Start and stop call tasks',
  'lead:call:cancel': 'Cancel call tasks',
  'lead:call:compliance': 'Manage the do-not-call list and calling hours',
  'lead:call:record:list': 'List call records',
  'lead:call:record:view': 'View one call record with its full analysis',
  'lead:call:record:download': 'Download call recordings',
  // spec 002: order acquisition
  'lead:order:auth': 'Authorise e-commerce platforms',
  'lead:order:sync': 'Run order synchronisation',
  'lead:order:view': 'View orders and order leads',
  // spec 000: scene acquisition (issue 5; the spec names no strings, these follow lead:call:*)
  'lead:scene:view': 'View acquisition scene configurations',
  'lead:scene:manage': 'Create, update and delete acquisition scene configurations',
  'lead:ingest': 'Submit leads (POST /leads/ingestions)',
  'lead:view': 'List and view leads with their processing log',
  'lead:assign': 'Assign and reassign leads',
  'lead:edit': 'Change a lead\'s status and notes (PUT /leads/{id})',
  // Spreadsheet import (issue 5 item 1): upload CSV/Excel, follow progress, read per-row errors
  'lead:import': 'Import leads from CSV/Excel files and read the import reports',
  // OneID (issue 5 item 4): identity explain/review queue, and the operator's merge/unmerge
  'lead:identity:view': 'View a lead\'s OneID identity, explanations and the identity review queue',
  'lead:identity:merge': 'Merge and unmerge lead identities; decide identity reviews',
  // Lead dead letters (issue 5 item 9): list them (payload masked without pii:view), replay, discard
  'lead:deadletter:view': 'List and view dead letters of the lead pipeline (payload masked unless pii:view)',
  'lead:deadletter:manage': 'Replay and discard dead letters of the lead pipeline',
  // platform
  'device:view': 'View devices and their live state',
  'device:manage': 'Register, rename, disable devices and issue their credentials',
  'live:view': 'Open the live supervision feed (dashboard WebSocket)',
  'pii:view': 'See phone numbers and e-mails unmasked',
  'admin:user:manage': 'Create users and assign roles',
  'admin:key:manage': 'Create, list and revoke API keys of the tenant',
  'admin:audit:view': 'Read the audit log',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

const CALL_READ: Permission[] = ['lead:call:view', 'lead:call:list', 'lead:call:record:list', 'lead:call:record:view'];

/** Built-in roles. A user has one role; an API key may narrow its user's permissions further. */
export const ROLES = {
  admin: { description: 'Everything in the tenant', permissions: ALL_PERMISSIONS },
  supervisor: {
    description: 'Runs call tasks and watches the floor live; sees numbers unmasked',
    permissions: [...CALL_READ, 'lead:call:create', 'lead:call:edit', 'lead:call:control', 'lead:call:cancel', 'lead:call:compliance',
      'lead:call:record:download', 'device:view', 'live:view', 'pii:view', 'lead:scene:view', 'lead:scene:manage', 'lead:ingest', 'lead:view', 'lead:assign', 'lead:edit',
      'lead:identity:view', 'lead:identity:merge', 'lead:import', 'lead:deadletter:view', 'lead:deadletter:manage'],
  },
  analyst: { description: 'Reads records and devices; numbers masked', permissions: [...CALL_READ, 'device:view', 'live:view', 'lead:order:view', 'lead:view', 'lead:scene:view', 'lead:identity:view'] },
  integrator: { description: 'A CRM or BI system pulling records over REST; numbers masked', permissions: [...CALL_READ, 'device:view', 'lead:ingest', 'lead:view', 'lead:import'] },
  viewer: { description: 'The live dashboard only', permissions: ['live:view', 'device:view'] },
} as const satisfies Record<string, { description: string; permissions: readonly Permission[] }>;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

/** The permissions a key grants: its role's, narrowed to `scopes` when the key has any. */
export function effectivePermissions(role: Role, scopes: readonly string[] = []): Permission[] {
  const granted: readonly Permission[] = ROLES[role].permissions;
  if (scopes.length === 0) return [...granted];
  return granted.filter((p) => scopes.includes(p));
}

/** True when `held` satisfies `required`: every permission of it, or any one when `anyOf`. */
export function allows(held: ReadonlySet<string> | readonly string[], required: readonly Permission[], anyOf = false): boolean {
  const has = (p: string) => (Array.isArray(held) ? held.includes(p) : (held as ReadonlySet<string>).has(p));
  return anyOf ? required.some(has) : required.every(has);
}
