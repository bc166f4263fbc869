import { datasetRoute } from '$lib/server/export/http';
import { runsDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(runsDataset, (e) => e.params.id ?? null);
