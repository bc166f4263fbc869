import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Db } from '../db/connection';
import { packPayload, storePackedPayload, type PackedPayload } from '../db/payloads';
import { addRunResult, finishRun, startRun, type RunOutcome } from '../db/runs';
import { isIsoDate } from '../../snapshots/snapshot';
import { NotASnapshotError, ParseError } from '../../catalogue/errors';
import { parseDocument, readySnapshot, storeReadySnapshots, type IngestContext, type ReadySnapshot, type SnapshotResult } from './ingest';
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

/** Why a file is not a snapshot to parse; a file given with a named format is always parsed. */
function skipReason(source: SourceDefinition, named: SnapshotFormat | undefined, path: string): string | null {
	if (named) return null;
	for (const [re, why] of GENERIC_SKIPS) if (re.test(basename(path))) return why;
	return source.skipReason?.(path) ?? null;
}

/** The files under `paths` an import will read and parse, in order (to plan reading them ahead). */
export function filesToParse(source: SourceDefinition, paths: string[], named?: SnapshotFormat): string[] {
	return listImportFiles(paths).filter((path) => skipReason(source, named, path) === null);
}

function loadCompanions(format: SnapshotFormat, path: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const name of format.companions?.(path) ?? []) {
		const p = join(dirname(path), name);
		if (existsSync(p)) out[name] = decodeText(readFileSync(p)).text;
	}
	return out;
}

/** A file's turn made without the database (so it can be made on another thread): read, packed for the payload store, parsed. */
export interface PreparedFile {
	/** Its size on disk (a file over the import limit is not read). */
	size: number;
	payload: PackedPayload | null;
	parsed: Parsed;
}

/** Reads and parses an import's files somewhere else (a worker thread) while the import writes. */
export interface FilePreparer {
	/** Hands `paths` (the files to parse, in order) back prepared, one at a time, in that order. */
	prepare(source: SourceDefinition, paths: string[], named: SnapshotFormat | undefined, date: string | undefined): PreparedFiles;
}

/** Prepared files handed over in the order asked for (see `importFilesAhead`). */
export interface PreparedFiles {
	next(): Promise<PreparedFile>;
	/** Whether the next one is ready now (else the writer has time to commit what it holds). */
	ready(): boolean;
	/** The next one is not ready and what was held is committed: time this thread may spend preparing files itself. */
	whileWaiting(): Promise<void>;
}

/**
 * Rows worth a commit while the writer waits for the next file. Waiting with a batch half full would
 * leave this thread idle while the parser works; committing a few rows at a time would write the
 * same index pages again and again (write-batch.ts).
 */
const COMMIT_WHILE_WAITING_ROWS = 10_000;

/**
 * Imports recorded files for one source: each file is one run with its raw bytes kept, parsed by the
 * named or detected format, validated, and stored under the storage rules (added, unchanged, superseded,
 * held); unreadable files are rejected with a reason and store nothing but the run and the payload.
 */
export function importFiles(db: Db, source: SourceDefinition, paths: string[], opts: ImportOptions = {}): ImportSummary {
	const run = importing(db, source, paths, opts);
	for (let step = run.next(); ; ) {
		if (step.done) return step.value;
		step = run.next(prepareFile(source, step.value.path, step.value.named, opts.date));
	}
}

/** `importFiles` with the files read and parsed by `preparer` (on a worker thread) while this thread writes. */
export async function importFilesAhead(db: Db, source: SourceDefinition, paths: string[], opts: ImportOptions, preparer: FilePreparer): Promise<ImportSummary> {
	const run = importing(db, source, paths, opts);
	let step = run.next();
	if (step.done) return step.value;
	const prepared = preparer.prepare(source, step.value.toParse, step.value.named, opts.date);
	for (;;) {
		if (step.done) return step.value;
		if (!prepared.ready()) {
			step.value.waiting();
			await prepared.whileWaiting();
		}
		step = run.next(await prepared.next());
	}
}

interface ParseStep {
	path: string;
	named: SnapshotFormat | undefined;
	/** Every file of this import that will be asked for, in order (for reading ahead). */
	toParse: string[];
	/** The file is not ready yet: a chance to commit what is queued. */
	waiting(): void;
}

/** An import's bookkeeping and writes; it yields each file it needs parsed and is handed back its prepared form. */
function* importing(db: Db, source: SourceDefinition, paths: string[], opts: ImportOptions): Generator<ParseStep, ImportSummary, PreparedFile> {
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
	const skips = files.map((path) => skipReason(source, named, path));
	const toParse = files.filter((_, i) => skips[i] === null);
	const waiting = () => {
		if (batch.queuedRows >= COMMIT_WHILE_WAITING_ROWS) batch.flush();
	};
	for (const [i, path] of files.entries()) {
		opts.onProgress?.(i, files.length, path);
		const skip = skips[i];
		if (skip) batch.add({ rows: 0, bytes: 0 }, () => ({ file: { path, outcome: 'skipped', reason: skip, format: null, snapshots: [] }, added: [] }));
		else {
			const startedAt = now();
			queueFile(db, batch, source, path, yield { path, named, toParse, waiting }, startedAt, now);
		}
	}
	batch.flush();
	opts.onProgress?.(files.length, files.length, '');
	return summary;
}

