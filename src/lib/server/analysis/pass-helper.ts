import { isMainThread, MessageChannel, parentPort, receiveMessageOnPort, workerData, type MessagePort, type Worker } from 'node:worker_threads';
import { openDatabase, type Db } from '../db/connection';
import { startWorker } from '../worker-start';
import { doSideWork, type AnalysisOptions, type Elsewhere, type SideResults, type SideWork } from './analyze';

// A second thread computing a share of each analysis pass (a step-by-step pass's pair findings, a
// rebuild's category-board events), on a read-only connection of its own.
// Started as the worker's main module: built, it is whichever chunk this code landed in, which is why
// the start below is guarded and the URL is taken from here.

const ROLE = 'rankdrift-pass-helper';
const workerUrl = new URL(import.meta.url);

interface Setup {
	role: typeof ROLE;
	dbPath: string;
}

interface Line {
	port: MessagePort;
	/** Set to the number of the task answered, so the waiting thread wakes. */
	answered: Int32Array;
}

interface Task {
	n: number;
	work: SideWork;
	opts: AnalysisOptions;
}

type Answer = { n: number; kind: SideWork['kind']; result: SideResults[SideWork['kind']] } | { n: number; error: string };

// A share at the scale set takes about a second; far past this the thread is taken for dead.
const GIVE_UP_MS = 10 * 60_000;
// Unused this long, the thread is stopped (its view cache is memory a quiet server need not hold).
const IDLE_MS = 30_000;

/**
 * A worker thread computing a share of each pass (`doSideWork`) while the pass's own thread computes the
 * rest. The pipeline is synchronous, so the answer is waited for by blocking on shared memory, then read
 * off the port. Anything wrong (no answer, an error) is answered with null, the thread is stopped, and
 * the pass computes the share itself.
 */
export class PassHelper implements Elsewhere {
	private readonly worker: Worker;
	private readonly port: MessagePort;
	private readonly answered = new Int32Array(new SharedArrayBuffer(4));
	private asked = 0;
	private idle: NodeJS.Timeout | null = null;
	private closed = false;

	constructor(readonly dbPath: string) {
		const setup: Setup = { role: ROLE, dbPath };
		this.worker = startWorker(workerUrl, setup);
		// It must never keep a command from exiting; a failure shows as no answer.
		this.worker.unref();
		this.worker.on('error', () => this.close());
		const { port1, port2 } = new MessageChannel();
		this.port = port1;
		const line: Line = { port: port2, answered: this.answered };
		this.worker.postMessage(line, [port2]);
	}

	get usable(): boolean {
		return !this.closed;
	}

	start(work: SideWork, opts: AnalysisOptions): void {
		if (this.idle) clearTimeout(this.idle);
		const task: Task = { n: ++this.asked, work, opts };
		this.port.postMessage(task);
	}

	take<K extends SideWork['kind']>(kind: K): SideResults[K] | null {
		const n = this.asked;
		const deadline = Date.now() + GIVE_UP_MS;
		while (Atomics.load(this.answered, 0) !== n) {
			if (this.closed || Date.now() > deadline) return this.fail();
			Atomics.wait(this.answered, 0, Atomics.load(this.answered, 0), 1000);
		}
		const answer = receiveMessageOnPort(this.port)?.message as Answer | undefined;
		if (!answer || answer.n !== n || 'error' in answer || answer.kind !== kind) return this.fail();
		this.idle = setTimeout(() => this.close(), IDLE_MS).unref();
		return answer.result as SideResults[K];
	}

	private fail(): null {
		this.close();
		return null;
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		if (this.idle) clearTimeout(this.idle);
		this.port.close();
		void this.worker.terminate();
	}
}

function serve(setup: Setup): void {
	parentPort!.once('message', ({ port, answered }: Line) => {
		port.on('message', (task: Task) => {
			let answer: Answer;
			// A connection per task, closed before the answer: one still open when the process exits (the
			// thread is never waited for) keeps the writer's close from checkpointing and removing the WAL.
			let db: Db | null = null;
			try {
				db = openDatabase(setup.dbPath, { readonly: true });
				answer = { n: task.n, kind: task.work.kind, result: doSideWork(db, task.work, task.opts) };
			} catch (e) {
				answer = { n: task.n, error: (e as Error)?.message ?? String(e) };
			} finally {
				db?.close();
			}
			// Posted before the wake-up, so the waiting thread finds it on the port.
			port.postMessage(answer);
			Atomics.store(answered, 0, task.n);
			Atomics.notify(answered, 0);
		});
	});
}

if (!isMainThread && (workerData as Partial<Setup> | null)?.role === ROLE) serve(workerData as Setup);
