import { Anchor, List, Text } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { inlinePieces, safeUrl } from '../lib/safe-url';

interface Piece {
  id: string;
  text: string;
}

/** Numbered pieces: the parts of one note have no identity beyond their place. */
function pieces(parts: string[], prefix: string): Piece[] {
  return parts.map((text, n) => ({ id: `${prefix}${n}`, text }));
}

/*
 * Notes are Markdown typed by the user. We render a safe subset as React elements:
 * paragraphs, line breaks, bullet lists, headings as bold lines, **bold**, and
 * http(s) links (web/src/lib/safe-url.ts). Nothing is ever injected as HTML.
 */
export function MarkdownText({ source }: { source: string }) {
  const blocks = pieces(
    source
      .replace(/\r\n?/g, '\n')
      .trim()
      .split(/\n{2,}/),
    'b',
  );
  return (
    <div>
      {blocks.map((block) => {
        const lines = pieces(block.text.split('\n'), `${block.id}l`);
        if (lines.every((l) => /^\s*[-*+]\s+/.test(l.text))) {
          return (
            <List key={block.id} size="sm" mb="xs" spacing={2}>
              {lines.map((l) => (
                <List.Item key={l.id}>{inline(l.text.replace(/^\s*[-*+]\s+/, ''))}</List.Item>
              ))}
            </List>
          );
        }
        return (
          <Text key={block.id} size="sm" mb="xs" style={{ overflowWrap: 'anywhere' }}>
            {lines.map((l, j) => (
              <Fragment key={l.id}>
                {j > 0 && <br />}
                {/^#{1,6}\s/.test(l.text) ? (
                  <strong>{inline(l.text.replace(/^#{1,6}\s+/, ''))}</strong>
                ) : (
                  inline(l.text)
                )}
              </Fragment>
            ))}
          </Text>
        );
      })}
    </div>
  );
}

function inline(text: string): ReactNode[] {
  return inlinePieces(text).map((p, n) => {
    if (p.kind === 'link') return link(p.href, p.text, n);
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one line have no identity beyond their place
    if (p.kind === 'bold') return <strong key={n}>{p.text}</strong>;
    return p.text;
  });
}

function link(url: string, label: string, key: number) {
  return (
    <Anchor key={key} href={safeUrl(url)} target="_blank" rel="noopener noreferrer nofollow" size="sm">
      {label}
    </Anchor>
  );
}
