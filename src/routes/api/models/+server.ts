import { datasetRoute } from '$lib/server/export/http';
import { modelsDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(modelsDataset);
