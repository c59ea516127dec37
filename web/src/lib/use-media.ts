import { useMediaQuery } from '@mantine/hooks';

/** Phones and narrow windows: the bottom bar, the floating button and card-like lists. */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false }) ?? false;
}
