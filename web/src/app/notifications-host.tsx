import { Notifications } from '@mantine/notifications';
import { usePhone } from '../lib/use-media';

/** Toasts at the bottom on desktops; on phones at the top, clear of the bottom bar and the capture button. */
export function NotificationsHost() {
  const phone = usePhone();
  return <Notifications position={phone ? 'top-center' : 'bottom-center'} limit={3} autoClose={4000} />;
}
