import { FAILSAFE_SCHEMA, load, YAMLException } from 'js-yaml';
import type { ExtraValue, ParsedRow, ParsedSnapshot } from '../../../src/lib/snapshots/snapshot';
import { ParseError } from '../../../src/lib/catalogue/errors';
import { rankByScore } from '../../parse-helpers';
import { looksLikeHtml } from '../../../src/lib/catalogue/documents';
import type { SnapshotFormat } from '../../../src/lib/catalogue/contract';
import { BENCHMARKS, benchmarkOf, median, testCasesInText, type Benchmark } from './benchmarks';

/** One run's scalar fields exactly as written; null for an empty value. */
type Fields = Record<string, string | null>;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function num(v: string | null | undefined): number | null {
	return v && NUMBER.test(v) ? Number(v) : null;
}

// Kept for identity resolution: one model appears as several runs (edit format, reasoning effort, editor model, date).
// Text fields stay as written (`commit_hash: 0282574` is a hash, not a number); the rest become numbers when numeric.
const TEXT_EXTRAS: Record<string, string> = {
	edit_format: 'edit_format',
	reasoning_effort: 'reasoning_effort',
	editor_model: 'editor_model',
	editor_edit_format: 'editor_edit_format',
	command: 'command',
	date: 'run_date',
	released: 'released',
	// The edit board spells the model's release date either way.
	_released: 'released',
	versions: 'aider_version',
	commit_hash: 'commit_hash'
};
const VALUE_EXTRAS = ['thinking_tokens', 'total_cost', 'test_cases', 'pass_rate_1', 'percent_cases_well_formed', 'seconds_per_case'];

export function looksLikeRunsYaml(text: string): boolean {
	const head = text.slice(0, 4000);
	return !looksLikeHtml(head) && /^[ \t]*-?[ \t]*dirname[ \t]*:/m.test(head);
}

function yamlError(err: YAMLException, text: string): ParseError {
	const lastLine = text.trimEnd().split('\n').length;
	// js-yaml places an error at the end of the stream one line past the last.
	const line = err.mark ? Math.min(err.mark.line + 1, lastLine) : null;
	const what = err.reason;
	if (line !== null && line >= lastLine) return new ParseError(`truncated: the YAML breaks off at line ${line} (${what})`);
	return new ParseError(`not valid YAML: ${line !== null ? `line ${line}: ` : ''}${what}`);
}

function describe(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'empty';
	return `the text ${JSON.stringify(String(value).slice(0, 40))}`;
}

/** The YAML's runs with scalar fields as written (failsafe schema: no value is reinterpreted). */
export function readRuns(text: string): Fields[] {
	let data: unknown;
	try {
		data = load(text, { schema: FAILSAFE_SCHEMA });
	} catch (e) {
		if (e instanceof YAMLException) throw yamlError(e, text);
		throw e;
	}
	if (data === null || data === undefined || data === '') throw new ParseError('empty: the YAML holds no benchmark runs');
	if (!Array.isArray(data)) {
		if (typeof data === 'object') {
			const keys = Object.keys(data as object).slice(0, 4).join(', ');
			throw new ParseError(`layout changed: the top level is a mapping (${keys}), not a list of benchmark runs`);
		}
		throw new ParseError(`layout changed: the file is ${describe(data)}, not a list of benchmark runs`);
	}
	if (data.length === 0) throw new ParseError('empty: the list of benchmark runs is empty');
	return data.map((item: unknown, i) => {
		if (!item || typeof item !== 'object' || Array.isArray(item))
			throw new ParseError(`layout changed: run ${i + 1} is ${describe(item)}, not a mapping of fields`);
		const fields: Fields = {};
		for (const [k, v] of Object.entries(item)) {
			if (v === null || typeof v === 'string') fields[k] = v === null ? null : v.trim() || null;
		}
		return fields;
	});
}

function runLabel(f: Fields, i: number): string {
	if (f.dirname) return `run ${i + 1} (${f.dirname})`;
	return f.model ? `run ${i + 1} (model ${JSON.stringify(f.model)})` : `run ${i + 1}`;
}

