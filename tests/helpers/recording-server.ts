import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse, hit: number) => unknown;

export interface RecordingServer {
	url: string;
	/** Requests seen per path (query included), in order. */
	hits: Map<string, number>;
	/** Largest number of requests in flight at once. */
	maxConcurrent: number;
	route(path: string, handler: Route): void;
	close(): Promise<void>;
}

/** A real local HTTP server standing in for a leaderboard site: routes serve recorded bytes or misbehave on purpose. */
export async function startRecordingServer(): Promise<RecordingServer> {
	const routes = new Map<string, Route>();
	const hits = new Map<string, number>();
	let inFlight = 0;
	const state = { maxConcurrent: 0 };
	const sockets = new Set<import('node:net').Socket>();
	const server: Server = createServer(async (req, res) => {
		inFlight++;
		state.maxConcurrent = Math.max(state.maxConcurrent, inFlight);
		res.on('close', () => inFlight--);
		const url = new URL(req.url ?? '/', 'http://x');
		const key = url.pathname + url.search;
		const n = (hits.get(key) ?? 0) + 1;
		hits.set(key, n);
		const handler = routes.get(key) ?? routes.get(url.pathname);
		if (!handler) {
			res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
			return;
		}
		await handler(req, res, n);
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		hits,
		get maxConcurrent() {
			return state.maxConcurrent;
		},
		route(path, handler) {
			routes.set(path, handler);
		},
		close() {
			for (const s of sockets) s.destroy();
			return new Promise((r) => server.close(() => r()));
		}
	};
}

export const serveBytes = (body: string | Uint8Array, type = 'text/html; charset=utf-8'): Route => (_req, res) => {
	res.writeHead(200, { 'content-type': type }).end(body);
};
