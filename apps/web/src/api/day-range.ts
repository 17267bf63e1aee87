/** Start of a calendar day (YYYY-MM-DD) in the viewer's time zone, as an ISO instant for the API. */
export const startOfDay = (day: string | null) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);

/** Last millisecond of a calendar day in the viewer's time zone, so a date range includes its end day. */
export const endOfDay = (day: string | null) => (day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined);
