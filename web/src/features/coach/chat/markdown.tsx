import { Fragment, type ReactNode } from 'react';

/**
 * The coach's Markdown as React elements: paragraphs, headings, bullet and numbered lists, block quotes, code,
 * **bold**, *italic*, `code` and [links](https://…). Every piece of text goes through React, which escapes it, so no
 * HTML the model writes (a <script>, an <img onerror>) can reach the page; links are only http(s) and open in a new
 * tab. Hand-written rather than a library because the whole renderer is smaller than any safe Markdown package plus
 * its sanitizer, and a partial reply (an unclosed ** while streaming) renders as plain text, never as broken markup.
 */
export function Markdown({ source }: { source: string }) {
  return <div className="markdown">{blocks(source)}</div>;
}

type Block =
  | { kind: 'p'; lines: string[] }
  | { kind: 'h'; level: number; text: string }
  | { kind: 'ul' | 'ol'; items: string[] }
  | { kind: 'quote'; lines: string[] }
  | { kind: 'code'; lines: string[] };

function parseBlocks(source: string): Block[] {
  const out: Block[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (/^\s*```/.test(line)) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !/^\s*```/.test(lines[i] ?? '')) code.push(lines[i++] ?? '');
      i++;
      out.push({ kind: 'code', lines: code });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      out.push({ kind: 'h', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
      i++;
      continue;
    }
    const listKind = listItemKind(line);
    if (listKind) {
      const items: string[] = [];
      while (i < lines.length && listItemKind(lines[i] ?? '') === listKind) {
        let item = (lines[i] ?? '').replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
        i++;
        // Indented continuation lines belong to the item.
        while (i < lines.length && /^\s{2,}\S/.test(lines[i] ?? '') && !listItemKind(lines[i] ?? '')) {
          item += ` ${(lines[i] ?? '').trim()}`;
          i++;
        }
        items.push(item);
      }
      out.push({ kind: listKind, items });
      continue;
    }
    if (/^>\s?/.test(line)) {
      const quote: string[] = [];
      while (i < lines.length && /^>\s?/.test(lines[i] ?? '')) quote.push((lines[i++] ?? '').replace(/^>\s?/, ''));
      out.push({ kind: 'quote', lines: quote });
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length) {
      const next = lines[i] ?? '';
      if (next.trim() === '' || /^(#{1,6})\s|^\s*```|^>/.test(next) || listItemKind(next)) break;
      paragraph.push(next);
      i++;
    }
    out.push({ kind: 'p', lines: paragraph });
  }
  return out;
}

function listItemKind(line: string): 'ul' | 'ol' | undefined {
  if (/^\s*[-*+]\s+\S/.test(line)) return 'ul';
  if (/^\s*\d+[.)]\s+\S/.test(line)) return 'ol';
  return undefined;
}

function blocks(source: string): ReactNode[] {
  // biome-ignore lint/suspicious/noArrayIndexKey: blocks of one text in order; a streamed reply only grows at the end
  return parseBlocks(source).map((block, i) => <Fragment key={i}>{renderBlock(block)}</Fragment>);
}

function renderBlock(block: Block): ReactNode {
  switch (block.kind) {
    case 'h': {
      // Headings inside a message sit below the page's own headings.
      const Tag = block.level <= 2 ? 'h3' : 'h4';
      return <Tag>{inline(block.text)}</Tag>;
    }
    case 'ul':
    case 'ol': {
      const List = block.kind;
      return (
        <List>
          {block.items.map((item, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items of one parsed text, in order
            <li key={j}>{inline(item)}</li>
          ))}
        </List>
      );
    }
    case 'quote':
      return <blockquote>{inline(block.lines.join(' '))}</blockquote>;
    case 'code':
      return (
        <pre>
          <code>{block.lines.join('\n')}</code>
        </pre>
      );
    default:
      return (
        <p>
          {block.lines.map((line, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one parsed paragraph, in order
            <Fragment key={j}>
              {j > 0 ? <br /> : null}
              {inline(line)}
            </Fragment>
          ))}
        </p>
      );
  }
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+?\*\*|__[^_]+?__)|(\*[^*\s][^*]*?\*|_[^_\s][^_]*?_)|(\[[^\]]+\]\([^)\s]+\))/g;

/** Inline marks; anything unmatched (an unclosed ** mid-stream) stays literal text. */
export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const [whole, code, strong, em, link] = match;
    if (code) out.push(<code key={key++}>{code.slice(1, -1)}</code>);
    else if (strong) out.push(<strong key={key++}>{inline(strong.slice(2, -2))}</strong>);
    else if (em) out.push(<em key={key++}>{inline(em.slice(1, -1))}</em>);
    else if (link) out.push(renderLink(link, key++));
    else out.push(whole);
    last = match.index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function renderLink(source: string, key: number): ReactNode {
  const match = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(source);
  const label = match?.[1] ?? source;
  const href = match?.[2] ?? '';
  // Only web links: javascript:, data: and the like stay text.
  if (!/^https?:\/\//i.test(href)) return <Fragment key={key}>{label}</Fragment>;
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
      {inline(label)}
    </a>
  );
}
