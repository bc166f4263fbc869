import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-context';
import { inspectUnsubscribe, LINK_PROBLEMS, unsubscribeByToken } from '$lib/server/alerts/subscriptions';
import { describeSettings, describeTarget } from '$lib/server/alerts/render';
import { config } from '$lib/server/config';

// GET shows a button; only its POST unsubscribes (prefetching scanners change nothing).
export const load: PageServerLoad = ({ url }) => {
	const found = inspectUnsubscribe(appDb(), config(), url.searchParams.get('token'), new Date());
	if (!found.ok && found.problem !== 'gone') error(400, LINK_PROBLEMS[found.problem]);
	return found.ok ? { gone: false, target: describeTarget(found.sub), settings: describeSettings(found.sub) } : { gone: true, target: null, settings: null };
};

export const actions: Actions = {
	default: async ({ url }) => {
		const done = unsubscribeByToken(appDb(), config(), url.searchParams.get('token'), new Date());
		if (!done.ok && done.problem !== 'gone') error(400, LINK_PROBLEMS[done.problem]);
		return { unsubscribed: true };
	}
};
