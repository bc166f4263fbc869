import { datasetRoute } from '$lib/server/export/http';
import { mismatchesDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(mismatchesDataset);
