import { useFormatter } from 'next-intl';

/** A moment as people read it in the studio's tables (medium date, short time). */
export function DateTime({ value }: { value: string }) {
  const format = useFormatter();
  return (
    <time dateTime={value}>
      {format.dateTime(new Date(value), { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  );
}
