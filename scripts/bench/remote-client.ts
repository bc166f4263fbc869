import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CLIENT_ROLE, type ClientOp, type Streamed } from './client';

/** The benchmark's HTTP client in its own process (client.ts): every timed request goes through it. It exits with this process. */
export class RemoteClient {
	private readonly child: ChildProcess;
	private nextId = 1;
	private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

	constructor() {
		this.child = fork(fileURLToPath(new URL('./client.ts', import.meta.url)), [CLIENT_ROLE], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		this.child.on('message', (m: { id: number; value?: unknown; error?: string }) => {
			const w = this.waiting.get(m.id);
			this.waiting.delete(m.id);
			if (m.error !== undefined) w?.reject(new Error(m.error));
			else w?.resolve(m.value);
		});
		this.child.on('exit', (code) => {
			for (const w of this.waiting.values()) w.reject(new Error(`the benchmark's HTTP client exited (${code})`));
			this.waiting.clear();
		});
	}

	private ask<T>(op: ClientOp): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
			this.child.send({ ...op, id });
		});
	}

	/** `n` requests of `url` timed one after another, after `warmup` untimed ones; each must answer 200. */
	times(url: string, n: number, warmup: number): Promise<number[]> {
		return this.ask({ op: 'times', url, n, warmup });
	}

	/** One request timed whole, its body counted in bytes and lines as it comes. */
	stream(url: string): Promise<Streamed & { error?: string }> {
		return this.ask({ op: 'stream', url });
	}

	/** Asks for `url` every `everyMs` after each answer, as client `client`, until `stopProbe`. */
	probe(url: string, client: string, everyMs: number): Promise<void> {
		return this.ask({ op: 'probe', url, client, everyMs });
	}

	/** The probe's waits, in ms. */
	stopProbe(): Promise<number[]> {
		return this.ask({ op: 'stop-probe' });
	}
}
