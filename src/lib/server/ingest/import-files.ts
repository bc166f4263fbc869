import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Db } from '../db/connection';
import { storePayload } from '../db/payloads';
import { addRunResult, finishRun, startRun, type RunOutcome } from '../db/runs';
import { isIsoDate, type ParsedSnapshot } from '../../snapshots/snapshot';
import { NotASnapshotError, ParseError } from '../../catalogue/errors';
import { parseDocument, storeSnapshots, type IngestContext, type SnapshotResult } from './ingest';
import { assertNotBlocked, dateInName, decodeText, looksBinary } from '../../catalogue/documents';
import { writeBatch, type WriteBatch } from './write-batch';
import type { InputDocument, SnapshotFormat, SourceDefinition } from '../../catalogue/contract';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/**
 * No leaderboard table has a line anywhere near this long. Found with a scan of the bytes, before the
 * text is decoded, detected and parsed, which for a 60 MB single-line file took seconds and ~1 GB.
 */
export const MAX_CSV_LINE_BYTES = 1024 * 1024;

/** The 1-based number of the first line longer than `max` bytes, or null. */
function overlongLine(bytes: Buffer, max: number): number | null {
	for (let start = 0, line = 1; start < bytes.length; line++) {
		const nl = bytes.indexOf(10, start);
		const end = nl < 0 ? bytes.length : nl;
		if (end - start > max) return line;
		start = end + 1;
	}
	return null;
}

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
	/** Called with the snapshot ids that came into force, after each batch commits (the analysis hook). */
	onAdded?: (snapshotIds: number[]) => void;
	/** Rows written per transaction (default: write-batch.ts); files are never split across two. */
	batchRows?: number;
}

export interface ImportSummary {
	files: FileResult[];
	/** Per outcome: snapshots (a rejected block of a many-dated file counts as one), and files skipped or rejected whole. */
	counts: Record<RunOutcome, number>;
}

/** What a `stat` says a path is, for a message about something that is not a file or folder. */
function kindOf(st: Stats): string {
	return st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';
}

/**
 * Every file under the given paths, folders walked recursively, in path order (so dated names come
 * oldest first). A path named on the command line must be a regular file or a folder (reading a FIFO
 * or a device would wait for ever); inside a folder, special files, broken links and symbolic links
 * back into a folder already walked (a loop) are passed to `skipped` and the walk goes on.
 */
