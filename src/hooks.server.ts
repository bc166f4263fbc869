import type { HandleServerError } from '@sveltejs/kit';
import { createLogger } from '$lib/server/log';

const log = createLogger('web');

/** Unexpected errors are logged with their stack and shown as a plain sentence: never a trace in a response. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'Not found' };
	log.error('request failed', { path: event.url.pathname, status, error: (error as Error)?.stack ?? String(error) });
	return { message: 'Something went wrong on our side; the error has been logged.' };
};