/**
 * A download cut at a line break still parses, leaving a short last run. Aider's own file once ended
 * with a run lacking only total_cost (2025-01-30), so it takes two or more missing fields to call it cut.
 */
function assertNotTruncated(runs: Fields[]): void {
	if (runs.length < 3) return;
	const last = runs[runs.length - 1];
	const others = runs.slice(0, -1);
	const common = Object.keys(others[0]).filter((k) => others.every((r) => k in r));
	const missing = common.filter((k) => !(k in last));
	if (missing.length < 2) return;
	const stop = Object.keys(last).pop();
	throw new ParseError(
		`truncated: the last ${runLabel(last, runs.length - 1)} stops after "${stop}", without ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ' …' : ''} that every other run has`
	);
}

function rowOf(f: Fields, i: number): Omit<ParsedRow, 'rank'> & { score: number } {
	const label = runLabel(f, i);
	if (!f.dirname) throw new ParseError(`${label} has no dirname (the run id)`);
	if (!f.model) throw new ParseError(`${label} has no model`);
	if (f.pass_rate_2 === undefined || f.pass_rate_2 === null) throw new ParseError(`${label} has no pass_rate_2`);
	const score = num(f.pass_rate_2);
	if (score === null) throw new ParseError(`${label}: pass_rate_2 ${JSON.stringify(f.pass_rate_2)} is not a number`);
	const extras: Record<string, ExtraValue> = {};
	for (const [field, key] of Object.entries(TEXT_EXTRAS)) if (f[field]) extras[key] = f[field];
	for (const field of VALUE_EXTRAS) if (f[field]) extras[field] = num(f[field]) ?? f[field];
	return { rowKey: f.dirname, model: f.model, score, extras };
}

/** The runs' benchmark must be the one this format files under; says which it is otherwise. */
function checkBenchmark(runs: Fields[], benchmark: Benchmark): string[] {
	const counts = runs.map((r) => num(r.test_cases)).filter((n): n is number => n !== null);
	if (counts.length === 0) return [`no run states test_cases: assumed to be the ${BENCHMARKS[benchmark].label}`];
	const found = benchmarkOf(counts);
	if (found === benchmark) return [];
	const m = median(counts);
	if (found) throw new ParseError(`these runs are Aider's ${BENCHMARKS[found].label} (median ${m} test cases), not the ${BENCHMARKS[benchmark].label}`);
	throw new ParseError(`not an Aider leaderboard this source tracks: the runs have a median of ${m} test cases (polyglot has 225, the edit benchmark 133)`);
}

/**
 * Aider's leaderboard data file (`polyglot_leaderboard.yml`, `edit_leaderboard.yml`): a list of benchmark
 * runs, not models, in no particular order and with no rank. The run's dirname is the row key; rank is
 * pass_rate_2 (percent solved within two tries) descending, ties in file order, as the page sorts them.
 */
export function runsYamlFormat(benchmark: Benchmark): SnapshotFormat {
	const { board, label } = BENCHMARKS[benchmark];
	return {
		name: `${benchmark}-yaml`,
		description: `Aider ${label}: YAML list of runs (dirname, model, edit_format, pass_rate_2 …), ranked by pass_rate_2`,
		detect(doc) {
			if (!looksLikeRunsYaml(doc.text)) return false;
			const found = benchmarkOf(testCasesInText(doc.text));
			// Run lists of no known benchmark go to the polyglot parser (the live board), which rejects them with the reason.
			return found === benchmark || (found === null && benchmark === 'polyglot');
		},
		parse(doc): ParsedSnapshot[] {
			const runs = readRuns(doc.text);
			assertNotTruncated(runs);
			const warnings = checkBenchmark(runs, benchmark);
			const rows = runs.map(rowOf);
			return [
				{
					board,
					publishedAsOf: null,
					feed: 'live-page',
					rankSemantics: 'computed',
					adjustment: null,
					methodVersion: null,
					rows: rankByScore(rows, { tiesByOrder: true }),
					warnings
				}
			];
		}
	};
}
