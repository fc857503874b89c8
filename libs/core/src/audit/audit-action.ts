/**
 * The changes the audit log records, as `<target>.<what>`. A list rather than free text so the API and the admin can
 * offer it as a filter; new actions are added here.
 */
export const AUDIT_ACTIONS = [
  'store.create',
  'store.connect',
  'store.settings.update',
  'store.location-mappings.replace',
  'store.product-mappings.add',
  'store.disconnect',
  'store.delete',
  'plugin.activate',
  'plugin.deactivate',
  'user.create',
  'user.invite',
  'user.accept-invitation',
  'user.role.change',
  'user.activate',
  'user.deactivate',
  'api-key.create',
  'api-key.revoke',
  'export.re-export',
  'export.retry',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an entry is about: the `targetType` of an entry. */
export const AUDIT_TARGET_TYPES = ['store', 'plugin', 'user', 'api-key', 'export'] as const;

export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];
