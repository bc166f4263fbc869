import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { findFormat, prepareFile } from '../lib/server/ingest/import-files';
import { sourceDefinition } from '../sources';
import { toWire, type WirePreparedFile } from './prepared-wire';

// An import's parse worker: reads, packs and parses the files an import will write, ahead of the
// thread writing them (parse-ahead.ts). Started as the worker's main module: built, it is whichever
// chunk this code landed in, which is why the start below is guarded and the URL is taken from here.

export const PARSE_WORKER_ROLE = 'rankdrift-parse';
export const parseWorkerUrl = new URL(import.meta.url);

export interface ParseRequest {
	id: number;
	source: string;
	path: string;
	format: string | null;
	date: string | null;
}

export type ParseAnswer = { id: number; prepared: WirePreparedFile } | { id: number; error: { message: string; stack?: string } };

function serve(port: MessagePort): void {
	port.on('message', (m: ParseRequest) => {
		let answer: ParseAnswer;
		try {
			const source = sourceDefinition(m.source);
			if (!source) throw new Error(`no source ${m.source}`);
			answer = { id: m.id, prepared: toWire(prepareFile(source, m.path, m.format ? findFormat(source, m.format) : undefined, m.date ?? undefined)) };
		} catch (e) {
			answer = { id: m.id, error: { message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack } };
		}
		port.postMessage(answer);
	});
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === PARSE_WORKER_ROLE) serve(parentPort!);
