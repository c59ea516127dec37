import type { Today } from '../contract/keep-in-touch.js';

/*
 * The "who to reach out to" email, from Today: the ranked suggestions with
 * their reasons, open follow-ups and the dates coming up, as plain text and
 * as simple inline-styled HTML (mail clients ignore stylesheets). Pure.
 */

export interface DigestLinks {
  appUrl: string;
  unsubscribeUrl: string;
}

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
  items: number;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

export function composeDigest(today: Today, frequency: 'daily' | 'weekly', links: DigestLinks): DigestMail {
  const suggestions = today.nudges.slice(0, 10).map((n) => ({
    names: n.people.map((p) => p.fullName).join(', '),
    personId: n.people[0]?.id,
    reason: n.reason,
    action: n.action.label,
  }));
  const dates = today.upcomingDates.filter((d) => d.inDays <= 7).slice(0, 10);
  const items = suggestions.length;
  const first = suggestions[0]?.names;
  const subject =
    items === 0
      ? `Tend: nobody needs you ${frequency === 'daily' ? 'today' : 'this week'}`
      : `Tend: reach out to ${first}${items > 1 ? ` and ${items - 1} more` : ''}`;
  const personUrl = (id: string | undefined) => (id ? `${links.appUrl}/people/${id}` : links.appUrl);
  const heading =
    frequency === 'daily' ? `Your day, ${longDate(today.date)}` : `Your week, from ${longDate(today.date)}`;

  const text = [
    heading,
    '',
    items ? 'Who to reach out to:' : 'Nobody is waiting on you. A good day to meet someone new.',
    ...suggestions.map((s) => `- ${s.names}: ${s.reason} (${s.action})\n  ${personUrl(s.personId)}`),
    ...(dates.length
      ? [
          '',
          'Coming up:',
          ...dates.map((d) => `- ${d.person.fullName}: ${d.label ?? d.kind.replace('_', ' ')} on ${d.on}`),
        ]
      : []),
    '',
    `${today.due.total} ${today.due.total === 1 ? 'person is' : 'people are'} due for a check-in. Open Tend: ${links.appUrl}`,
    '',
    '--',
    `You get this ${frequency} digest because you asked for it in Tend's settings.`,
    `Unsubscribe with one click: ${links.unsubscribeUrl}`,
    '',
  ].join('\n');

  const li = (inner: string) => `<li style="margin:0 0 12px">${inner}</li>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f5f1;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;color:#2b2b28">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px;padding:28px">
<h1 style="font-size:20px;margin:0 0 4px">${esc(heading)}</h1>
<p style="color:#6b6b63;margin:0 0 20px">${items ? 'Who to reach out to' : 'Nobody is waiting on you. A good day to meet someone new.'}</p>
${
  items
    ? `<ul style="padding-left:18px;margin:0 0 20px">${suggestions
        .map((s) =>
          li(
            `<a href="${esc(personUrl(s.personId))}" style="color:#3d7a5f;font-weight:600;text-decoration:none">${esc(s.names)}</a><br><span style="color:#55554e">${esc(s.reason)}</span> <span style="color:#8a8a80">· ${esc(s.action)}</span>`,
          ),
        )
        .join('')}</ul>`
    : ''
}
${
  dates.length
    ? `<h2 style="font-size:15px;margin:0 0 8px">Coming up</h2><ul style="padding-left:18px;margin:0 0 20px">${dates
        .map((d) =>
          li(
            `${esc(d.person.fullName)}: ${esc(d.label ?? d.kind.replace('_', ' '))} <span style="color:#8a8a80">on ${esc(d.on)}</span>`,
          ),
        )
        .join('')}</ul>`
    : ''
}
<p style="margin:0 0 24px"><a href="${esc(links.appUrl)}" style="display:inline-block;background:#3d7a5f;color:#ffffff;padding:10px 18px;border-radius:8px;text-decoration:none">Open Tend</a></p>
<p style="font-size:12px;color:#8a8a80;margin:0">You get this ${frequency} digest because you asked for it in Tend's settings. <a href="${esc(links.unsubscribeUrl)}" style="color:#8a8a80">Unsubscribe</a></p>
</div></body></html>
`;
  return { subject, text, html, items };
}
