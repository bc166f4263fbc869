import { datasetRoute } from '$lib/server/export/http';
import { divergenceDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(divergenceDataset);
