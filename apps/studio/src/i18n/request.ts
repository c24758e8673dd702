import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, type Locale, LOCALE_COOKIE, negotiateLocale } from './locales';

export async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get('accept-language'));
}

// next-intl without locale routing: the language comes from a cookie or the browser, not the URL.
export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return {
    locale,
    messages: (await import(`../../messages/${locale}.json`)).default,
    // Dates are shown in UTC on the server and the client alike: no hydration drift.
    timeZone: 'UTC',
  };
});
