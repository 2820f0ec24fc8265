import type { ReactNode } from 'react';

/**
 * Markdown as React elements, for drafts written by the model or the creator: headings, paragraphs (a line break is
 * kept, as in a chat), lists, tables, quotes, rules, bold, italic, code and web links. Text only ever becomes text
 * nodes, so HTML in a draft shows as what it is and never reaches the page as markup.
 */
export function Markdown({ source }: { source: string }) {
  return <div className="markdown">{blocks(source)}</div>;
}

const INLINE = /(\*\*[^*\n]+\*\*|`[^`\n]+`|\[[^\]\n]+\]\([^)\s]+\)|\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_)/g;
const SAFE_LINK = /^(https?:|mailto:)/i;

function inlineElement(token: string, key: string): ReactNode {
  if (token.startsWith('**')) return <strong key={key}>{inline(token.slice(2, -2))}</strong>;
  if (token.startsWith('`')) return <code key={key}>{token.slice(1, -1)}</code>;
  if (token.startsWith('[')) {
    const [, label = '', href = ''] = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(token) ?? [];
    return SAFE_LINK.test(href) ? (
      <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
        {inline(label)}
      </a>
    ) : (
      token
    );
  }
  return <em key={key}>{inline(token.slice(1, -1))}</em>;
}

/** Text with its inline marks; each element is keyed by where it starts in the text. */
function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    out.push(inlineElement(match[0], `i${match.index}`));
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

interface Line {
  /** The line's number in the source: a stable key for what is made of it. */
  at: number;
  text: string;
}

/** Lines of a paragraph, with their breaks. */
function lines(texts: Line[]): ReactNode[] {
  return texts.flatMap((line, n) =>
    n === 0 ? inline(line.text) : [<br key={`br${line.at}`} />, ...inline(line.text)],
  );
}

/** A table row's cells, each keyed by its line and column. */
function cells(row: Line): Line[] {
  const texts = row.text
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|');
  const out: Line[] = [];
  for (let column = 0; column < texts.length; column++) {
    out.push({ at: row.at * 1000 + column, text: (texts[column] ?? '').trim() });
  }
  return out;
}

function blocks(source: string): ReactNode[] {
  const out: ReactNode[] = [];
  const input = source.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  /** Consecutive lines matching `test` from i on (advancing i). */
  const take = (test: (line: string) => boolean) => {
    const taken: Line[] = [];
    while (i < input.length && test(input[i] ?? '')) {
      taken.push({ at: i, text: input[i] ?? '' });
      i++;
    }
    return taken;
  };
  while (i < input.length) {
    const line = input[i] ?? '';
    const key = `b${i}`;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (line.trim() === '') {
      i++;
    } else if (heading) {
      // A draft's own headings sit under the page's title: # is a section (h2) of the page.
      const level = Math.min((heading[1]?.length ?? 1) + 1, 6);
      const Tag = `h${level}` as 'h2';
      out.push(<Tag key={key}>{inline(heading[2] ?? '')}</Tag>);
      i++;
    } else if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push(<hr key={key} />);
      i++;
    } else if (/^\s*[-*+]\s+/.test(line)) {
      const items = take((l) => /^\s*[-*+]\s+/.test(l));
      out.push(
        <ul key={key}>
          {items.map((item) => (
            <li key={item.at}>{inline(item.text.replace(/^\s*[-*+]\s+/, ''))}</li>
          ))}
        </ul>,
      );
    } else if (/^\s*\d+[.)]\s+/.test(line)) {
      const items = take((l) => /^\s*\d+[.)]\s+/.test(l));
      out.push(
        <ol key={key} start={Number.parseInt(line, 10) || 1}>
          {items.map((item) => (
            <li key={item.at}>{inline(item.text.replace(/^\s*\d+[.)]\s+/, ''))}</li>
          ))}
        </ol>,
      );
    } else if (line.trimStart().startsWith('|')) {
      const [head, ...body] = take((l) => l.trimStart().startsWith('|')).filter(
        (row) => !/^\s*\|?[\s:|-]+\|?\s*$/.test(row.text),
      );
      out.push(
        <div key={key} className="table-wrap">
          <table>
            {head ? (
              <thead>
                <tr>
                  {cells(head).map((cell) => (
                    <th key={cell.at} scope="col">
                      {inline(cell.text)}
                    </th>
                  ))}
                </tr>
              </thead>
            ) : null}
            <tbody>
              {body.map((row) => (
                <tr key={row.at}>
                  {cells(row).map((cell) => (
                    <td key={cell.at}>{inline(cell.text)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>,
      );
    } else if (/^\s*>/.test(line)) {
      const quoted = take((l) => /^\s*>/.test(l)).map((l) => ({ at: l.at, text: l.text.replace(/^\s*>\s?/, '') }));
      out.push(<blockquote key={key}>{lines(quoted)}</blockquote>);
    } else {
      const paragraph = take((l) => l.trim() !== '' && !/^(#{1,6}\s|\s*[-*+]\s|\s*\d+[.)]\s|\s*\||\s*>)/.test(l));
      // Every line above is a block of its own, but a paragraph always takes at least its first line.
      if (paragraph.length === 0) {
        paragraph.push({ at: i, text: line });
        i++;
      }
      out.push(<p key={key}>{lines(paragraph)}</p>);
    }
  }
  return out;
}