export function listImportFiles(paths: string[], skipped: (path: string, reason: string) => void = () => {}): string[] {
	const out: string[] = [];
	const walked = new Set<string>();
	const walk = (p: string) => {
		let st: Stats;
		try {
			st = statSync(p);
		} catch (e) {
			const code = (e as NodeJS.ErrnoException).code;
			if (code === 'ELOOP') return skipped(p, 'a loop of symbolic links, skipped');
			if (code === 'ENOENT') return skipped(p, 'a symbolic link to nothing, skipped');
			throw e;
		}
		if (st.isDirectory()) {
			const real = realpathSync(p);
			if (walked.has(real)) return skipped(p, `a symbolic link back to ${real}, a folder already walked (a loop), skipped`);
			walked.add(real);
			for (const name of readdirSync(p).sort()) walk(join(p, name));
		} else if (st.isFile()) out.push(p);
		else skipped(p, `${kindOf(st)}, never read`);
	};
	for (const p of paths) {
		if (!existsSync(p)) throw new Error(`no such file or folder: ${p}`);
		const st = statSync(p);
		if (!st.isFile() && !st.isDirectory()) throw new Error(`${p} is ${kindOf(st)}, not a file or folder: nothing imported`);
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

	const summary: ImportSummary = {
		files: [],
		counts: { added: 0, unchanged: 0, superseded: 0, held: 0, skipped: 0, rejected: 0, failed: 0 }
	};
	const cwd = process.cwd();
	const files = listImportFiles(paths, (path, reason) => {
		const shown = relative(cwd, path) || path;
		summary.files.push({ path: shown, outcome: 'skipped', reason: `${shown}: ${reason}`, format: null, snapshots: [] });
		summary.counts.skipped++;
	});
	const batch = writeBatch<FileWrite>(
		db,
		(written) => {
			const added: number[] = [];
			for (const { file, added: ids } of written) {
				file.path = relative(cwd, file.path) || file.path;
				summary.files.push(file);
				if ((file.outcome === 'skipped' || file.outcome === 'rejected') && file.snapshots.length === 0) summary.counts[file.outcome]++;
				for (const s of file.snapshots) summary.counts[s.outcome]++;
				added.push(...ids);
			}
			if (added.length) opts.onAdded?.(added);
		},
		opts.batchRows
	);
	files.forEach((path, i) => {
		opts.onProgress?.(i, files.length, path);
		queueFile(db, batch, source, path, named, opts, now);
	});
	batch.flush();
	opts.onProgress?.(files.length, files.length, '');
	return summary;
}

type Parsed =
	| { kind: 'snapshots'; format: SnapshotFormat; snapshots: ParsedSnapshot[]; fallbackDate: IngestContext['fallbackDate'] }
	| { kind: 'rejected' | 'skipped'; format: SnapshotFormat | null; reason: string };

/** The pure half of an import: bytes in, snapshots or the reason there are none. */
function parseFile(source: SourceDefinition, path: string, bytes: Buffer, named: SnapshotFormat | undefined, opts: ImportOptions): Parsed {
	if (bytes.length === 0) return { kind: 'rejected', format: null, reason: 'empty: the file has no content' };
	if (looksBinary(bytes)) return { kind: 'rejected', format: null, reason: 'not a text file (binary content)' };
	const name = basename(path);
	// JSON and HTML captures may well be one long line; a CSV may not.
	const long = /\.(csv|tsv)$/i.test(name) ? overlongLine(bytes, MAX_CSV_LINE_BYTES) : null;
	if (long !== null) return { kind: 'rejected', format: null, reason: `line ${long} is over ${MAX_CSV_LINE_BYTES / 1024 / 1024} MB: not a leaderboard table` };
	const fileDate = dateInName(name);
	const fallbackDate = opts.date
		? { date: opts.date, basis: 'option' as const }
		: fileDate && isIsoDate(fileDate)
			? { date: fileDate, basis: 'file-name' as const }
			: null;
	const doc: InputDocument = { name, path, text: decodeText(bytes).text, companions: {}, asOf: fallbackDate?.date ?? null };
	let format: SnapshotFormat | null = named ?? null;
	try {
		assertNotBlocked(doc.text);
		format ??= detectFormat(source, doc);
		doc.companions = loadCompanions(format, path);
		const snapshots = parseDocument(source, format, doc);
		if (!fallbackDate && snapshots.some((x) => !x.publishedAsOf))
			return { kind: 'rejected', format, reason: 'no date: the content states none; put YYYY-MM-DD in the file name or pass --date' };
		return { kind: 'snapshots', format, snapshots, fallbackDate };
	} catch (e) {
		if (e instanceof ParseError) return { kind: 'rejected', format, reason: e.message };
		if (e instanceof NotASnapshotError) return { kind: 'skipped', format, reason: e.message };
		throw e;
	}
}

interface FileWrite {
	file: FileResult;
	added: number[];
}

/**
 * One file: parsed at once, then queued for the batch's transaction, where its run, raw payload and
 * snapshots are written together, so a crash leaves the file wholly imported or not at all (a re-run
 * then completes the work). Skipped files write nothing.
 */
function queueFile(
	db: Db,
	batch: WriteBatch<FileWrite>,
	source: SourceDefinition,
	path: string,
	named: SnapshotFormat | undefined,
	opts: ImportOptions,
	now: () => Date
): void {
	const skip = named ? null : skipReason(source, path);
	if (skip) return batch.add({ rows: 0, bytes: 0 }, () => ({ file: { path, outcome: 'skipped', reason: skip, format: null, snapshots: [] }, added: [] }));

	const startedAt = now();
	const size = statSync(path).size;
	const bytes = size > MAX_IMPORT_BYTES ? null : readFileSync(path);
	const parsed: Parsed = bytes
		? parseFile(source, path, bytes, named, opts)
		: { kind: 'rejected', format: null, reason: `file is ${size} bytes, over the ${MAX_IMPORT_BYTES}-byte import limit` };
	const rows = parsed.kind === 'snapshots' ? parsed.snapshots.reduce((n, s) => n + s.rows.length, 0) : 0;

	batch.add({ rows, bytes: bytes?.length ?? 0 }, (): FileWrite => {
		const runId = startRun(db, { sourceId: source.id, kind: 'import', origin: path, feed: null, startedAt });
		const payloadId = bytes ? storePayload(db, bytes, null, startedAt) : null;
		let outcome: RunOutcome;
		let reason: string | null;
		let snapshots: SnapshotResult[] = [];
		let added: number[] = [];
		if (parsed.kind === 'snapshots') {
			const stored = storeSnapshots(db, source, parsed.snapshots, { origin: path, fetchedAt: startedAt, fallbackDate: parsed.fallbackDate, runId, payloadId, names: batch.names });
			({ outcome, reason } = stored);
			snapshots = stored.results;
			added = stored.addedSnapshotIds;
		} else {
			outcome = parsed.kind;
			reason = parsed.reason;
		}
		finishRun(db, runId, { outcome, reason, finishedAt: now(), bytes: size, payloadId });
		for (const s of snapshots) addRunResult(db, { runId, boardId: s.board, asOf: s.asOf, outcome: s.outcome, reason: s.reason, snapshotId: s.snapshotId });
		return { file: { path, outcome, reason, format: parsed.format?.name ?? null, snapshots }, added };
	});
}
