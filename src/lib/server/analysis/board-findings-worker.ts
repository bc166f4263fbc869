import { isMainThread, parentPort, workerData, type MessagePort, type Worker } from 'node:worker_threads';
import { openDatabase } from '../db/connection';
import { startWorker } from '../worker-start';
import { takeBoards, type BoardFindings, type RebuildBoards } from './analyze';

// A second thread taking boards of a rebuild, on a connection of its own (`computeRebuildAlongside`).
// Started as the worker's main module: built, it is whichever chunk this code landed in, which is why
// the start below is guarded and the URL is taken from here.

const ROLE = 'rankdrift-board-findings';
const workerUrl = new URL(import.meta.url);

interface Setup {
	role: typeof ROLE;
	dbPath: string;
}

type Answer = { findings: Map<number, BoardFindings> } | { error: string };

/**
 * A worker thread that takes boards of one rebuild of the database file at `dbPath`. It starts loading
 * its code when made; `takeBoards` has it read what is committed by then, and it answers once.
 */
export class BoardFindingsWorker {
	private readonly worker: Worker;
	private readonly answer: Promise<Map<number, BoardFindings>>;

	constructor(dbPath: string) {
		const setup: Setup = { role: ROLE, dbPath };
		this.worker = startWorker(workerUrl, setup);
		this.answer = new Promise<Map<number, BoardFindings>>((resolve, reject) => {
			this.worker.once('message', (m: Answer) => ('findings' in m ? resolve(m.findings) : reject(new Error(m.error))));
			this.worker.once('error', reject);
			this.worker.once('exit', (code) => reject(new Error(`the board findings worker stopped (exit code ${code})`)));
		});
		// Never asked (the pass failed first), its end is no error.
		this.answer.catch(() => {});
	}

	/** The findings of the boards it takes from `work` (`takeBoards`). */
	takeBoards(work: RebuildBoards): Promise<Map<number, BoardFindings>> {
		this.worker.postMessage(work);
		return this.answer;
	}

	async close(): Promise<void> {
		await this.worker.terminate();
	}
}

function serve(port: MessagePort, setup: Setup): void {
	port.once('message', (work: RebuildBoards) => {
		let answer: Answer;
		try {
			const db = openDatabase(setup.dbPath, { readonly: true });
			try {
				answer = { findings: takeBoards(db, work) };
			} finally {
				db.close();
			}
		} catch (e) {
			answer = { error: (e as Error)?.message ?? String(e) };
		}
		port.postMessage(answer);
	});
}

if (!isMainThread && (workerData as Partial<Setup> | null)?.role === ROLE) serve(parentPort!, workerData as Setup);
