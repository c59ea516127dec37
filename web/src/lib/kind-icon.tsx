import {
  IconArticle,
  IconAward,
  IconCoffee,
  IconDots,
  IconHandFinger,
  IconHeartHandshake,
  IconMail,
  IconMessageCircle,
  IconPhone,
  IconThumbUp,
  IconTicket,
  IconToolsKitchen2,
  IconUsers,
  IconVideo,
  type IconProps,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { InteractionKind } from '../../../src/contract/common.js';

const icons: Record<InteractionKind, ComponentType<IconProps>> = {
  meeting: IconUsers,
  coffee: IconCoffee,
  meal: IconToolsKitchen2,
  call: IconPhone,
  video_call: IconVideo,
  message: IconMessageCircle,
  email: IconMail,
  online_engagement: IconThumbUp,
  event_encounter: IconTicket,
  introduction: IconHeartHandshake,
  article_share: IconArticle,
  congratulation: IconAward,
  check_in: IconHandFinger,
  other: IconDots,
};

export function KindIcon({ kind, ...props }: { kind: InteractionKind } & IconProps) {
  const Icon = icons[kind];
  return <Icon stroke={1.7} aria-hidden {...props} />;
}
