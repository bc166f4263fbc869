// Every URL an alert message or webhook carries, in one place (the dashboard's routes may move).

const seg = (s: string) => s.split('/').map(encodeURIComponent).join('/');

export const boardUrl = (base: string, board: string, date?: string | null) => `${base}/boards/${seg(board)}${date ? `?date=${encodeURIComponent(date)}` : ''}`;
export const familyUrl = (base: string, family: string) => `${base}/models/${encodeURIComponent(family)}`;
export const eventsUrl = (base: string) => `${base}/events`;
export const sourcesUrl = (base: string) => `${base}/sources`;
export const alertsUrl = (base: string) => `${base}/alerts`;
export const confirmUrl = (base: string, token: string) => `${base}/subscriptions/confirm?token=${encodeURIComponent(token)}`;
export const manageUrl = (base: string, token: string) => `${base}/subscriptions/manage?token=${encodeURIComponent(token)}`;
export const unsubscribeUrl = (base: string, token: string) => `${base}/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`;
/** RFC 8058 one-click target: a POST here (no page, no Origin) unsubscribes on the strength of the token. */
export const oneClickUrl = (base: string, token: string) => `${base}/subscriptions/one-click?token=${encodeURIComponent(token)}`;
