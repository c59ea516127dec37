// A load generator in its own process (so it does not share the server's event
// loop): autocannon against one URL or a rotation of paths and bodies. Reads a JSON spec
// from argv[2], prints one JSON result line on stdout.

import fs from 'node:fs';
import autocannon from 'autocannon';

// A spec too long for one argument (thousands of paths or bodies) comes as @file.
const arg = process.argv[2];
const spec = JSON.parse(arg.startsWith('@') ? fs.readFileSync(arg.slice(1), 'utf8') : arg);
const paths = spec.paths ?? [new URL(spec.url).pathname + new URL(spec.url).search];
const bodies = spec.bodies ?? null;
let next = 0;
const result = await autocannon({
  url: spec.url,
  connections: spec.connections ?? 10,
  duration: spec.duration ?? 5,
  method: spec.method ?? 'GET',
  headers: spec.headers ?? {},
  body: spec.body,
  requests: [
    {
      setupRequest(req) {
        req.path = paths[next % paths.length];
        if (bodies) req.body = bodies[next % bodies.length];
        next++;
        return req;
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  })}\n`,
);
