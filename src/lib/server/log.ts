/** One JSON line per event on stderr: readable by people, greppable, and parseable by log shippers. */
export interface Logger {
	info(msg: string, fields?: Record<string, unknown>): void;
	warn(msg: string, fields?: Record<string, unknown>): void;
	error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(component: string, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
	const emit = (level: string, msg: string, fields?: Record<string, unknown>) =>
		write(JSON.stringify({ t: new Date().toISOString(), level, component, msg, ...fields }) + '\n');
	return {
		info: (m, f) => emit('info', m, f),
		warn: (m, f) => emit('warn', m, f),
		error: (m, f) => emit('error', m, f)
	};
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
