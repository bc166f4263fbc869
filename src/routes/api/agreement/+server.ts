import { datasetRoute } from '$lib/server/export/http';
import { agreementDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(agreementDataset);
