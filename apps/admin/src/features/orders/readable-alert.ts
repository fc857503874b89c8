/**
 * Alert styles with AA contrast: Mantine's light alerts colour the title in the alert's colour, which for orange, green
 * and yellow is below 4.5:1 on their tint; the colour stays in the background and border, the words are dark.
 */
export const READABLE_ALERT_STYLES = { title: { color: 'var(--mantine-color-text)' } } as const;
