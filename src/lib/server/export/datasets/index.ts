import type { DatasetDefinition } from '../dataset';
import { agreementDataset, agreementMatrixDataset, divergenceDataset, eventsDataset, findingsDataset, mismatchesDataset } from './analysis';
import { boardDataset, boardHistoryDataset, boardsDataset } from './boards';
import { modelDataset, modelsDataset, organizationDataset } from './models';
import { identitiesDataset, runsDataset } from './sources';

/** Every dataset the product exports, in the order the README and `rankdrift export --help` list them. */
export const DATASETS: DatasetDefinition[] = [
	boardsDataset,
	boardDataset,
	boardHistoryDataset,
	modelsDataset,
	modelDataset,
	organizationDataset,
	divergenceDataset,
	agreementDataset,
	agreementMatrixDataset,
	findingsDataset,
	eventsDataset,
	mismatchesDataset,
	identitiesDataset,
	runsDataset
];

export function findDataset(name: string): DatasetDefinition | undefined {
	return DATASETS.find((d) => d.name === name);
}

export { boardsDataset, boardDataset, boardHistoryDataset, modelsDataset, modelDataset, organizationDataset, divergenceDataset, agreementDataset, agreementMatrixDataset, findingsDataset, eventsDataset, mismatchesDataset, identitiesDataset, runsDataset };
