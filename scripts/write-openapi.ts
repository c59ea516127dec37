import fs from 'node:fs';
import path from 'node:path';
import { buildOpenApi } from '../src/http/openapi.js';
import { packageRoot, version } from '../src/lib/package.js';

/*
 * Writes docs/openapi.json from the endpoint catalogue (npm run openapi).
 * The committed file is what people read on GitHub; a test fails when it is
 * stale. With --check it only says whether the file is current (exit 1 if not).
 */

const file = path.join(packageRoot, 'docs', 'openapi.json');
const text = `${JSON.stringify(buildOpenApi(version), null, 2)}\n`;
const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
const relative = path.relative(process.cwd(), file);

if (current === text) {
  console.log(`${relative} is up to date`);
} else if (process.argv.includes('--check')) {
  console.error(`${relative} is stale: run npm run openapi and commit it`);
  process.exitCode = 1;
} else {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`wrote ${relative}`);
}
