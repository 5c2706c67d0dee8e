// Redis layout of tenants, users and API keys: the hot index the API and the live hub check
// on every request. The warehouse holds every version of these entities (dim_* tables) and
// is what `npm run admin -- rebuild` restores this index from.
export const authKeys = {
  tenants: () => 'cunke:auth:tenants',
  tenant: (tenantId: string) => `cunke:auth:tenant:${tenantId}`,
  users: (tenantId: string) => `cunke:auth:users:${tenantId}`,
  user: (tenantId: string, userId: string) => `cunke:auth:user:${tenantId}:${userId}`,
  tenantApiKeys: (tenantId: string) => `cunke:auth:keys:${tenantId}`,
  apiKey: (keyId: string) => `cunke:auth:key:${keyId}`,
};

/** `ck_<keyId>_<secret>`: the id locates the record, only a hash of the secret is stored. */
export const API_KEY_PATTERN = /^ck_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
