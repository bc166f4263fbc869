import type { HistoryDump } from '../../../src/lib/catalogue/contract';
import { readDatasetParquet } from './dataset-parquet';
import { datasetConfigOf, type DatasetRow } from './dataset-rows';

/**
 * Each dataset config also publishes a `full` split: every publish date in one parquet file. It is
 * split here into one rows document per date, the shape the dataset format parses from a live fetch.
 */
export const fullHistory: HistoryDump = {
	locate(url) {
		if (!/\/latest-\d+-of-\d+\.parquet$/.test(url)) return null;
		return { url: url.replace(/\/latest-(\d+-of-\d+\.parquet)$/, '/full-$1'), series: datasetConfigOf(url) };
	},
	async split(bytes, config) {
		const byDate = new Map<string, DatasetRow[]>();
		for (const row of await readDatasetParquet(bytes)) {
			const date = String(row.leaderboard_publish_date).slice(0, 10);
			byDate.set(date, [...(byDate.get(date) ?? []), row]);
		}
		return [...byDate]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([date, rows]) => ({ date, name: `full-${config}-${date}.json`, text: JSON.stringify({ config, rows: rows.map((row, i) => ({ row_idx: i, row })) }) }));
	}
};
