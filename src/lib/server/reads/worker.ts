import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { config } from '../config';
import type { AppContext } from '../context';
import { openDatabase, DatabaseError, describeSqliteError, type Db } from '../db/connection';
import { NotFoundError } from '../errors';
import { answerDataset, formatOf } from '../export/answer';
import { findDataset } from '../export/datasets';
import { BadParameter, Params } from '../export/params';
import { isPageName, PAGE_READERS } from '../web/page-readers';
import { createLogger } from '../log';
import { READ_WORKER_ROLE, type FromWorker, type ToWorker, type WireError, type WorkerSetup } from './protocol';

// A read worker: read-only connections, answering dataset requests and history-page loads with the same
// code the server's thread runs (export/answer.ts, web/page-readers.ts), so the answers are the same. Its heavy SQLite work keeps
// only this thread busy. The file is started as the worker's main module: built, it is whichever chunk
// this code landed in, which is why the start below is guarded and the URL is taken from here.

/** The module to start a worker with (this file, or the built chunk holding it). */
export const readWorkerUrl = new URL(import.meta.url);

export function toWire(e: unknown): WireError {
	if (e instanceof BadParameter) return { kind: 'bad-parameter', param: e.param, message: e.message };
	if (e instanceof NotFoundError) return { kind: 'not-found', message: e.message };
	if (e instanceof DatabaseError) return { kind: 'database', message: e.message, stack: e.stack };
	return { kind: 'other', message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack };
}

function serve(port: MessagePort, setup: WorkerSetup): void {
	// Two connections, as the server's thread has (app-context.ts): pages and JSON with a modest page
	// cache, CSV downloads with a small one (a download reads each page once and would push out the rest).
	const connections = new Map<'reads' | 'downloads', Db>();
	const context = (use: 'reads' | 'downloads'): AppContext => {
		let db = connections.get(use);
		if (!db) connections.set(use, (db = openDatabase(setup.dbPath, { readonly: true, cacheMb: use === 'reads' ? 16 : 2 })));
		return { db, config: config(), clock: () => new Date(), log: createLogger('read-worker') };
	};
	// An open download's chunks, and the answer to its next pull when it was made ahead.
	const open = new Map<number, { chunks: Generator<string, void, undefined>; ready: FromWorker | null }>();
	const send = (m: FromWorker) => port.postMessage(m);

	function nextChunk(job: number, chunks: Generator<string, void, undefined>, filename?: string): FromWorker {
		try {
			const next = chunks.next();
			return { type: 'chunk', job, text: next.done ? '' : next.value, done: !!next.done, ...(filename !== undefined ? { filename } : {}) };
		} catch (e) {
			chunks.return(undefined);
			return { type: 'error', job, error: toWire(describeSqliteError(e, setup.dbPath)) };
		}
	}

	/**
	 * Sends a download's answer, then, when it is this worker's only download, makes the next chunk at
	 * once, while the server's thread encodes and writes this one: making and writing overlap instead of
	 * taking turns, and the next pull is answered without waiting. With other downloads open the worker
	 * never waits (their pulls keep it busy), and making ahead would only add to the server thread's
	 * bursts. The making ahead is a piece of work like any other, under the time limit.
	 */
	function answerPull(job: number, answer: FromWorker): void {
		send(answer);
		const download = open.get(job);
		if (!download) return;
		if (answer.type !== 'chunk' || answer.done) {
			open.delete(job);
			return;
		}
		if (open.size > 1) return;
		send({ type: 'started', job });
		download.ready = nextChunk(job, download.chunks);
		send({ type: 'prepared', job });
	}

	port.on('message', (m: ToWorker) => {
		if (m.type === 'cancel') {
			open.get(m.job)?.chunks.return(undefined);
			open.delete(m.job);
			return;
		}
		send({ type: 'started', job: m.job });
		try {
			if (m.type === 'pull') {
				const download = open.get(m.job);
				if (!download) return;
				const answer = download.ready ?? nextChunk(m.job, download.chunks);
				download.ready = null;
				return answerPull(m.job, answer);
			}
			if (m.type === 'page') {
				if (!isPageName(m.page)) throw new Error(`no page reader ${m.page}`);
				const query = new URLSearchParams(m.search);
				const data = PAGE_READERS[m.page](context('reads'), m.id, new Params(query), query);
				return send({ type: 'data', job: m.job, data });
			}
			const definition = findDataset(m.dataset);
			if (!definition) throw new Error(`no dataset ${m.dataset}`);
			const search = new URLSearchParams(m.search);
			const answer = answerDataset(context(formatOf(search) === 'csv' ? 'downloads' : 'reads'), definition, m.id, search);
			if (answer.format === 'json') return send({ type: 'json', job: m.job, body: answer.body, next: answer.next });
			open.set(m.job, { chunks: answer.chunks, ready: null });
			answerPull(m.job, nextChunk(m.job, answer.chunks, answer.filename));
		} catch (e) {
			open.get(m.job)?.chunks.return(undefined);
			open.delete(m.job);
			send({ type: 'error', job: m.job, error: toWire(describeSqliteError(e, setup.dbPath)) });
		}
	});
}

if (!isMainThread && (workerData as WorkerSetup | null)?.role === READ_WORKER_ROLE) serve(parentPort!, workerData as WorkerSetup);
