import { redirect, text, type RequestHandler } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-context';
import { LINK_PROBLEMS, unsubscribeByToken } from '$lib/server/alerts/subscriptions';
import { config } from '$lib/server/config';

/**
 * RFC 8058 one-click unsubscribe: the mail provider POSTs `List-Unsubscribe=One-Click` here with no
 * cookies and no Origin header (the CSRF guard in hooks.server.ts lets this one route through); the
 * signed token is the authority. Unsubscribing twice is not an error.
 */
export const POST: RequestHandler = async ({ url }) => {
	const done = unsubscribeByToken(appDb(), config(), url.searchParams.get('token'), new Date());
	if (done.ok) return text('Unsubscribed: nothing more will be sent for this subscription.\n');
	if (done.problem === 'gone') return text('Already unsubscribed.\n');
	const p = LINK_PROBLEMS[done.problem];
	return text(`${p.message}: ${p.detail}.\n`, { status: 400 });
};

/** A person who opens the URL gets the page with a button, never an unsubscribe on GET. */
export const GET: RequestHandler = ({ url }) => {
	redirect(303, `/subscriptions/unsubscribe?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`);
};
