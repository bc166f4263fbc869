// The benchmark's HTTP client, a process of its own (remote-client.ts starts it). Timed from the
// benchmark's own process, a request also paid for that process: after building the scale set its heap
// is large, and a full collection landing in a timed request doubled a warm page's p95 (34 ms; 5 ms in a
// run that had not built the set). A small process does nothing but ask and time, as a browser or curl would.

export type ClientOp =
	| { op: 'times'; url: string; n: number; warmup: number }
	| { op: 'stream'; url: string }
	| { op: 'probe'; url: string; client: string; everyMs: number }
	| { op: 'stop-probe' };

export interface Streamed {
	ms: number;
	status: number;
	bytes: number;
	lines: number;
}

/**
 * One request timed whole, its body read as it comes and thrown away (never gathered: see contention.ts),
 * its bytes counted and, with `countLines`, its lines.
 */
export async function timedRequest(url: string, headers: Record<string, string> = {}, countLines = false): Promise<Streamed & { error?: string }> {
	const t0 = performance.now();
	let bytes = 0;
	let lines = 0;
	try {
		// A kept-alive socket the server closes as the next request goes out fails before any answer: the
		// request is sent again, as a browser does, and timed whole.
		const res = await fetch(url, { headers }).catch(() => fetch(url, { headers }));
		for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
			bytes += chunk.byteLength;
			if (countLines) for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
		}
		return { ms: performance.now() - t0, status: res.status, bytes, lines };
	} catch (e) {
		// A download cut off part-way is a request not served, counted and reported, not the end of the run.
		const cause = ((e as Error).cause as Error | undefined)?.message ?? 'no cause';
		return { ms: performance.now() - t0, status: 0, bytes, lines, error: `${url}: ${(e as Error).message} (${cause})` };
	}
}

async function times(url: string, n: number, warmup: number): Promise<number[]> {
	for (let i = 0; i < warmup; i++) await timedRequest(url);
	const out: number[] = [];
	for (let i = 0; i < n; i++) {
		const r = await timedRequest(url);
		if (r.status !== 200) throw new Error(`${url} answered ${r.status}${r.error ? `: ${r.error}` : ''}`);
		out.push(r.ms);
	}
	return out;
}

let probing: { stop(): Promise<number[]> } | null = null;

function probe(url: string, client: string, everyMs: number): void {
	let running = true;
	const done = (async () => {
		const waits: number[] = [];
		while (running) {
			waits.push((await timedRequest(url, { 'x-forwarded-for': client })).ms);
			await new Promise((r) => setTimeout(r, everyMs));
		}
		return waits;
	})();
	probing = {
		stop: () => {
			running = false;
			return done;
		}
	};
}

async function answer(m: ClientOp): Promise<unknown> {
	switch (m.op) {
		case 'times':
			return times(m.url, m.n, m.warmup);
		case 'stream':
			return timedRequest(m.url, {}, true);
		case 'probe':
			return probe(m.url, m.client, m.everyMs);
		case 'stop-probe': {
			const running = probing;
			probing = null;
			return running ? running.stop() : [];
		}
	}
}

// Imported by the benchmark too (contention.ts uses `timedRequest`): it serves only when started as the client.
export const CLIENT_ROLE = 'rankdrift-bench-client';
if (process.send && process.argv[2] === CLIENT_ROLE) {
	process.on('message', (m: ClientOp & { id: number }) => {
		answer(m).then(
			(value) => process.send!({ id: m.id, value }),
			(e: Error) => process.send!({ id: m.id, error: e.message })
		);
	});
	process.on('disconnect', () => process.exit(0));
}
