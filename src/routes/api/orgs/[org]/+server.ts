import { datasetRoute } from '$lib/server/export/http';
import { organizationDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(organizationDataset, (e) => e.params.org ?? null);
