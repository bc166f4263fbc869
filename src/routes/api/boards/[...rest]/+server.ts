import type { RequestHandler } from './$types';
import { preflight, serveDataset } from '$lib/server/export/http';
import { boardDataset, boardHistoryDataset } from '$lib/server/export/datasets';

// Board ids contain '/' (lmarena-text/coding), so the whole rest of the path is the board, less a trailing /history.
export const GET: RequestHandler = (event) => {
	const rest = event.params.rest;
	if (rest.endsWith('/history')) return serveDataset(event, boardHistoryDataset, rest.slice(0, -'/history'.length));
	return serveDataset(event, boardDataset, rest);
};

export const OPTIONS: RequestHandler = () => preflight();
