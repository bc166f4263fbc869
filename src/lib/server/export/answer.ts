import type { AppContext } from '../context';
import { csvOf, jsonOf, type DatasetDefinition } from './dataset';
import { Params } from './params';

/** What one dataset request answers, before it becomes an HTTP response: the same in the server's thread and in a read worker. */
export type DatasetAnswer =
	| { format: 'json'; body: string; next: string | null }
	| { format: 'csv'; filename: string; chunks: Generator<string, void, undefined> };

/** The format a request asks for (a bad value is a BadParameter, as everywhere). */
export function formatOf(search: URLSearchParams): 'json' | 'csv' {
	return new Params(search).choice('format', ['json', 'csv'] as const) ?? 'json';
}

/**
 * One dataset request answered from its URL query: JSON by default (paginated datasets take `limit`
 * and `cursor`), `format=csv` for the whole dataset as CSV text chunks made as they are pulled.
 */
export function answerDataset(ctx: AppContext, definition: DatasetDefinition, id: string | null, search: URLSearchParams): DatasetAnswer {
	const params = new Params(search);
	const format = formatOf(search);
	const limit = definition.paginated && format === 'json' ? params.limit() : 0;
	const query = definition.open(ctx, id, params);
	if (format === 'csv') return { format, filename: query.filename, chunks: csvOf(query) };
	const body = jsonOf(query, params, definition.paginated, limit);
	return { format, body: JSON.stringify(body) + '\n', next: body.next_cursor ?? null };
}
