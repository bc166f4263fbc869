import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { config } from '$lib/server/config';
import { dateParam } from '$lib/server/web/params';
import { intParam, textParam } from '$lib/server/services/dashboard-params';
import { adminEnabled, adminTokenMatches } from '$lib/server/services/admin-token';
import { DECISION_ACTIONS, decideIdentity, identitiesPage } from '$lib/server/services/dashboard-identities';
import { DecisionError } from '$lib/server/identity/service';
import type { DecisionAction } from '$lib/server/db/identity';

export const load: PageServerLoad = ({ url }) => {
	dateParam(url);
	const data = identitiesPage(appDb(), {
		q: textParam(url, 'q'),
		source: textParam(url, 'source', 100),
		all: url.searchParams.get('all') === '1',
		page: intParam(url, 'page', 1, 100_000, 1)
	});
	return {
		...data,
		admin: adminEnabled(),
		actions: DECISION_ACTIONS,
		// The decision form, prefilled from the row or suggestion the analyst picked.
		selected: {
			name: textParam(url, 'name', 500),
			source: textParam(url, 'decide_source', 100),
			family: textParam(url, 'family'),
			release: textParam(url, 'release')
		}
	};
};

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
		if (!adminEnabled()) return fail(403, { error: 'Admin actions are off on this server: set ADMIN_TOKEN to enable them.', values });
		if (!adminTokenMatches(String(f.get('token') ?? ''))) return fail(403, { error: 'That admin token is not right: nothing was changed.', values });
		if (!values.action || !DECISION_ACTIONS.includes(values.action)) return fail(400, { error: `Choose an action: ${DECISION_ACTIONS.join(', ')}.`, values });
		try {
			const r = decideIdentity(appDb(), { ...values, action: values.action }, new Date(), config().RANKDRIFT_STALE_DAYS);
			return {
				ok: `Decision #${r.id} recorded (${values.action} “${values.rawName}”${values.family ? ` → ${values.family}` : ''}); names re-resolved and the analysis recomputed (${r.events} events, ${r.mismatches} mismatches).`
			};
		} catch (e) {
			if (e instanceof DecisionError) return fail(400, { error: e.message, values });
			throw e;
		}
	}
};
