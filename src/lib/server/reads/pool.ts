import type { Worker } from 'node:worker_threads';
import { DatabaseError } from '../db/connection';
import { NotFoundError, ReadUnavailableError } from '../errors';
import { BadParameter } from '../export/params';
import type { Logger } from '../log';
import { READ_WORKER_ROLE, type FromWorker, type OpenRequest, type PageRequest, type ToWorker, type WireError, type WorkerSetup } from './protocol';
import { readWorkerUrl } from './worker';
import { startWorker } from '../worker-start';

export interface ReadPoolOptions {
	/** Workers at most (started when first needed). */
	size: number;
	dbPath: string;
	/** How long one piece of work (an answer, a CSV chunk) may keep a worker busy; 0 = no limit. */
	timeoutMs: number;
	/** A worker without work for this long is ended (memory goes back). */
	idleMs?: number;
	log?: Logger;
}

/** A dataset's answer from a worker: the JSON text, or the CSV as a pulled byte stream. */
export type PooledAnswer = { format: 'json'; body: string; next: string | null } | { format: 'csv'; filename: string; body: ReadableStream<Uint8Array> };

interface Job {
	id: number;
	open: OpenRequest | PageRequest;
	slot: Slot | null;
	/** The outstanding request (the open, or a pull) waiting for its answer. */
	waiter: { resolve(m: FromWorker): void; reject(e: Error): void } | null;
	running: boolean;
	timer: NodeJS.Timeout | null;
	/** Its first chunk has gone out: it cannot be started again elsewhere. */
	streaming: boolean;
	/** Set when its worker was ended: every later pull fails with it. */
	lost: Error | null;
	attempts: number;
}

interface Slot {
	worker: Worker;
	jobs: Set<Job>;
	idle: NodeJS.Timeout | null;
}

const encoder = new TextEncoder();

// A young generation below V8's default: a worker making a long CSV makes short-lived strings at a
// steady pace, and with the default the server's memory grew by 57 MB over fifteen 5.7 MB downloads (37
// MB at 4 MB). Not 4 MB: a page's data (a board's 2,000 rows against the previous snapshot's) then spent
// about a third of a first view collecting garbage (board page at the scale set ~140 → ~105 ms at 8 MB,
// a 1,000,000-row download's growth 44–48 MB either way: most of that was old-generation garbage from
// turning numbers into text, since avoided, 10–16 MB now; see numberCells in export/history-rows.ts).
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

const what = (job: Job) => (job.open.type === 'page' ? `page ${job.open.page}` : `dataset ${job.open.dataset}`);

export function fromWire(e: WireError): Error {
	if (e.kind === 'bad-parameter') return new BadParameter(e.param ?? 'query', e.message);
	if (e.kind === 'not-found') return new NotFoundError(e.message);
	const error = e.kind === 'database' ? new DatabaseError(e.message) : new Error(e.message);
	if (e.stack) error.stack = e.stack;
	return error;
}

/**
 * A few worker threads, each with a read-only connection, that answer dataset requests off the
 * server's event loop. A worker holds many jobs at once (CSV downloads pull one chunk at a time, so a
 * slow client keeps no worker busy); a piece of work past the time limit ends its worker, which is
 * replaced. Requests a worker had not begun when it was ended are started again on another.
 */
export class ReadPool {
	private slots: Slot[] = [];
	private jobs = new Map<number, Job>();
	private nextId = 1;

	constructor(private readonly options: ReadPoolOptions) {}

	/** Workers running now (the pool starts them when work comes and ends idle ones). */
	get workers(): number {
		return this.slots.length;
	}

	/** A history page's data (src/lib/server/web/page-readers.ts), read by a worker. */
	async runPage(page: string, id: string | null, search: string): Promise<unknown> {
		const job = this.begin({ type: 'page', job: 0, page, id, search });
		const m = await this.first(job);
		this.finish(job);
		if (m.type === 'data') return m.data;
		throw fromWire(m.type === 'error' ? m.error : { kind: 'other', message: `unexpected answer ${m.type}` });
	}

	private begin(open: OpenRequest | PageRequest): Job {
		const job: Job = { id: this.nextId++, open, slot: null, waiter: null, running: false, timer: null, streaming: false, lost: null, attempts: 0 };
		job.open.job = job.id;
		this.jobs.set(job.id, job);
		this.assign(job);
		return job;
	}

	private async first(job: Job): Promise<FromWorker> {
		try {
			return await this.request(job, job.open);
		} catch (e) {
			this.finish(job);
			throw e;
		}
	}

	async run(dataset: string, id: string | null, search: string): Promise<PooledAnswer> {
		const job = this.begin({ type: 'open', job: 0, dataset, id, search });
		const m = await this.first(job);
		if (m.type === 'json') {
			this.finish(job);
			return { format: 'json', body: m.body, next: m.next };
		}
		if (m.type === 'chunk') {
			job.streaming = true;
			if (m.done) this.finish(job);
			return { format: 'csv', filename: m.filename ?? 'export', body: this.stream(job, m.text, m.done) };
		}
		this.finish(job);
		throw fromWire(m.type === 'error' ? m.error : { kind: 'other', message: `unexpected answer ${m.type}` });
	}

	/** Ends every worker (server shutdown, tests). */
	async close(): Promise<void> {
		const slots = this.slots;
		this.slots = [];
		for (const job of this.jobs.values()) this.fail(job, new ReadUnavailableError('The server is stopping.', 1));
		await Promise.all(slots.map((s) => s.worker.terminate()));
	}

