/** Where the dashboard is served, outside /api/v1 (a browser page, not part of the REST contract). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const QUEUE_DASHBOARD_COOKIE = 'bo_queue_dashboard';
export const QUEUE_DASHBOARD_AUDIENCE = 'queue-dashboard';
/** A dashboard session is short: staff reopen it from the SPA, which re-checks their bearer token. */
export const QUEUE_DASHBOARD_SESSION_SECONDS = 900;
