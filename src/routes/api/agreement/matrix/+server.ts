import { datasetRoute } from '$lib/server/export/http';
import { agreementMatrixDataset } from '$lib/server/export/datasets';

export const { GET, OPTIONS } = datasetRoute(agreementMatrixDataset);
