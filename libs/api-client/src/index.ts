import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

export type { paths } from './schema';

/** Path prefix of every route in the OpenAPI document. */
export const API_PREFIX = '/api/v1';

export interface AuthHooks {
  /** Current access token, or null when signed out. */
  getAccessToken(): string | null;
  /** Called once after a 401 on an authenticated request; resolves with a new access token or null. */
  refreshAccessToken(): Promise<string | null>;
  /** Called when the refresh did not help: the app should forget the tokens and go to login. */
  onUnauthorized(): void;
}

export type ApiClient = Client<paths>;

// Routes where a 401 is an answer about credentials, not an expired access token.
const NO_REFRESH = [/\/auth\/(login|refresh|signup|signup\/confirm|logout)$/, /\/auth\/password\//, /\/invitations\/(accept|lookup)/];

function withToken(request: Request, token: string | null): Request {
  const next = new Request(request);
  if (token) next.headers.set('Authorization', `Bearer ${token}`);
  return next;
}

/**
 * Typed client for the back office API. With hooks, it sends the bearer token and, on a 401,
 * refreshes once and replays the request before giving up.
 */
export function createApiClient(baseUrl: string, hooks?: AuthHooks): ApiClient {
  const authFetch = async (request: Request): Promise<Response> => {
    if (!hooks) return fetch(request);
    const token = hooks.getAccessToken();
    const replay = request.clone();
    const response = await fetch(withToken(request, token));
    const path = new URL(request.url, 'http://x').pathname;
    if (response.status !== 401 || !token || NO_REFRESH.some((re) => re.test(path))) return response;
    const fresh = await hooks.refreshAccessToken();
    if (!fresh) {
      hooks.onUnauthorized();
      return response;
    }
    const second = await fetch(withToken(replay, fresh));
    if (second.status === 401) hooks.onUnauthorized();
    return second;
  };
  return createClient<paths>({ baseUrl, fetch: authFetch });
}

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type SuccessJson<Op> = Op extends { responses: infer R }
  ? Json<R[Extract<keyof R, 200 | 201 | 202>]>
  : never;
type BodyJson<Op> = Op extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

/** JSON body of the success response of `METHOD path`. */
export type ResponseOf<P extends keyof paths, M extends keyof paths[P]> = SuccessJson<paths[P][M]>;
/** JSON request body of `METHOD path`. */
export type RequestOf<P extends keyof paths, M extends keyof paths[P]> = BodyJson<paths[P][M]>;

export type Tokens = ResponseOf<'/api/v1/auth/login', 'post'>;
export type SignupResult = ResponseOf<'/api/v1/auth/signup/confirm', 'post'>;
export type Me = ResponseOf<'/api/v1/auth/me', 'get'>;
export type Membership = Me['memberships'][number];
export type TenantStatus = Membership['tenantStatus'];
export type AuthSession = ResponseOf<'/api/v1/auth/sessions', 'get'>['data'][number];
export type TotpSetup = ResponseOf<'/api/v1/auth/totp/setup', 'post'>;
export type Tenant = ResponseOf<'/api/v1/tenant', 'get'>;
export type TenantUpdate = RequestOf<'/api/v1/tenant', 'patch'>;
export type MemberPage = ResponseOf<'/api/v1/members', 'get'>;
export type Member = MemberPage['data'][number];
export type MemberUpdate = RequestOf<'/api/v1/members/{id}', 'patch'>;
export type InvitationPage = ResponseOf<'/api/v1/invitations', 'get'>;
export type Invitation = InvitationPage['data'][number];
export type InvitationCreate = RequestOf<'/api/v1/invitations', 'post'>;
export type InvitationLookup = ResponseOf<'/api/v1/invitations/lookup', 'post'>;
export type Role = ResponseOf<'/api/v1/roles', 'get'>['data'][number];
export type RoleCreate = RequestOf<'/api/v1/roles', 'post'>;
export type RoleUpdate = RequestOf<'/api/v1/roles/{id}', 'patch'>;
export type Permission = ResponseOf<'/api/v1/permissions', 'get'>['data'][number];
export type AdminTenantPage = ResponseOf<'/api/v1/admin/tenants', 'get'>;
export type AdminTenant = AdminTenantPage['data'][number];
export type AdminTenantBulk = RequestOf<'/api/v1/admin/tenants/bulk', 'post'>;
export type AdminTenantBulkResult = ResponseOf<'/api/v1/admin/tenants/bulk', 'post'>;
export type Impersonation = ResponseOf<'/api/v1/admin/tenants/{id}/impersonate', 'post'>;
export type TenantPlan = NonNullable<AdminTenantBulk['plan']>;
export type InvitationStatus = Invitation['status'];
export type ApiKeyPage = ResponseOf<'/api/v1/api-keys', 'get'>;
export type ApiKey = ApiKeyPage['data'][number];
export type ApiKeyStatus = ApiKey['status'];
export type ApiKeyCreate = RequestOf<'/api/v1/api-keys', 'post'>;
export type CreatedApiKey = ResponseOf<'/api/v1/api-keys', 'post'>;
export type AuditLogPage = ResponseOf<'/api/v1/audit-logs', 'get'>;
export type AuditLog = AuditLogPage['data'][number];
export type Usage = ResponseOf<'/api/v1/usage', 'get'>;
export type UsageLine = Usage['limits'][number];

/** RFC 9457 problem details as the API sends them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}
