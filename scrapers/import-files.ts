import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Db } from '../src/lib/server/db/connection';
import { storePayload } from '../src/lib/server/db/payloads';
import { addRunResult, finishRun, startRun, type RunOutcome } from '../src/lib/server/db/runs';
import { isIsoDate } from '../src/lib/model/snapshot';
import { NotASnapshotError, ParseError } from './errors';
import { parseDocument, storeSnapshots, type SnapshotResult } from './ingest';
import { assertNotBlocked, dateInName, decodeText, looksBinary } from './parse-helpers';
import type { InputDocument, SnapshotFormat, SourceDefinition } from './source';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Files in an import folder that are never snapshots, whatever the source. */
const GENERIC_SKIPS: [RegExp, string][] = [
	[/^index\.csv$/i, 'not a snapshot: the folder index'],
	[/^(provenance|readme|license|notes?)(\.[a-z]+)?$/i, 'not a snapshot: documentation'],
	[/\.(md|txt)$/i, 'not a snapshot: a text note'],
	[/^\./, 'not a snapshot: a hidden file']
];

export interface FileResult {
	path: string;
	outcome: RunOutcome;
	reason: string | null;
	format: string | null;
	snapshots: SnapshotResult[];
}

export interface ImportOptions {
	format?: string;
	date?: string;
	now?: () => Date;
	onProgress?: (done: number, total: number, path: string) => void;
	/** Called with each snapshot id that came into force, after it is stored (the analysis hook). */
	onAdded?: (snapshotIds: number[]) => void;
}

export interface ImportSummary {
	files: FileResult[];
	/** Per outcome: snapshots for stored outcomes, files for skipped and rejected. */
	counts: Record<RunOutcome, number>;
}

/** Every file under the given paths, folders walked recursively, in path order (so dated names come oldest first). */
export function listImportFiles(paths: string[]): string[] {
	const out: string[] = [];
	const walk = (p: string) => {
		const st = statSync(p);
		if (st.isDirectory()) {
			for (const name of readdirSync(p).sort()) walk(join(p, name));
		} else if (st.isFile()) out.push(p);
	};
	for (const p of paths) {
		if (!existsSync(p)) throw new Error(`no such file or folder: ${p}`);
		walk(resolve(p));
	}
	return out;
}

export function findFormat(source: SourceDefinition, name: string): SnapshotFormat | undefined {
	return source.formats.find((f) => f.name === name);
}

function detectFormat(source: SourceDefinition, doc: InputDocument): SnapshotFormat {
	const found = source.formats.find((f) => f.detect(doc));
	if (found) return found;
	const names = source.formats.map((f) => f.name).join(', ');
	throw new ParseError(`unrecognised content: not one of the ${source.id} formats (${names})`);
}

function skipReason(source: SourceDefinition, path: string): string | null {
	for (const [re, why] of GENERIC_SKIPS) if (re.test(basename(path))) return why;
	return source.skipReason?.(path) ?? null;
}

function loadCompanions(format: SnapshotFormat, path: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const name of format.companions?.(path) ?? []) {
		const p = join(dirname(path), name);
		if (existsSync(p)) out[name] = decodeText(readFileSync(p)).text;
	}
	return out;
}

/**
 * Imports recorded files for one source: each file is one run with its raw bytes kept, parsed by the
 * named or detected format, validated, and stored under the storage rules (added, unchanged, superseded,
 * held); unreadable files are rejected with a reason and store nothing but the run and the payload.
 */
export function importFiles(db: Db, source: SourceDefinition, paths: string[], opts: ImportOptions = {}): ImportSummary {
	const now = opts.now ?? (() => new Date());
	if (opts.date !== undefined && !isIsoDate(opts.date)) throw new Error(`--date must be a real date as YYYY-MM-DD, not ${JSON.stringify(opts.date)}`);
	const named = opts.format ? findFormat(source, opts.format) : undefined;
	if (opts.format && !named)
		throw new Error(`unknown format "${opts.format}" for ${source.id}; formats: ${source.formats.map((f) => f.name).join(', ')}`);

	const files = listImportFiles(paths);
	const summary: ImportSummary = {
		files: [],
		counts: { added: 0, unchanged: 0, superseded: 0, held: 0, skipped: 0, rejected: 0, failed: 0 }
	};
	const cwd = process.cwd();
	files.forEach((path, i) => {
		opts.onProgress?.(i, files.length, path);
		const result = importOne(db, source, path, named, opts, now);
		result.path = relative(cwd, path) || path;
		summary.files.push(result);
		if (result.outcome === 'skipped' || result.outcome === 'rejected') summary.counts[result.outcome]++;
		for (const s of result.snapshots) summary.counts[s.outcome]++;
	});
	opts.onProgress?.(files.length, files.length, '');
	return summary;
}

function importOne(
	db: Db,
	source: SourceDefinition,
	path: string,
	named: SnapshotFormat | undefined,
	opts: ImportOptions,
	now: () => Date
): FileResult {
	const name = basename(path);
	const skip = named ? null : skipReason(source, path);
	if (skip) return { path, outcome: 'skipped', reason: skip, format: null, snapshots: [] };

	const startedAt = now();
	const runId = startRun(db, { sourceId: source.id, kind: 'import', origin: path, feed: null, startedAt });
	const size = statSync(path).size;
	const finish = (outcome: RunOutcome, reason: string | null, payloadId: number | null, format: string | null, snapshots: SnapshotResult[] = []): FileResult => {
		finishRun(db, runId, { outcome, reason, finishedAt: now(), bytes: size, payloadId });
		for (const s of snapshots)
			addRunResult(db, { runId, boardId: s.board, asOf: s.asOf, outcome: s.outcome, reason: s.reason, snapshotId: s.snapshotId });
		return { path, outcome, reason, format, snapshots };
	};
	if (size > MAX_IMPORT_BYTES)
		return finish('rejected', `file is ${size} bytes, over the ${MAX_IMPORT_BYTES}-byte import limit`, null, null);

	const bytes = readFileSync(path);
	const payloadId = storePayload(db, bytes, null, startedAt);
	if (bytes.length === 0) return finish('rejected', 'empty: the file has no content', payloadId, null);
	if (looksBinary(bytes)) return finish('rejected', 'not a text file (binary content)', payloadId, null);

	const doc: InputDocument = { name, path, text: decodeText(bytes).text, companions: {} };
	let format: SnapshotFormat | null = named ?? null;
	try {
		assertNotBlocked(doc.text);
		format ??= detectFormat(source, doc);
		doc.companions = loadCompanions(format, path);
		const snapshots = parseDocument(source, format, doc);
		const fileDate = dateInName(name);
		const fallbackDate = opts.date
			? { date: opts.date, basis: 'option' as const }
			: fileDate && isIsoDate(fileDate)
				? { date: fileDate, basis: 'file-name' as const }
				: null;
		const stored = storeSnapshots(db, source, snapshots, { origin: path, fetchedAt: startedAt, fallbackDate, runId, payloadId });
		if (stored.addedSnapshotIds.length) opts.onAdded?.(stored.addedSnapshotIds);
		return finish(stored.outcome, stored.reason, payloadId, format.name, stored.results);
	} catch (e) {
		if (e instanceof ParseError) return finish('rejected', e.message, payloadId, format?.name ?? null);
		if (e instanceof NotASnapshotError) return finish('skipped', e.message, payloadId, format?.name ?? null);
		throw e;
	}
}
