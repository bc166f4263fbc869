import { datasetRoute } from '$lib/server/export/http';
import { eventsDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(eventsDataset);
