import { sourceDefinition } from '../../src/sources';
import type { SourceDefinition } from '../../src/lib/catalogue/contract';

/** A source as the ingest pipeline receives it from the composition root (catalogue entry + module). */
function defined(id: string): SourceDefinition {
	const s = sourceDefinition(id);
	if (!s) throw new Error(`no source "${id}"`);
	return s;
}

export const lmarenaText = defined('lmarena-text');
export const lmarenaWebdev = defined('lmarena-webdev');
export const lmarenaVision = defined('lmarena-vision');
export const lmarenaImage = defined('lmarena-image');
export const yupp = defined('yupp');
export const livebench = defined('livebench');
export const aiderPolyglot = defined('aider-polyglot');
export const swebench = defined('swebench');
export const artificialAnalysis = defined('artificial-analysis');
