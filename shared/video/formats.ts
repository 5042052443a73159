/** Where a video goes and the frame it needs. */
export const videoPlatforms = ['tiktok', 'reels', 'shorts', 'youtube', 'linkedin', 'x'] as const;
export type VideoPlatform = (typeof videoPlatforms)[number];

export const videoFormats = ['9:16', '1:1', '16:9'] as const;
export type VideoFormat = (typeof videoFormats)[number];

export const dimensions: Record<VideoFormat, { width: number; height: number }> = {
  '9:16': { width: 1080, height: 1920 },
  '1:1': { width: 1080, height: 1080 },
  '16:9': { width: 1920, height: 1080 },
};

/** The frame each platform favours when the caller does not say. */
export function defaultFormat(platform: VideoPlatform): VideoFormat {
  switch (platform) {
    case 'tiktok':
    case 'reels':
    case 'shorts':
      return '9:16';
    case 'linkedin':
    case 'x':
      return '1:1';
    case 'youtube':
      return '16:9';
  }
}

export const tones = ['professional', 'casual', 'energetic', 'educational'] as const;
export type Tone = (typeof tones)[number];
