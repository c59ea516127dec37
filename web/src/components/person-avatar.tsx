import { Avatar, type AvatarProps, type MantineColor } from '@mantine/core';

const palette: MantineColor[] = ['sage', 'teal', 'cyan', 'blue', 'indigo', 'violet', 'grape', 'pink', 'orange', 'lime'];

/** A stable colour per person: the same id always gets the same hue, across sessions and devices. */
export function colorFor(seed: string): MantineColor {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) | 0;
  return palette[Math.abs(h) % palette.length] ?? 'sage';
}

export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

interface PersonAvatarProps extends Omit<AvatarProps, 'src' | 'name' | 'color'> {
  person: { id: string; fullName: string; photoUrl: string | null };
}

export function PersonAvatar({ person, size = 40, ...rest }: PersonAvatarProps) {
  return (
    <Avatar
      src={person.photoUrl}
      alt=""
      color={colorFor(person.id)}
      variant="light"
      radius="xl"
      size={size}
      imageProps={{ loading: 'lazy', referrerPolicy: 'no-referrer' }}
      {...rest}
    >
      {initials(person.fullName)}
    </Avatar>
  );
}