type Parsed =
	| { kind: 'snapshots'; format: string; snapshots: ReadySnapshot[]; fallbackDate: IngestContext['fallbackDate'] }
	| { kind: 'rejected' | 'skipped'; format: string | null; reason: string };

/** The pure half of an import: a file in, its bytes packed and parsed (snapshots made ready to store, or the reason there are none). */
export function prepareFile(source: SourceDefinition, path: string, named: SnapshotFormat | undefined, date: string | undefined): PreparedFile {
	const size = statSync(path).size;
	if (size > MAX_IMPORT_BYTES)
		return { size, payload: null, parsed: { kind: 'rejected', format: null, reason: `file is ${size} bytes, over the ${MAX_IMPORT_BYTES}-byte import limit` } };
	const bytes = readFileSync(path);
	return { size, payload: packPayload(bytes), parsed: parseFile(source, path, bytes, named, date) };
}

function parseFile(source: SourceDefinition, path: string, bytes: Buffer, named: SnapshotFormat | undefined, date: string | undefined): Parsed {
	if (bytes.length === 0) return { kind: 'rejected', format: null, reason: 'empty: the file has no content' };
	if (looksBinary(bytes)) return { kind: 'rejected', format: null, reason: 'not a text file (binary content)' };
	const name = basename(path);
	// JSON and HTML captures may well be one long line; a CSV may not.
	const long = /\.(csv|tsv)$/i.test(name) ? overlongLine(bytes, MAX_CSV_LINE_BYTES) : null;
	if (long !== null) return { kind: 'rejected', format: null, reason: `line ${long} is over ${MAX_CSV_LINE_BYTES / 1024 / 1024} MB: not a leaderboard table` };
	const fileDate = dateInName(name);
	const fallbackDate = date
		? { date, basis: 'option' as const }
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
			return { kind: 'rejected', format: format.name, reason: 'no date: the content states none; put YYYY-MM-DD in the file name or pass --date' };
		return { kind: 'snapshots', format: format.name, snapshots: snapshots.map(readySnapshot), fallbackDate };
	} catch (e) {
		if (e instanceof ParseError) return { kind: 'rejected', format: format?.name ?? null, reason: e.message };
		if (e instanceof NotASnapshotError) return { kind: 'skipped', format: format?.name ?? null, reason: e.message };
		throw e;
	}
}

interface FileWrite {
	file: FileResult;
	added: number[];
}

/**
 * One file, prepared, queued for the batch's transaction, where its run, raw payload and snapshots
 * are written together, so a crash leaves the file wholly imported or not at all (a re-run then
 * completes the work).
 */
function queueFile(db: Db, batch: WriteBatch<FileWrite>, source: SourceDefinition, path: string, prepared: PreparedFile, startedAt: Date, now: () => Date): void {
	const { size, payload, parsed } = prepared;
	const rows = parsed.kind === 'snapshots' ? parsed.snapshots.reduce((n, s) => n + s.rows.length, 0) : 0;

	batch.add({ rows, bytes: payload?.size ?? 0 }, (): FileWrite => {
		const runId = startRun(db, { sourceId: source.id, kind: 'import', origin: path, feed: null, startedAt });
		const payloadId = payload ? storePackedPayload(db, payload, null, startedAt) : null;
		let outcome: RunOutcome;
		let reason: string | null;
		let snapshots: SnapshotResult[] = [];
		let added: number[] = [];
		if (parsed.kind === 'snapshots') {
			const stored = storeReadySnapshots(db, source, parsed.snapshots, { origin: path, fetchedAt: startedAt, fallbackDate: parsed.fallbackDate, runId, payloadId, names: batch.names });
			({ outcome, reason } = stored);
			snapshots = stored.results;
			added = stored.addedSnapshotIds;
		} else {
			outcome = parsed.kind;
			reason = parsed.reason;
		}
		finishRun(db, runId, { outcome, reason, finishedAt: now(), bytes: size, payloadId });
		for (const s of snapshots) addRunResult(db, { runId, boardId: s.board, asOf: s.asOf, outcome: s.outcome, reason: s.reason, snapshotId: s.snapshotId });
		return { file: { path, outcome, reason, format: parsed.format, snapshots }, added };
	});
}
