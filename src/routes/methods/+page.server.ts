import type { PageServerLoad } from './$types';
import { pageLoad } from '$lib/server/web/page-load';
import { methodsFacts } from '$lib/server/services/dashboard-methods';

// ?date= is only carried along in links, but a bad one is still refused.
export const load: PageServerLoad = ({ url }) => pageLoad(url, (p, ctx) => (p.date('date'), methodsFacts(ctx.config)));
