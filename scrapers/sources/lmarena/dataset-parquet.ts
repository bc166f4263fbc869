import { ParseError } from '../../../src/lib/catalogue/errors';
import type { DatasetRow } from './dataset-rows';

const REQUIRED = ['model_name', 'rating', 'category', 'leaderboard_publish_date'] as const;

/** Timestamps come as Date (timestamp columns) or text, counts as bigint (int64): both read as the rows API gives them. */
function plain(v: unknown): unknown {
	if (typeof v === 'bigint') return Number(v);
	if (v instanceof Date) return v.toISOString();
	return v;
}

/**
 * The rows of one split of LMArena's leaderboard dataset from its parquet file (`<config>/<split>-00000-of-00001.parquet`):
 * one request for what the rows API serves 100 at a time. A file without the documented columns is a changed layout.
 */
export async function readDatasetParquet(bytes: Uint8Array): Promise<DatasetRow[]> {
	// Loaded here, by the one format that needs it, not by every command and parse worker that starts.
	const { parquetMetadata, parquetReadObjects } = await import('hyparquet');
	const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
	let columns: string[];
	try {
		columns = parquetMetadata(file).schema.slice(1).map((c) => c.name);
	} catch (e) {
		throw new ParseError(`not a readable parquet file (${(e as Error).message})`);
	}
	const missing = REQUIRED.filter((c) => !columns.includes(c));
	if (missing.length) throw new ParseError(`layout changed: the parquet file has no column ${missing.map((c) => `"${c}"`).join(', ')}`);
	const objects = await parquetReadObjects({ file });
	return objects.map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v)])) as unknown as DatasetRow);
}
