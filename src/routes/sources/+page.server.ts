import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { config } from '$lib/server/config';
import { dateParam } from '$lib/server/web/params';
import { sourcesPage } from '$lib/server/services/source-page';
import { adminEnabled, adminTokenMatches } from '$lib/server/services/admin-token';
import { acceptHeld } from '$lib/server/services/dashboard-sources';
import { isIsoDate } from '$lib/dates';
import { deliveryHealth } from '$lib/server/alerts/health';

export const load: PageServerLoad = ({ url }) => {
	dateParam(url);
	return { ...sourcesPage(appDb(), process.env), admin: adminEnabled(), delivery: deliveryHealth(appDb(), process.env) };
};

export const actions: Actions = {
	accept: async ({ request }) => {
		const f = await request.formData();
		const board = String(f.get('board') ?? '').slice(0, 200);
		const asOf = String(f.get('as_of') ?? '');
		if (!adminEnabled()) return fail(403, { error: 'Admin actions are off on this server: set ADMIN_TOKEN to enable them.', board, asOf });
		if (!adminTokenMatches(String(f.get('token') ?? ''))) return fail(403, { error: 'That admin token is not right: nothing was changed.', board, asOf });
		if (!board || !isIsoDate(asOf)) return fail(400, { error: 'Name the board and the snapshot date (YYYY-MM-DD) to accept.', board, asOf });
		const accepted = acceptHeld(appDb(), board, asOf, new Date(), config().RANKDRIFT_STALE_DAYS);
		if (!accepted) return fail(404, { error: `${board} has no held snapshot of ${asOf}.`, board, asOf });
		return { ok: `The ${board} snapshot of ${asOf} is now in force; names and analysis are up to date with it.`, board, asOf };
	}
};
