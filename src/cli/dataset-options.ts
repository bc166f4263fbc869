import type { AppContext } from '../lib/server/context';
import type { DatasetDefinition, DatasetQuery } from '../lib/server/export/dataset';
import { BadParameter, Params } from '../lib/server/export/params';
import { UsageError } from './usage-error';

/** `include_stale` → `--include-stale`. */
export const option = (param: string) => `--${param.replace(/_/g, '-')}`;

/** The dataset parameters that are on/off switches on the command line. */
export const FLAGS = new Set(['include_stale', 'unresolved', 'include_blips']);

/**
 * Opens a dataset with command-line options (by option name: `include-stale`) as the query string its
 * HTTP route would read, so a command and the API answer alike, and refuse alike: an option the
 * dataset does not take, or a value it cannot use, is a usage error naming the option.
 */
export function openWithOptions(ctx: AppContext, definition: DatasetDefinition, id: string | null, given: Record<string, unknown>, command: string): DatasetQuery {
	const query = new URLSearchParams();
	for (const [name, value] of Object.entries(given)) {
		if (value === undefined) continue;
		const param = name.replace(/-/g, '_');
		if (!definition.params.includes(param))
			throw new UsageError(`${command} does not take ${option(param)}${definition.params.length ? ` (it takes ${definition.params.map(option).join(', ')})` : ''}`);
		if (typeof value === 'boolean') query.set(param, value ? '1' : '0');
		else for (const v of Array.isArray(value) ? value : [value]) query.append(param, String(v));
	}
	try {
		return definition.open(ctx, id, new Params(query));
	} catch (e) {
		if (e instanceof BadParameter) throw new UsageError(`${option(e.param)}: ${e.message}`);
		throw e;
	}
}
