import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appContext } from '$lib/server/app-context';
import { pageLoad } from '$lib/server/web/page-load';
import { adminEnabled, adminTokenMatches } from '$lib/server/services/admin-token';
import { acceptHeld, sourcesPage } from '$lib/server/services/source-page';
import { isIsoDate } from '$lib/dates';
import { deliveryHealth } from '$lib/server/alerts/health';
import { config } from '$lib/server/config';

// ?date= is only carried along in links, but a bad one is still refused.
export const load: PageServerLoad = ({ url }) =>
	pageLoad(url, (p, ctx) => (p.date('date'), { ...sourcesPage(ctx), admin: adminEnabled(ctx.config), delivery: deliveryHealth(ctx.db, ctx.config) }));

export const actions: Actions = {
	accept: async ({ request }) => {
		const f = await request.formData();
		const board = String(f.get('board') ?? '').slice(0, 200);
		const asOf = String(f.get('as_of') ?? '');
		if (!adminEnabled(config())) return fail(403, { error: 'Admin actions are off on this server: set ADMIN_TOKEN to enable them.', board, asOf });
		if (!adminTokenMatches(String(f.get('token') ?? ''), config())) return fail(403, { error: 'That admin token is not right: nothing was changed.', board, asOf });
		if (!board || !isIsoDate(asOf)) return fail(400, { error: 'Name the board and the snapshot date (YYYY-MM-DD) to accept.', board, asOf });
		const accepted = acceptHeld(appContext(), board, asOf);
		if (!accepted) return fail(404, { error: `${board} has no held snapshot of ${asOf}.`, board, asOf });
		return { ok: `The ${board} snapshot of ${asOf} is now in force; names and analysis are up to date with it.`, board, asOf };
	}
};
