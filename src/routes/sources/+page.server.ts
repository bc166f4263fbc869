import type { PageServerLoad } from './$types';
import { appDb } from '$lib/server/app-db';
import { sourcesPage } from '$lib/server/services/source-page';

export const load: PageServerLoad = () => sourcesPage(appDb(), process.env);
