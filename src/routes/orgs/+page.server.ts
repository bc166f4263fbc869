import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { dateParam } from '$lib/server/web/params';
import { organizationsWithModels } from '$lib/server/services/dashboard-org';

export const load: PageServerLoad = ({ url }) => ({ date: dateParam(url), organizations: organizationsWithModels(appDb()) });
