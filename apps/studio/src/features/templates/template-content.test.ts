import { emailContent, fieldProblems, offsetOf } from './template-content';

describe('fieldProblems', () => {
  it('puts each API error on its editor field with the line and column it names', () => {
    expect(
      fieldProblems({
        'content.html': 'line 2, column 3: tag {% if %} not closed',
        'content.subject': 'line 1, column 7: unknown variable "customer"',
        name: 'Another active template has this name',
      }),
    ).toEqual({
      body: { message: 'line 2, column 3: tag {% if %} not closed', line: 2, column: 3 },
      subject: { message: 'line 1, column 7: unknown variable "customer"', line: 1, column: 7 },
      name: { message: 'Another active template has this name' },
    });
  });

  it('reads MJML errors (a line, no column) and render failures as problems of the body', () => {
    expect(fieldProblems({ 'content.mjml': 'line 4: mj-text cannot be used inside mj-body' }).body).toEqual({
      message: 'line 4: mj-text cannot be used inside mj-body',
      line: 4,
    });
    expect(fieldProblems({ content: 'undefined filter: nope' }).body).toEqual({
      message: 'undefined filter: nope',
    });
    expect(fieldProblems(undefined)).toEqual({});
  });
});

describe('emailContent', () => {
  const fields = {
    subject: 'Hi',
    preheader: '',
    body: '<p>Hi</p>',
    text: ' ',
    fromName: 'Mia',
    fromEmail: '',
    replyTo: '',
  };
  it('sends the body under its format only and leaves empty optional fields out', () => {
    expect(emailContent(fields, 'html')).toEqual({
      channel: 'email',
      subject: 'Hi',
      html: '<p>Hi</p>',
      fromName: 'Mia',
    });
    expect(emailContent({ ...fields, body: '' }, 'mjml')).toEqual({
      channel: 'email',
      subject: 'Hi',
      fromName: 'Mia',
    });
  });
});

describe('offsetOf', () => {
  it('finds a line and column in a text, clamped to it', () => {
    const text = 'ab\ncdef\ng';
    expect(offsetOf(text, 2, 3)).toBe(5);
    expect(text[offsetOf(text, 2, 3)]).toBe('e');
    expect(offsetOf(text, 9, 9)).toBe(text.length);
    expect(offsetOf(text, 0)).toBe(0);
  });
});
