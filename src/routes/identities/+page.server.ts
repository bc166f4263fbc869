import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appContext } from '$lib/server/app-context';
import { pageLoad } from '$lib/server/web/page-load';
import { adminEnabled, adminTokenMatches } from '$lib/server/services/admin-token';
import { DECISION_ACTIONS, decideIdentity, identitiesPage } from '$lib/server/services/dashboard-identities';
import { DecisionError } from '$lib/server/identity/service';
import type { DecisionAction } from '$lib/server/db/identity';
import { config } from '$lib/server/config';

export const load: PageServerLoad = ({ url }) =>
	pageLoad(url, (p, ctx) => {
		p.date('date');
		const data = identitiesPage(ctx.db, {
			q: p.text('q'),
			source: p.text('source', 100),
			all: url.searchParams.get('all') === '1',
			page: p.int('page', 1, 100_000) ?? 1
		});
		return {
			...data,
			admin: adminEnabled(ctx.config),
			actions: DECISION_ACTIONS,
			// The decision form, prefilled from the row or suggestion the analyst picked.
			selected: {
				name: p.text('name', 500),
				source: p.text('decide_source', 100),
				family: p.text('family'),
				release: p.text('release')
			}
		};
	});

const field = (f: FormData, name: string, max = 500): string | null => {
	const v = String(f.get(name) ?? '').trim();
	return v ? v.slice(0, max) : null;
};

export const actions: Actions = {
	decide: async ({ request }) => {
		const f = await request.formData();
		const values = {
			rawName: field(f, 'raw_name') ?? '',
			sourceId: field(f, 'source', 100),
			action: field(f, 'action', 20) as DecisionAction | null,
			family: field(f, 'family', 200),
			release: field(f, 'release', 200),
			label: field(f, 'label', 200),
			reason: field(f, 'reason', 1000),
			actor: field(f, 'actor', 100) ?? 'dashboard'
		};
		if (!adminEnabled(config())) return fail(403, { error: 'Admin actions are off on this server: set ADMIN_TOKEN to enable them.', values });
		if (!adminTokenMatches(String(f.get('token') ?? ''), config())) return fail(403, { error: 'That admin token is not right: nothing was changed.', values });
		if (!values.action || !DECISION_ACTIONS.includes(values.action)) return fail(400, { error: `Choose an action: ${DECISION_ACTIONS.join(', ')}.`, values });
		try {
			const r = decideIdentity(appContext(), { ...values, action: values.action });
			return {
				ok: `Decision #${r.id} recorded (${values.action} “${values.rawName}”${values.family ? ` → ${values.family}` : ''}); names re-resolved and the analysis recomputed (${r.events} events, ${r.mismatches} mismatches).`
			};
		} catch (e) {
			if (e instanceof DecisionError) return fail(400, { error: e.message, values });
			throw e;
		}
	}
};
