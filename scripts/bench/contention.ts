import { percentile, round } from './measure';

// How long a cheap request waits while expensive ones run: 16 clients (told apart by X-Forwarded-For, so
// the per-client limit lets each run its one export) pull whole CSV exports at once, and a 17th asks
// for a cheap page every 50 ms until they are done. The server's thread only passes the bytes on when
// the read workers run the exports; with RANKDRIFT_READ_WORKERS=0 it runs them itself.

export interface ContentionResult {
	expensive: number;
	served: number;
	/** Why each expensive request not served failed (a status, or the connection's error). */
	failures: string[];
	expensiveMs: number;
	cheapRequests: number;
	cheapP50Ms: number;
	cheapP95Ms: number;
	cheapMaxMs: number;
}

async function timed(url: string, client: string): Promise<{ ms: number; status: number; error?: string }> {
	const t0 = performance.now();
	try {
		// A kept-alive socket the server closes as the next request goes out fails before any answer (at the
		// scale set, minutes into the load): the request is sent again, as a browser does, and timed whole.
		const res = await fetch(url, { headers: { 'x-forwarded-for': client } }).catch(() => fetch(url, { headers: { 'x-forwarded-for': client } }));
		// Read and thrown away as it comes, as a client saving to disk does. Gathered whole (arrayBuffer), the
		// scale set's exports (up to 500 MB each) kept this process's event loop copying and collecting for
		// seconds at a time, and that stall, not the server, was the cheap request's measured wait (5 to 9 s;
		// none over 200 ms with the bodies streamed, by hand on the same server). Probably also why a reused
		// kept-alive socket, closed by the server while this process stalled, now and then cut a download.
		for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) void chunk;
		return { ms: performance.now() - t0, status: res.status };
	} catch (e) {
		// A download cut off part-way is a request not served, counted and reported, not the end of the run.
		return { ms: performance.now() - t0, status: 0, error: `${url}: ${(e as Error).message} (${((e as Error).cause as Error | undefined)?.message ?? 'no cause'})` };
	}
}

/** `paths`: the expensive requests, one per client, each made `rounds` times in a row (a longer load); `cheap`: the request timed meanwhile. */
export async function cheapWaitUnderLoad(base: string, paths: string[], cheap: string, rounds = 1): Promise<ContentionResult> {
	await timed(base + cheap, 'warm'); // its own first-request costs are not the wait being measured
	let running = true;
	const waits: number[] = [];
	const prober = (async () => {
		while (running) {
			waits.push((await timed(base + cheap, 'cheap-client')).ms);
			await new Promise((r) => setTimeout(r, 50));
		}
	})();
	const t0 = performance.now();
	const results = (
		await Promise.all(
			paths.map(async (p, i) => {
				const mine = [];
				for (let r = 0; r < rounds; r++) mine.push(await timed(base + p, `export-client-${i}`));
				return mine;
			})
		)
	).flat();
	const expensiveMs = performance.now() - t0;
	running = false;
	await prober;
	return {
		expensive: paths.length * rounds,
		served: results.filter((r) => r.status === 200).length,
		failures: results.filter((r) => r.status !== 200).map((r) => r.error ?? `status ${r.status}`),
		expensiveMs: round(expensiveMs),
		cheapRequests: waits.length,
		cheapP50Ms: round(percentile(waits, 50)),
		cheapP95Ms: round(percentile(waits, 95)),
		cheapMaxMs: round(Math.max(...waits))
	};
}