	private stream(job: Job, first: string, done: boolean): ReadableStream<Uint8Array> {
		let ended = done;
		return new ReadableStream<Uint8Array>(
			{
				start: (controller) => {
					if (first) controller.enqueue(encoder.encode(first));
					if (done) controller.close();
				},
				pull: async (controller) => {
					let m: FromWorker;
					try {
						m = await this.request(job, { type: 'pull', job: job.id });
					} catch (e) {
						ended = true;
						this.finish(job);
						this.options.log?.warn('export stream cut off', { what: what(job), error: (e as Error).message });
						return controller.error(e);
					}
					if (m.type === 'chunk') {
						if (m.text) controller.enqueue(encoder.encode(m.text));
						if (m.done) {
							ended = true;
							this.finish(job);
							controller.close();
						}
						return;
					}
					ended = true;
					this.finish(job);
					const error = fromWire(m.type === 'error' ? m.error : { kind: 'other', message: `unexpected answer ${m.type}` });
					this.options.log?.error('export stream failed', { what: what(job), error: error.stack ?? error.message });
					controller.error(error);
				},
				cancel: () => {
					if (ended) return;
					ended = true;
					if (job.slot && !job.lost) this.post(job.slot, { type: 'cancel', job: job.id });
					this.finish(job);
				}
			},
			// A few chunks asked for ahead keep the socket busy; bounded, so memory stays flat.
			new ByteLengthQueuingStrategy({ highWaterMark: 256 * 1024 })
		);
	}

	private request(job: Job, message: ToWorker): Promise<FromWorker> {
		if (job.lost) return Promise.reject(job.lost);
		return new Promise((resolve, reject) => {
			job.waiter = { resolve, reject };
			this.post(job.slot!, message);
		});
	}

	private post(slot: Slot, message: ToWorker): void {
		slot.worker.postMessage(message);
	}

	/** The least busy worker, a new one while there are fewer than `size`. */
	private assign(job: Job): void {
		let slot = this.slots.find((s) => s.jobs.size === 0);
		if (!slot && this.slots.length < this.options.size) slot = this.start();
		slot ??= this.slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
		if (slot.idle) clearTimeout(slot.idle);
		slot.idle = null;
		slot.jobs.add(job);
		job.slot = slot;
		job.attempts++;
	}

	private start(): Slot {
		const setup: WorkerSetup = { role: READ_WORKER_ROLE, dbPath: this.options.dbPath };
		const worker = startWorker(readWorkerUrl, setup, WORKER_LIMITS);
		worker.unref();
		const slot: Slot = { worker, jobs: new Set(), idle: null };
		worker.on('message', (m: FromWorker) => this.receive(m));
		worker.on('error', (e) => {
			this.options.log?.error('read worker failed', { error: e.stack ?? String(e) });
			this.retire(slot, null);
		});
		worker.on('exit', (code) => {
			// Ended by the pool (idle, time limit, shutdown) it is already gone from the slots; otherwise say so.
			if (this.slots.includes(slot)) this.options.log?.error('read worker exited on its own', { code, jobs: slot.jobs.size });
			this.retire(slot, null);
		});
		this.slots.push(slot);
		return slot;
	}

	private receive(m: FromWorker): void {
		const job = this.jobs.get(m.job);
		if (!job) return;
		if (m.type === 'prepared') return this.settle(job);
		if (m.type === 'started') {
			job.running = true;
			if (this.options.timeoutMs > 0) job.timer = setTimeout(() => this.timedOut(job), this.options.timeoutMs);
			return;
		}
		this.settle(job);
		const waiter = job.waiter;
		job.waiter = null;
		waiter?.resolve(m);
	}

	private settle(job: Job): void {
		if (job.timer) clearTimeout(job.timer);
		job.timer = null;
		job.running = false;
	}

	private timedOut(job: Job): void {
		const seconds = this.options.timeoutMs / 1000;
		this.options.log?.warn('query over its time limit: worker ended', { what: what(job), search: job.open.search.slice(0, 200), seconds });
		const message = `This request took longer than the server allows one query (${seconds} s) and was stopped. Ask for less (a board, a date range, a limit) or try again later.`;
		if (job.slot) this.retire(job.slot, job, new ReadUnavailableError(message, 10));
	}

	/**
	 * Ends a worker: `culprit` (if any) fails with `reason`; requests it had not begun go to another
	 * worker (once); downloads already under way fail with a retryable error.
	 */
	private retire(slot: Slot, culprit: Job | null, reason?: Error): void {
		const at = this.slots.indexOf(slot);
		if (at < 0) return;
		this.slots.splice(at, 1);
		if (slot.idle) clearTimeout(slot.idle);
		void slot.worker.terminate();
		for (const job of slot.jobs) {
			job.slot = null;
			if (job === culprit) {
				this.fail(job, reason!);
				continue;
			}
			const restartable = !job.streaming && !job.running && job.attempts < 2 && job.waiter;
			if (restartable) {
				this.settle(job);
				this.assign(job);
				this.post(job.slot!, job.open);
			} else this.fail(job, new ReadUnavailableError('The server restarted the worker running this request. Try again.', 1));
		}
	}

	private fail(job: Job, error: Error): void {
		this.settle(job);
		job.lost = error;
		const waiter = job.waiter;
		job.waiter = null;
		waiter?.reject(error);
	}

	private finish(job: Job): void {
		this.settle(job);
		this.jobs.delete(job.id);
		const slot = job.slot;
		if (!slot) return;
		slot.jobs.delete(job);
		if (slot.jobs.size === 0 && !slot.idle && this.slots.includes(slot))
			slot.idle = setTimeout(() => this.retireIdle(slot), this.options.idleMs ?? 60_000).unref();
	}

	private retireIdle(slot: Slot): void {
		slot.idle = null;
		if (slot.jobs.size === 0) this.retire(slot, null);
	}
}
