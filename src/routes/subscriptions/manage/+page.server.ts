import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-context';
import { deleteAllManaged, deleteManaged, LINK_PROBLEMS, manageAccess, updateManaged } from '$lib/server/alerts/subscriptions';
import { describeSettings, describeTarget } from '$lib/server/alerts/render';
import { formToRequestBody, parseSettings } from '$lib/server/alerts/validate';
import { config } from '$lib/server/config';

function access(url: URL) {
	const a = manageAccess(appDb(), config(), url.searchParams.get('token'), new Date());
	if (!a.ok) error(400, LINK_PROBLEMS[a.problem]);
	return a;
}

export const load: PageServerLoad = ({ url, request }) => {
	const a = manageAccess(appDb(), config(), url.searchParams.get('token'), new Date());
	// Right after a delete took the last subscription the link is gone: the page shows what was done.
	if (!a.ok && a.problem === 'gone' && request.method === 'POST') return { token: '', target: null, subscriptions: [] };
	if (!a.ok) error(400, LINK_PROBLEMS[a.problem]);
	return {
		token: url.searchParams.get('token') ?? '',
		target: a.subscriptions[0] ? describeTarget(a.subscriptions[0]) : null,
		subscriptions: a.subscriptions.map((s) => ({
			id: s.id,
			status: s.status,
			channel: s.channel,
			summary: describeSettings(s),
			values: {
				watch_type: s.watch_type,
				watch_value: s.watch_value,
				kinds: JSON.parse(s.kinds) as string[],
				min_severity: s.min_severity,
				divergence_level: s.divergence_level,
				frequency: s.frequency,
				digest_hour: s.digest_hour
			}
		}))
	};
};

const subscriptionId = (form: FormData) => Number(form.get('subscription_id'));

export const actions: Actions = {
	update: async ({ url, request }) => {
		const a = access(url);
		const form = await request.formData();
		const id = subscriptionId(form);
		const result = updateManaged(appDb(), a, id, parseSettings(formToRequestBody(form, { settingsOnly: true })), new Date());
		if (!result.ok) return fail(400, { id, problems: result.problems });
		return { id, saved: true };
	},
	delete: async ({ url, request }) => {
		const a = access(url);
		const id = subscriptionId(await request.formData());
		if (!deleteManaged(appDb(), a, id)) return fail(400, { id, problems: ['that subscription is not one of this address (already deleted?)'] });
		return { id, deleted: true };
	},
	deleteAll: async ({ url }) => {
		const a = access(url);
		return { deletedAll: deleteAllManaged(appDb(), a) };
	}
};
