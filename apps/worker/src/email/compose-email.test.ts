import { createHmac } from 'node:crypto';
import { decodeTrackingToken, UNSUBSCRIBE_URL_PLACEHOLDER } from '@parcours/domain';
import { composeEmail } from './compose-email';
import { TrackingLinks } from './tracking-links';

const SECRET = 'compose-email-test-secret-0123456789abcdef';
const links = new TrackingLinks('https://api.example/', SECRET);
const mac = (data: string) => createHmac('sha256', SECRET).update(data).digest();
const messageId = '0190a6c4-2b7e-7c3d-8f00-0000000000aa';
const delivery = { messageId, to: 'lea@example.test' };
const sender = { from: '"Shop" <news@shop.example>' };
const options = { links, openTracking: true, clickTracking: true };
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

describe('composeEmail', () => {
  const html = `<html><body><p>Hi</p><a href="https://shop.example/a?x=1&amp;y=2">A</a> <a class="b" href='http://b.example/'>B</a>
    <a href="mailto:care@shop.example">M</a> <a href="#top">T</a> <a href="${UNSUBSCRIBE_URL_PLACEHOLDER}">U</a></body></html>`;

  it('wraps web links in signed redirects to exactly their URL, and leaves the others', () => {
    const email = composeEmail(
      { channel: 'email', category: 'marketing', subject: 's', html },
      delivery,
      sender,
      options,
    );
    const hrefs = [...email.html!.matchAll(/href=["']([^"']+)["']/g)].map((m) => m[1]);
    expect(hrefs).toHaveLength(5);
    expect(decodeTrackingToken(tokenOf(hrefs[0]), mac)).toEqual({
      messageId,
      action: 'click',
      url: 'https://shop.example/a?x=1&y=2',
    });
    expect(decodeTrackingToken(tokenOf(hrefs[1]), mac)).toEqual({
      messageId,
      action: 'click',
      url: 'http://b.example/',
    });
    expect(hrefs.slice(2, 4)).toEqual(['mailto:care@shop.example', '#top']);
    // The unsubscribe link is the message's own, not wrapped.
    expect(hrefs[4]).toBe(links.unsubscribe(messageId));
    expect(decodeTrackingToken(tokenOf(hrefs[4]), mac)).toEqual({ messageId, action: 'unsubscribe' });
    expect(email.html).toMatch(
      /<img src="https:\/\/api\.example\/t\/o\/[^"]+" width="1" height="1"[^>]*\/><\/body>/,
    );
  });

  it('generates the text part from the HTML when none is given, with the real unsubscribe link', () => {
    const email = composeEmail(
      { channel: 'email', category: 'marketing', subject: 's', html },
      delivery,
      sender,
      options,
    );
    expect(email.text).toContain('Hi');
    expect(email.text).toContain(links.unsubscribe(messageId));
    expect(email.text).not.toContain(UNSUBSCRIBE_URL_PLACEHOLDER);
    const written = composeEmail(
      {
        channel: 'email',
        category: 'marketing',
        subject: 's',
        html,
        text: `Stop: ${UNSUBSCRIBE_URL_PLACEHOLDER}`,
      },
      delivery,
      sender,
      options,
    );
    expect(written.text).toBe(`Stop: ${links.unsubscribe(messageId)}`);
  });

  it('puts RFC 8058 headers on marketing messages only, and escapes the preheader', () => {
    const marketing = composeEmail(
      { channel: 'email', category: 'marketing', subject: 's', html, preheader: '<b>50%</b> off' },
      delivery,
      sender,
      { ...options, unsubscribeMailto: 'unsub@shop.example' },
    );
    expect(marketing.headers).toEqual({
      'X-Parcours-Message-Id': messageId,
      'List-Unsubscribe': `<${links.unsubscribe(messageId)}>, <mailto:unsub@shop.example?subject=unsubscribe%20${messageId}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(marketing.html).toMatch(/<body><div style="display:none[^"]*">&lt;b&gt;50%&lt;\/b&gt; off/);
    const transactional = composeEmail(
      { channel: 'email', category: 'transactional', subject: 's', html },
      delivery,
      sender,
      options,
    );
    expect(transactional.headers).toEqual({ 'X-Parcours-Message-Id': messageId });
    expect(transactional.html).toContain('/t/o/');
  });

  it('tracks nothing when tracking is off, and sends text-only mail as is', () => {
    const untracked = composeEmail(
      { channel: 'email', category: 'marketing', subject: 's', html },
      delivery,
      sender,
      {
        links,
        openTracking: false,
        clickTracking: false,
      },
    );
    expect(untracked.html).not.toContain('/t/');
    const textOnly = composeEmail(
      { channel: 'email', category: 'marketing', subject: 's', text: 'plain' },
      delivery,
      sender,
      options,
    );
    expect(textOnly).toMatchObject({ text: 'plain', messageId: `<${messageId}@parcours>` });
    expect(textOnly.html).toBeUndefined();
  });
});
