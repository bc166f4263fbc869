import { timedRequest } from './client';
import { percentile, round } from './measure';
import type { RemoteClient } from './remote-client';

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

// The expensive requests are made from this process; the cheap one is timed by the benchmark's own HTTP
// client (client.ts), a 17th process, so this process's work on sixteen downloads is not in its wait.
// Their bodies are read and thrown away as they come, as a client saving to disk does. Gathered whole
// (arrayBuffer), the scale set's exports (up to 500 MB each) kept a process's event loop copying and
// collecting for seconds at a time, and that stall, not the server, was the measured wait (5 to 9 s).
const timed = (url: string, client: string) => timedRequest(url, { 'x-forwarded-for': client });

/** `paths`: the expensive requests, one per client, each made `rounds` times in a row (a longer load); `cheap`: the request timed meanwhile. */
export async function cheapWaitUnderLoad(http: RemoteClient, base: string, paths: string[], cheap: string, rounds = 1): Promise<ContentionResult> {
	await http.times(base + cheap, 0, 1); // its own first-request costs are not the wait being measured
	await http.probe(base + cheap, 'cheap-client', 50);
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
	const waits = await http.stopProbe();
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
