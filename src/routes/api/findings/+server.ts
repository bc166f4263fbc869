import { datasetRoute } from '$lib/server/export/http';
import { findingsDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(findingsDataset);
