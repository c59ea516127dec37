import fs from 'node:fs';
import path from 'node:path';
import { routesModule } from '../src/contract/client.js';
import { buildOpenApi } from '../src/http/openapi.js';
import { packageRoot, version } from '../src/lib/package.js';

/*
 * Writes what is generated from the endpoint catalogue (npm run openapi): docs/openapi.json, what
 * people read on GitHub, and src/contract/routes.gen.ts, the route table the web client calls
 * through. Tests fail when either is stale. With --check it only says whether they are current
 * (exit 1 if not).
 */

const outputs: [string, string][] = [
  [path.join(packageRoot, 'docs', 'openapi.json'), `${JSON.stringify(buildOpenApi(version), null, 2)}\n`],
  [path.join(packageRoot, 'src', 'contract', 'routes.gen.ts'), routesModule()],
];

for (const [file, text] of outputs) {
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
}
