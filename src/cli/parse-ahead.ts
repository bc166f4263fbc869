import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { prepareFile, type FilePreparer, type PreparedFile, type PreparedFiles } from '../lib/server/ingest/import-files';
import type { SnapshotFormat, SourceDefinition } from '../lib/catalogue/contract';
import { startWorker } from '../lib/server/worker-start';
import { PARSE_WORKER_ROLE, parseWorkerUrl, type ParseAnswer } from './parse-worker';
import { fromWire } from './prepared-wire';

// How far files are prepared ahead of the file being written, in file bytes: about a write batch's
// worth (write-batch.ts), so the next batch's files are ready while this thread commits one.
const AHEAD_BYTES = 32 * 1024 * 1024;
// What the worker is given beyond what it has answered, in file bytes. Its answers are read only
// when this thread waits, so enough to keep it busy while this thread stores; the rest of the window
// is left for this thread to prepare itself instead of waiting (`whileWaiting`). Not more: what the
// worker holds at the end of an import, this thread can only wait for (the recorded import, 9 runs
// alternating: 5.8 s at 2 MB, 6.1 s at 4 MB).
const WORKER_BACKLOG_BYTES = 2 * 1024 * 1024;
// This thread prepares only small files: while it parses, the file it waits for may come in, and is
// taken only once it is done.
const PREPARE_HERE_MAX_BYTES = 1024 * 1024;

interface Planned {
	source: SourceDefinition;
	path: string;
	named: SnapshotFormat | undefined;
	date: string | undefined;
	size: number;
	answer?: Promise<PreparedFile>;
	settled?: boolean;
}

/** A file prepared on this thread (a failure is the answer's, reported when the file is taken). */
function preparedHere(item: Planned): Promise<PreparedFile> {
	return new Promise((resolve) => resolve(prepareFile(item.source, item.path, item.named, item.date)));
}

/** Its size, or 0 when it cannot be read (the worker then says why). */
function fileSize(path: string): number {
	try {
		return statSync(path).size;
	} catch {
		return 0;
	}
}

/**
 * One worker thread that reads and parses an import's files while this thread writes them
 * (`importFilesAhead`): on two cores the parsing, about a third of an import, is then off the writer's
 * path, and while it would wait for the worker this thread prepares small files itself
 * (`prepareHere`). Files are handed over in the order planned; a command importing several sources
 * plans them all first (`plan`), so the worker goes on to the next source while this one's last files
 * are written.
 */
export class ParseAhead implements FilePreparer {
	private worker: Worker | null = null;
	private nextId = 1;
	private waiting = new Map<number, { size: number; resolve(p: PreparedFile): void; reject(e: Error): void }>();
	private failed: Error | null = null;
	private queue: Planned[] = [];
	private asked = 0;
	private taken = 0;
	private ahead = 0;

	/**
	 * @param whileIdle work of this command's own, done early when this thread would wait for the
	 * worker with no file left it may prepare (at each such wait, so it should be incremental). Only
	 * early: a failure is left for the command to meet when it does that work for real.
	 */
	constructor(private readonly whileIdle: () => void = () => {}) {}

	/** Files that will be asked for, in this order, after those planned before. */
	plan(source: SourceDefinition, paths: string[], named: SnapshotFormat | undefined, date: string | undefined): void {
		for (const path of paths) this.queue.push({ source, path, named, date, size: fileSize(path) });
		this.askAhead();
	}

	/** The prepared files of one import (`importFilesAhead`), planned now unless they were. */
	prepare(source: SourceDefinition, paths: string[], named: SnapshotFormat | undefined, date: string | undefined): PreparedFiles {
		const next = this.queue[this.taken];
		if (paths.length && (next?.source !== source || next.path !== paths[0])) {
			// Not what was planned: what is left of the plan is dropped (answers nobody will take).
			this.queue.length = this.taken;
			this.asked = this.taken;
			this.ahead = 0;
			this.plan(source, paths, named, date);
		}
		let left = paths.length;
		return {
			ready: () => this.nextReady(),
			next: () => (left-- > 0 ? this.take() : Promise.reject(new Error('asked for more files than were planned'))),
			whileWaiting: () => this.prepareHere()
		};
	}

