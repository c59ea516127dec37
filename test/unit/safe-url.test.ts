import { describe, expect, it } from 'vitest';
import { inlinePieces, safeUrl } from '../../web/src/lib/safe-url.js';

/* Links from stored data: only http(s) becomes a link, whatever the disguise of another scheme. */

const HOSTILE = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  '\u0000javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'javascript&colon;alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  '//evil.example/x',
  'http:/evil',
  'https:',
  ' https://ok.example',
  'https://ok.example\n',
];

describe('safeUrl', () => {
  it.each(HOSTILE)('refuses %j', (url) => {
    expect(safeUrl(url)).toBe('#');
  });
  it('keeps http and https links as they are', () => {
    for (const url of ['https://example.com/a?b=c#d', 'http://example.com', 'HTTPS://EXAMPLE.COM/x']) {
      expect(safeUrl(url)).toBe(url);
    }
  });
});

describe('inlinePieces (the Markdown of notes)', () => {
  it.each(HOSTILE.filter((u) => !/\s/.test(u)))('keeps [label](%s) as plain text', (url) => {
    const pieces = inlinePieces(`see [click me](${url}) now`);
    expect(pieces.filter((p) => p.kind === 'link')).toEqual([]);
    expect(pieces.map((p) => p.text).join('')).toBe(`see [click me](${url}) now`);
  });
  it('makes http(s) links, bare and labelled, and bold', () => {
    expect(inlinePieces('a [Site](https://ex.com/p) b **bold** c http://ex.org/x.')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'link', text: 'Site', href: 'https://ex.com/p' },
      { kind: 'text', text: ' b ' },
      { kind: 'bold', text: 'bold' },
      { kind: 'text', text: ' c ' },
      { kind: 'link', text: 'http://ex.org/x', href: 'http://ex.org/x' },
      { kind: 'text', text: '.' },
    ]);
  });
  it('leaves HTML as text', () => {
    const html = '<img src=x onerror=alert(1)> <script>alert(1)</script> "><svg onload=alert(1)>';
    expect(inlinePieces(html)).toEqual([{ kind: 'text', text: html }]);
  });
});
