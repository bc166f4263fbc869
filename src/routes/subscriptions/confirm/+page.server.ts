import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-context';
import { confirmByToken, inspectConfirmation, LINK_PROBLEMS } from '$lib/server/alerts/subscriptions';
import { describeSettings, describeTarget } from '$lib/server/alerts/render';
import { requestDispatch } from '$lib/server/alerts/runner';
import { manageUrl } from '$lib/server/alerts/links';
import { config } from '$lib/server/config';

// GET only shows what would be confirmed: link scanners that prefetch the URL change nothing.
export const load: PageServerLoad = ({ url }) => {
	const found = inspectConfirmation(appDb(), config(), url.searchParams.get('token'), new Date());
	if (!found.ok) error(400, LINK_PROBLEMS[found.problem]);
	return { target: describeTarget(found.sub), settings: describeSettings(found.sub), active: found.sub.status === 'active' };
};

export const actions: Actions = {
	default: async ({ url }) => {
		const db = appDb();
		const done = confirmByToken(db, config(), url.searchParams.get('token'), new Date());
		if (!done.ok) error(400, LINK_PROBLEMS[done.problem]);
		void requestDispatch(db, config());
		return { confirmed: true, manage: manageUrl('', done.manageToken), settings: describeSettings(done.activation.subscription) };
	}
};
