/*
 * Message drafts: a template with {{placeholders}} filled with what Tend knows.
 * A placeholder with nothing to say is dropped with the sentence around it
 * marked by [[ ]], so a draft never reads "we met at ." .
 */

export const TEMPLATE_KINDS = ['thank_you', 'congratulation', 'check_in', 'share_article'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const DEFAULT_TEMPLATES: Record<TemplateKind, string> = {
  thank_you:
    'Hi {{firstName}},\n\nThank you for taking the time to meet[[ at {{metAt}}]]. I really enjoyed our conversation[[ about {{lastTopic}}]].[[ I would love to hear how things go with {{interest}}.]]\n\nLet us stay in touch!\n',
  congratulation:
    'Hi {{firstName}},\n\nCongratulations[[ on {{achievement}}]]! That is great news and well deserved.[[ I remember you talking about {{lastTopic}}; it is good to see it pay off.]]\n\nAll the best,\n',
  check_in:
    'Hi {{firstName}},\n\nIt has been a while[[ since {{lastTopic}}]] and you came to mind. How are you doing?[[ Anything new with {{interest}}?]]\n\nNo agenda, just curious how you are.\n',
  share_article:
    'Hi {{firstName}},\n\nI came across this and thought of you[[ and your interest in {{interest}}]]:[[ {{article}}]]\n\nWould love to hear what you think.\n',
};

export interface DraftFacts {
  firstName: string;
  fullName: string;
  metAt?: string | null;
  lastTopic?: string | null;
  interest?: string | null;
  topics?: readonly string[];
  achievement?: string | null;
  article?: string | null;
  organisation?: string | null;
}

export const PLACEHOLDERS = [
  'firstName',
  'fullName',
  'metAt',
  'lastTopic',
  'interest',
  'topics',
  'achievement',
  'article',
  'organisation',
] as const;

function factOf(facts: DraftFacts, name: string): string | null {
  if (name === 'topics') return facts.topics && facts.topics.length > 0 ? joinWords(facts.topics) : null;
  if (!(PLACEHOLDERS as readonly string[]).includes(name)) return null;
  const v = facts[name as keyof DraftFacts];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Fills a template. Optional parts in [[ ]] vanish when one of their placeholders is unknown. */
export function renderTemplate(template: string, facts: DraftFacts): string {
  const fill = (s: string) => s.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n: string) => factOf(facts, n) ?? '');
  const optional = template.replace(/\[\[([\s\S]*?)\]\]/g, (_, part: string) => {
    const names = [...part.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '');
    return names.every((n) => factOf(facts, n) !== null) ? part : '';
  });
  return fill(optional).replace(/[ \t]+\n/g, '\n');
}

/** A short lower-case phrase for an interaction summary used inside a sentence. */
export function topicPhrase(summary: string | null | undefined): string | null {
  if (!summary) return null;
  const s = summary.trim().replace(/[.!]+$/, '');
  if (s === '') return null;
  // "Coffee, talked about her Rust migration" → "her Rust migration"
  const about = /\babout\s+(.+)$/i.exec(s);
  const phrase = about?.[1] ?? s;
  return phrase.length > 120 ? `${phrase.slice(0, 117)}…` : phrase;
}
