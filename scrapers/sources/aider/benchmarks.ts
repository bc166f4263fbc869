/**
 * Aider publishes two benchmarks as YAML files of the same shape, told apart by their exercise
 * count: runs that hit errors or stopped early report fewer test cases, so the median decides.
 */
export const BENCHMARKS = {
	polyglot: {
		board: 'aider-polyglot',
		exercises: 225,
		label: 'polyglot benchmark (225 Exercism exercises in C++, Go, Java, JavaScript, Python and Rust)'
	},
	edit: {
		board: 'aider-polyglot/edit',
		exercises: 133,
		label: 'code-editing benchmark (133 Exercism Python exercises)'
	}
} as const;

export type Benchmark = keyof typeof BENCHMARKS;

// A median this far from a benchmark's exercise count is some other file (the refactoring board has 89).
const TOLERANCE = 0.15;

export function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The benchmark whose exercise count matches the runs' median `test_cases`, or null. */
export function benchmarkOf(testCases: number[]): Benchmark | null {
	const m = median(testCases);
	if (m === null) return null;
	for (const [name, b] of Object.entries(BENCHMARKS) as [Benchmark, (typeof BENCHMARKS)[Benchmark]][])
		if (Math.abs(m - b.exercises) <= b.exercises * TOLERANCE) return name;
	return null;
}

/** `test_cases` values read straight from the text, so detection works before (and without) a full YAML parse. */
export function testCasesInText(text: string): number[] {
	return [...text.matchAll(/^[ \t]*-?[ \t]*test_cases[ \t]*:[ \t]*(\d+)[ \t]*$/gm)].map((m) => Number(m[1]));
}
