// Messages between the server's thread and a read worker (src/lib/server/reads/worker.ts).

/** The server asks a worker to answer one dataset request (`search` is the URL's query string). */
export interface OpenRequest {
	type: 'open';
	job: number;
	dataset: string;
	id: string | null;
	search: string;
}

/** The server asks a worker for a history page's data (src/lib/server/web/page-readers.ts). */
export interface PageRequest {
	type: 'page';
	job: number;
	page: string;
	id: string | null;
	search: string;
}

/** The next CSV chunk of an open job, or the end of it (the client left). */
export type FollowRequest = { type: 'pull'; job: number } | { type: 'cancel'; job: number };

export type ToWorker = OpenRequest | PageRequest | FollowRequest;

/** An error as it crosses the thread boundary: its kind says which class it is rebuilt as. */
export interface WireError {
	kind: 'bad-parameter' | 'not-found' | 'database' | 'other';
	message: string;
	param?: string;
	stack?: string;
}

export type FromWorker =
	/** The worker begins the work for the job's last request: the time limit counts from here. */
	| { type: 'started'; job: number }
	/** The worker has made the job's next CSV chunk ahead of the pull for it (begun with a `started`): the time limit stops. */
	| { type: 'prepared'; job: number }
	| { type: 'json'; job: number; body: string; next: string | null }
	/** A page's data, copied across as structured data. */
	| { type: 'data'; job: number; data: unknown }
	/**
	 * A CSV chunk; the first one carries the file name. `done`: no more after it (text may then be empty).
	 * Text, encoded by the server's thread: bytes transferred from the worker were freed only when the
	 * server's thread next collected garbage, which it seldom does when it only passes data on (+77 MB
	 * over fifteen 5.7 MB downloads, against +24 MB with text).
	 */
	| { type: 'chunk'; job: number; text: string; done: boolean; filename?: string }
	| { type: 'error'; job: number; error: WireError };

/** What the worker is started with. */
export interface WorkerSetup {
	role: typeof READ_WORKER_ROLE;
	dbPath: string;
}

export const READ_WORKER_ROLE = 'rankdrift-read-worker';
