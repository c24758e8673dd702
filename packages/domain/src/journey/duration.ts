export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

const MS_PER_UNIT: Record<DurationUnit, number> = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

export function durationToMs({ amount, unit }: Duration): number {
  return amount * MS_PER_UNIT[unit];
}
