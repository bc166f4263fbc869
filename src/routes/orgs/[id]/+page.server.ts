import type { PageServerLoad } from './$types';
import { readPage } from '$lib/server/web/read-page';

export const load: PageServerLoad = (event) => readPage(event, 'org', event.params.id);