	async close(): Promise<void> {
		const worker = this.worker;
		this.worker = null;
		await worker?.terminate();
	}

	private take(): Promise<PreparedFile> {
		this.askAhead();
		const item = this.queue[this.taken++];
		this.ahead -= item.size;
		const answer = item.answer!;
		// Handed over: the plan keeps no parsed rows.
		item.answer = undefined;
		return answer;
	}

	/** File bytes given to the worker and not answered yet. */
	private backlog(): number {
		let bytes = 0;
		for (const w of this.waiting.values()) bytes += w.size;
		return bytes;
	}

	private nextReady(): boolean {
		return this.queue[this.taken]?.settled === true;
	}

	private askAhead(): void {
		// At least one, whatever its size.
		while (this.asked < this.queue.length && (this.asked === this.taken || (this.ahead < AHEAD_BYTES && this.backlog() < WORKER_BACKLOG_BYTES))) {
			// A single file is prepared here: the worker's start would cost more than it saves.
			this.askNext((item) => (this.queue.length === 1 && !this.worker ? preparedHere(item) : this.ask(item)));
		}
	}

	/**
	 * The file asked for is not ready: rather than wait, this thread prepares the next small files not
	 * yet given to the worker, one at a time, looking for the worker's answers in between. On two cores
	 * it would otherwise sit idle while the worker starts and whenever parsing is behind.
	 */
	private async prepareHere(): Promise<void> {
		while (!this.nextReady()) {
			const item = this.queue[this.asked];
			if (!item || this.ahead >= AHEAD_BYTES) return this.idle();
			// A large file goes to the worker, however much it holds already; this thread goes on to the next.
			this.askNext(item.size > PREPARE_HERE_MAX_BYTES ? (large) => this.ask(large) : preparedHere);
			await new Promise((resolve) => setImmediate(resolve));
		}
	}

	private idle(): void {
		try {
			this.whileIdle();
		} catch {
			// Done again, and reported, where the command needs it.
		}
	}

	private askNext(answerOf: (item: Planned) => Promise<PreparedFile>): void {
		const item = this.queue[this.asked++];
		this.ahead += item.size;
		item.answer = answerOf(item);
		const settle = () => {
			item.settled = true;
		};
		// Asked ahead, it may fail (the worker lost) before it is awaited: that is reported when it is.
		item.answer.then(settle, settle);
	}

	private ask(item: Planned): Promise<PreparedFile> {
		if (this.failed) return Promise.reject(this.failed);
		const id = this.nextId++;
		const answer = new Promise<PreparedFile>((resolve, reject) => this.waiting.set(id, { size: item.size, resolve, reject }));
		this.start().postMessage({ id, source: item.source.id, path: item.path, format: item.named?.name ?? null, date: item.date ?? null });
		return answer;
	}

	private start(): Worker {
		if (this.worker) return this.worker;
		const worker = (this.worker = startWorker(parseWorkerUrl, { role: PARSE_WORKER_ROLE }));
		worker.on('message', (m: ParseAnswer) => {
			const waiter = this.waiting.get(m.id);
			this.waiting.delete(m.id);
			this.askAhead();
			if ('prepared' in m) return waiter?.resolve(fromWire(m.prepared));
			const error = new Error(m.error.message);
			if (m.error.stack) error.stack = m.error.stack;
			waiter?.reject(error);
		});
		const lost = (error: Error) => {
			this.failed = error;
			for (const waiter of this.waiting.values()) waiter.reject(error);
			this.waiting.clear();
		};
		worker.on('error', lost);
		worker.on('exit', (code) => {
			if (this.worker === worker) lost(new Error(`the parse worker stopped (exit code ${code})`));
		});
		return worker;
	}
}
