import { type OutgoingEmail, UNSUBSCRIBE_URL_PLACEHOLDER } from '@parcours/domain';
import { compile } from 'html-to-text';
import { type TrackingLinks } from './tracking-links';

export interface SenderIdentity {
  /** `Name <address>` or a bare address. */
  from: string;
  replyTo?: string;
}

/** What the SMTP transport sends (nodemailer's message fields we use). */
export interface ComposedEmail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface CompositionOptions {
  links: TrackingLinks;
  openTracking: boolean;
  clickTracking: boolean;
  /** A mailbox that also unsubscribes (`List-Unsubscribe: <mailto:…>`), besides the one-click URL. */
  unsubscribeMailto?: string;
}

/** Links longer than this are left as they are (the token carries the URL). */
const MAX_TRACKED_URL = 2_048;
const HREF = /(<a\b[^>]*?\shref\s*=\s*)(["'])(.*?)\2/gis;

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;|&#34;|&#x22;/gi, '"')
    .replace(/&#39;|&#x27;|&apos;/gi, "'")
    .replace(/&lt;|&#60;/gi, '<')
    .replace(/&gt;|&#62;/gi, '>')
    .replace(/&amp;|&#38;|&#x26;/gi, '&');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Wraps each http(s) link in a signed click redirect; mailto:, tel:, anchors and our own links stay. */
function trackClicks(html: string, messageId: string, links: TrackingLinks): string {
  return html.replace(HREF, (whole, before: string, quote: string, raw: string) => {
    const url = decodeAttribute(raw.trim());
    if (!/^https?:\/\//i.test(url) || url.length > MAX_TRACKED_URL || links.isOwn(url)) return whole;
    return `${before}${quote}${links.click(messageId, url)}${quote}`;
  });
}

/** Inserts `fragment` right after `<body …>`, or at the start without a body tag. */
function afterBodyOpen(html: string, fragment: string): string {
  const match = /<body\b[^>]*>/i.exec(html);
  if (!match) return fragment + html;
  const at = match.index + match[0].length;
  return html.slice(0, at) + fragment + html.slice(at);
}

/** Inserts `fragment` right before `</body>`, or at the end without one. */
function beforeBodyClose(html: string, fragment: string): string {
  const at = html.search(/<\/body\s*>/i);
  return at < 0 ? html + fragment : html.slice(0, at) + fragment + html.slice(at);
}

/** The hidden inbox preview line (padded so the body's first words do not follow it). */
function preheaderBlock(preheader: string): string {
  return (
    `<div style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all">` +
    `${escapeHtml(preheader)}${'&#847;&zwnj;&nbsp;'.repeat(40)}</div>`
  );
}

/** The plain-text part of an HTML body (converter built once: building it costs more than a conversion). */
export const htmlToText: (html: string) => string = compile({
  wordwrap: 78,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  ],
});

/**
 * The email as it leaves: the message's own unsubscribe link in place of `{{ unsubscribe_url }}`,
 * a plain-text part (generated from the HTML when none was written), the preheader, links wrapped
 * in click redirects and the open pixel (HTML only), and for marketing messages RFC 8058's
 * one-click `List-Unsubscribe` + `List-Unsubscribe-Post` headers (RFC 2369's mailto as well when
 * a mailbox is configured).
 */
export function composeEmail(
  message: OutgoingEmail,
  delivery: { messageId: string; to: string },
  sender: SenderIdentity,
  options: CompositionOptions,
): ComposedEmail {
  const { links } = options;
  const unsubscribeUrl = links.unsubscribe(delivery.messageId);
  const personal = (text: string) => text.split(UNSUBSCRIBE_URL_PLACEHOLDER).join(unsubscribeUrl);
  const sourceHtml = message.html === undefined ? undefined : personal(message.html);
  const text = message.text !== undefined ? personal(message.text) : sourceHtml ? htmlToText(sourceHtml) : '';

  let html = sourceHtml;
  if (html !== undefined) {
    if (options.clickTracking) html = trackClicks(html, delivery.messageId, links);
    if (message.preheader) html = afterBodyOpen(html, preheaderBlock(message.preheader));
    if (options.openTracking) {
      html = beforeBodyClose(
        html,
        `<img src="${links.open(delivery.messageId)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px" />`,
      );
    }
  }

  const headers: Record<string, string> = { 'X-Parcours-Message-Id': delivery.messageId };
  if (message.category === 'marketing') {
    const targets = [`<${unsubscribeUrl}>`];
    if (options.unsubscribeMailto) {
      const subject = encodeURIComponent(`unsubscribe ${delivery.messageId}`);
      targets.push(`<mailto:${options.unsubscribeMailto}?subject=${subject}>`);
    }
    headers['List-Unsubscribe'] = targets.join(', ');
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }

  return {
    from: sender.from,
    to: delivery.to,
    ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
    subject: message.subject,
    text,
    ...(html !== undefined ? { html } : {}),
    messageId: `<${delivery.messageId}@parcours>`,
    headers,
  };
}
