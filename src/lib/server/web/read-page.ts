import { error } from '@sveltejs/kit';
import { ReadUnavailableError } from '../errors';
import { appReadPool } from '../reads/app-pool';
import { pageError, pageLoad } from './page-load';
import { PAGE_READERS, type PageData, type PageName } from './page-readers';

/**
 * A history page's data: in a read worker when they are on (RANKDRIFT_READ_WORKERS), else in this
 * thread. A read past the query time limit is a 503 page with Retry-After.
 */
export async function readPage<N extends PageName>(event: { url: URL; setHeaders(h: Record<string, string>): void }, name: N, id: string | null): Promise<PageData<N>> {
	const pool = appReadPool();
	if (!pool) return pageLoad(event.url, (p, ctx) => PAGE_READERS[name](ctx, id, p, event.url.searchParams) as PageData<N>);
	try {
		return (await pool.runPage(name, id, event.url.search)) as PageData<N>;
	} catch (e) {
		if (e instanceof ReadUnavailableError) {
			event.setHeaders({ 'retry-after': String(e.retryAfterS), 'cache-control': 'no-store' });
			error(503, { message: 'Busy', detail: e.message });
		}
		pageError(e);
	}
}
