import './young-generation.js'; // first: before the rest of the CLI loads
import { run } from './program.js';
import { promptLine, promptSecret, readAllStdin, stdinIsTTY } from './terminal.js';

/*
 * The `tend` executable. The only place that touches the process: arguments,
 * streams, signals and the exit code. Everything else goes through run().
 */

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // `tend people list | head` closes the pipe early; that is not an error.
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

// No top-level await: the bundle of this entry is CommonJS (vite.server.config.ts).
void run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  untilStopped,
  stdin: { isTTY: stdinIsTTY(), read: readAllStdin, secret: promptSecret, line: promptLine },
}).then((code) => {
  process.exitCode = code;
});
