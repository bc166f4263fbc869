import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-context';
import { alertSettings } from '$lib/server/alerts/settings';
import { requestSubscription, SENDING_OFF } from '$lib/server/alerts/subscriptions';
import { requestDispatch } from '$lib/server/alerts/runner';
import { formToRequestBody } from '$lib/server/alerts/validate';
import { config } from '$lib/server/config';

// Nothing about subscribers is public, not even how many there are.
export const load: PageServerLoad = () => {
	const s = alertSettings(config());
	return { emailSending: s.smtpUrl !== null, linksConfigured: s.baseUrlConfigured };
};

export const actions: Actions = {
	/** The subscribe form (here and on model, organization, board and events pages): the API's rules, the API's answers. */
	subscribe: async ({ request, getClientAddress }) => {
		const db = appDb();
		const outcome = await requestSubscription(db, config(), formToRequestBody(await request.formData()), getClientAddress(), new Date());
		if (outcome.status === 400) return fail(400, { subscribe: { ok: false, message: 'Please check the form:', problems: outcome.problems } });
		if (outcome.status === 429) return fail(429, { subscribe: { ok: false, message: outcome.message } });
		void requestDispatch(db, config());
		const sending = outcome.channel === 'webhook' || alertSettings(config()).smtpUrl !== null;
		return { subscribe: { ok: true, message: sending ? outcome.message : SENDING_OFF, sending } };
	}
};
