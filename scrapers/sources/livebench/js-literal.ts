/**
 * Reads one JavaScript value literal (objects, arrays, strings, numbers, and a minifier's `!0`, `!1`,
 * `void 0`) out of a bundle, as data. Site code is never evaluated: anything that is not a plain
 * literal (a call, a variable, a template with `${…}`) makes the read fail, and the caller goes on
 * without it.
 */
export type JsValue = string | number | boolean | null | undefined | JsValue[] | { [key: string]: JsValue };

class NotALiteral extends Error {}

/** The literal starting at `start` (an `{` or `[`), or null when the text there is not a plain literal. */
export function readJsLiteral(code: string, start: number): JsValue | null {
	let i = start;

	const fail = (): never => {
		throw new NotALiteral();
	};
	const skipSpace = () => {
		while (i < code.length && /\s/.test(code[i])) i++;
	};
	const take = (text: string) => {
		if (!code.startsWith(text, i)) return false;
		i += text.length;
		return true;
	};

	function string(): string {
		const quote = code[i++];
		let out = '';
		while (i < code.length && code[i] !== quote) {
			if (quote === '`' && code.startsWith('${', i)) fail();
			if (code[i] !== '\\') {
				out += code[i++];
				continue;
			}
			const c = code[i + 1];
			if (c === 'u' && code[i + 2] === '{') {
				const close = code.indexOf('}', i);
				out += String.fromCodePoint(parseInt(code.slice(i + 3, close), 16));
				i = close + 1;
			} else if (c === 'u' || c === 'x') {
				const len = c === 'u' ? 4 : 2;
				out += String.fromCharCode(parseInt(code.slice(i + 2, i + 2 + len), 16));
				i += 2 + len;
			} else {
				out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' } as Record<string, string>)[c] ?? c;
				i += 2;
			}
		}
		if (i >= code.length) fail();
		i++;
		return out;
	}

	function key(): string {
		skipSpace();
		if (code[i] === '"' || code[i] === "'") return string();
		const m = /^[A-Za-z_$][\w$]*|^\d+(\.\d+)?/.exec(code.slice(i, i + 200));
		if (!m) fail();
		i += m![0].length;
		return m![0];
	}

	function value(): JsValue {
		skipSpace();
		const c = code[i];
		if (c === '{') {
			i++;
			const obj: Record<string, JsValue> = {};
			for (;;) {
				skipSpace();
				if (take('}')) return obj;
				const k = key();
				skipSpace();
				if (!take(':')) fail();
				Object.defineProperty(obj, k, { value: value(), enumerable: true, writable: true, configurable: true });
				skipSpace();
				if (take('}')) return obj;
				if (!take(',')) fail();
			}
		}
		if (c === '[') {
			i++;
			const arr: JsValue[] = [];
			for (;;) {
				skipSpace();
				if (take(']')) return arr;
				arr.push(value());
				skipSpace();
				if (take(']')) return arr;
				if (!take(',')) fail();
			}
		}
		if (c === '"' || c === "'" || c === '`') return string();
		if (take('!0') || take('true')) return true;
		if (take('!1') || take('false')) return false;
		if (take('null')) return null;
		if (take('void 0')) return undefined;
		const num = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(code.slice(i, i + 40));
		if (num) {
			i += num[0].length;
			return Number(num[0]);
		}
		return fail();
	}

	try {
		return value();
	} catch (e) {
		if (e instanceof NotALiteral || e instanceof RangeError) return null;
		throw e;
	}
}
