// The baseline for HTTP figures: a bare Fastify server answering a small JSON
// document, on the same machine, same Node, same pinning as Tend's server.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world', id: '0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000', n: 42 }));
app.post('/hello', async (req) => ({ ok: true, got: typeof req.body }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${app.server.address().port}\n`);
