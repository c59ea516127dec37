/*
 * What the imports service runs, in one module it loads at the first preview,
 * apply or undo (import()): the readers, the CSV parser, the sources, the
 * matcher and the writer stay out of a server that never imports anything.
 */
export { runImport } from './engine.js';
export { BadFileError } from './read.js';
export { csvSample, encodingOf, itemsOf } from './source.js';
export { checkMapping, suggestMapping } from './sources/generic.js';
export { undoBatch } from './undo.js';
