import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';
import { isIsoDate } from '../lib/snapshots/snapshot';

export type OutputFormat = 'table' | 'json' | 'csv';

type Options = NonNullable<ParseArgsConfig['options']>;

export const commonOptions = {
	db: { type: 'string' },
	format: { type: 'string' },
	help: { type: 'boolean', short: 'h' }
} satisfies Options;

/** util.parseArgs with messages that say which option was wrong and how to get help. */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O) {
	try {
		return parseArgs({ args: argv, options: { ...commonOptions, ...options }, allowPositionals: true, strict: true });
	} catch (e) {
		const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option/, 'unknown option');
		throw new UsageError(`${msg} (see rankdrift ${command} --help)`);
	}
}

export function outputFormat(value: string | undefined, allowed: OutputFormat[] = ['table', 'json', 'csv']): OutputFormat {
	const f = (value ?? 'table') as OutputFormat;
	if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
	return f;
}

export function dateOption(value: string | undefined, name: string): string | undefined {
	if (value === undefined) return undefined;
	if (!isIsoDate(value)) throw new UsageError(`${name} must be a real date as YYYY-MM-DD, not ${JSON.stringify(value)}`);
	return value;
}

export function todayUtc(now = new Date()): string {
	return now.toISOString().slice(0, 10);
}
