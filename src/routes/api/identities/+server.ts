import { datasetRoute } from '$lib/server/export/http';
import { identitiesDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(identitiesDataset);
