import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { dateParam } from '$lib/server/web/params';
import { textParam } from '$lib/server/services/dashboard-params';
import { modelIndex } from '$lib/server/services/dashboard-model-index';

export const load: PageServerLoad = ({ url }) => modelIndex(appDb(), textParam(url, 'q'), dateParam(url));
