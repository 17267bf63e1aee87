import { SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'auth:public';
export const PERMISSIONS_KEY = 'auth:permissions';
export const ALLOW_INACTIVE_TENANT_KEY = 'auth:allow-inactive-tenant';
export const NOT_WHILE_IMPERSONATING_KEY = 'auth:not-while-impersonating';

/** The route needs no authentication. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The route needs an authenticated principal holding every listed permission. */
export const RequirePermissions = (...permissions: string[]) => SetMetadata(PERMISSIONS_KEY, permissions);

/** Authenticated routes about the user themself, usable while their tenant is pending or suspended. */
export const AllowInactiveTenant = () => SetMetadata(ALLOW_INACTIVE_TENANT_KEY, true);

/** Authenticated, no permission needed beyond being signed in (own account, own sessions). */
export const Authenticated = () => SetMetadata(PERMISSIONS_KEY, [] as string[]);

/**
 * Refused (403 `impersonation-forbidden`) to platform staff impersonating a user: routes that create or
 * change credentials, sessions or account security, or bring someone into the tenant.
 */
export const NotWhileImpersonating = () => SetMetadata(NOT_WHILE_IMPERSONATING_KEY, true);
