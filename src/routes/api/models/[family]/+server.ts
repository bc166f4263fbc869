import { datasetRoute } from '$lib/server/export/http';
import { modelDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(modelDataset, (e) => e.params.family ?? null);
