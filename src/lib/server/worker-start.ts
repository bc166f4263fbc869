import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Run from source (tests, `vite dev`), a worker registers the TypeScript loader the rest of the code
 * runs under before loading its module (`--import` in a worker's execArgv does not reach its main module on Node 20).
 */
function fromSource(url: URL): string {
	// Its ESM build: the CommonJS one registers hooks by a path that does not exist in a worker.
	const tsx = pathToFileURL(createRequire(url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
	return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
}

/**
 * Starts a worker thread on `url`, a module that serves when it finds itself a worker with its role in
 * `workerData` (built, the module is whichever chunk its code landed in, so it must not start on import).
 */
export function startWorker(url: URL, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
	return url.pathname.endsWith('.ts') ? new Worker(fromSource(url), { eval: true, workerData }) : new Worker(url, { workerData, resourceLimits });
}
