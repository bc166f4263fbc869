import { datasetRoute } from '$lib/server/export/http';
import { boardsDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(boardsDataset);
