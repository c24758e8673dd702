import { smsConsentKeyword } from './sms-keywords';

describe('smsConsentKeyword', () => {
  it.each(['STOP', 'stop', ' Stop \n', 'STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit'])(
    '%j opts out',
    (body) => {
      expect(smsConsentKeyword(body)).toEqual({ status: 'revoked', keyword: body.trim().toUpperCase() });
    },
  );

  it.each(['START', 'yes', 'Unstop'])('%j opts back in', (body) => {
    expect(smsConsentKeyword(body)).toEqual({ status: 'granted', keyword: body.toUpperCase() });
  });

  it.each(['please stop', 'STOP!', 'stopp', 'HELP', '', 'yes please'])('%j decides nothing', (body) => {
    expect(smsConsentKeyword(body)).toBeNull();
  });

  it("follows Twilio's own reading when it gives one (custom keywords, Advanced Opt-Out)", () => {
    expect(smsConsentKeyword('ARRET', 'STOP')).toEqual({ status: 'revoked', keyword: 'STOP' });
    expect(smsConsentKeyword('Unstop', 'START')).toEqual({ status: 'granted', keyword: 'UNSTOP' });
    expect(smsConsentKeyword('STOP', 'HELP')).toBeNull();
  });
});
