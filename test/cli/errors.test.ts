import { describe, expect, it } from 'vitest';
import { apiErrorMessage, CliError, renderError } from '../../src/cli/errors.js';
import { ApiError } from '../../src/contract/client.js';

const invalid = new ApiError(400, {
  type: 'urn:tend:problem:validation_failed',
  title: 'The request is not valid',
  status: 400,
  code: 'validation_failed',
  detail: 'body.emails.0.value: must be an email address like ana@example.com',
  errors: [
    { path: 'body.emails.0.value', message: 'must be an email address like ana@example.com' },
    { path: 'body.links.0.url', message: 'must be a URL like https://example.com' },
  ],
});

describe('error messages', () => {
  it('words field errors with the flags the user typed', () => {
    expect(apiErrorMessage(invalid, { 'body.emails': '--email', 'body.links': '--linkedin' })).toBe(
      'The request is not valid: --email: must be an email address like ana@example.com; --linkedin: must be a URL like https://example.com',
    );
    expect(apiErrorMessage(invalid)).toContain('body.emails.0.value: must be');
  });

  it('renders API errors and user errors as one line, exit 1', () => {
    expect(renderError(invalid, false)).toEqual({
      lines: [expect.stringMatching(/^tend: The request is not valid: body\.emails\.0\.value: [^\n]+$/)],
      exitCode: 1,
    });
    expect(renderError(new CliError('Nope\nreally'), false)).toEqual({ lines: ['tend: Nope really'], exitCode: 1 });
  });

  it('keeps stack traces for debugging only', () => {
    const quiet = renderError(new Error('boom'), false);
    expect(quiet.lines).toEqual([
      'tend: unexpected error: boom (rerun with TEND_LOG_LEVEL=debug to see the stack trace)',
    ]);
    const loud = renderError(new Error('boom'), true);
    expect(loud.lines[1]).toContain('errors.test.ts');
  });
});
