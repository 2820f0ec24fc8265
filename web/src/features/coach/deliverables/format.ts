import type { Draft } from './deliverables-api';

export const formatDay = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** Who wrote a version, in a creator's words. */
export function sourceLabel(draft: Draft): string {
  if (draft.status === 'streaming') return 'being written';
  if (draft.source === 'edited')
    return draft.basedOnVersion ? `your edit of version ${draft.basedOnVersion}` : 'your edit';
  const by = draft.source === 'model' ? 'drafted by the coach' : 'drafted from your plan';
  return draft.status === 'incomplete' ? `${by}, stopped early` : by;
}

/** The opening words of a draft without its Markdown marks, for a card. */
export function plainPreview(markdown: string, length = 180): string {
  const text = markdown
    .replace(/^#{1,6}\s+.*$/gm, '')
    .replace(/[#*_`>|]+/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > length ? `${text.slice(0, length).replace(/\s+\S*$/, '')}…` : text;
}
