/**
 * Inline SVG icons: emoji glyphs are missing on many municipal tablets' fonts, and an SVG scales
 * with the text. Icons are decorative (aria-hidden); the button around them carries the label.
 */
const paths = {
  move: 'M12 2l3 3h-2v4h-2V5H9l3-3zm0 20l-3-3h2v-4h2v4h2l-3 3zM2 12l3-3v2h4v2H5v2l-3-3zm20 0l-3 3v-2h-4v-2h4V9l3 3z',
  edit: 'M4 17.2V20h2.8l8.3-8.3-2.8-2.8L4 17.2zM18.7 8.1a1 1 0 000-1.4l-1.4-1.4a1 1 0 00-1.4 0l-1.2 1.2 2.8 2.8 1.2-1.2z',
  trash: 'M7 6h10l-1 14H8L7 6zm3-3h4l1 2h4v2H5V5h4l1-2z',
  palette: 'M12 3a9 9 0 000 18c1.1 0 1.6-.8 1.6-1.6 0-.4-.2-.8-.4-1.1-.3-.3-.4-.6-.4-1 0-.9.7-1.6 1.6-1.6H16a5 5 0 005-5C21 6.6 17 3 12 3zM6.5 12a1.5 1.5 0 110-3 1.5 1.5 0 010 3zm3-4a1.5 1.5 0 110-3 1.5 1.5 0 010 3zm5 0a1.5 1.5 0 110-3 1.5 1.5 0 010 3zm3 4a1.5 1.5 0 110-3 1.5 1.5 0 010 3z',
  lock: 'M7 10V8a5 5 0 0110 0v2h1a1 1 0 011 1v9a1 1 0 01-1 1H6a1 1 0 01-1-1v-9a1 1 0 011-1h1zm2 0h6V8a3 3 0 00-6 0v2z',
  focus: 'M12 8a4 4 0 100 8 4 4 0 000-8zM3 5a2 2 0 012-2h4v2H5v4H3V5zm16-2a2 2 0 012 2v4h-2V5h-4V3h4zM5 19h4v2H5a2 2 0 01-2-2v-4h2v4zm14-4h2v4a2 2 0 01-2 2h-4v-2h4v-4z',
  eye: 'M12 5c5 0 9 4.5 10 7-1 2.5-5 7-10 7S3 14.5 2 12c1-2.5 5-7 10-7zm0 3a4 4 0 100 8 4 4 0 000-8z',
  eyeOff: 'M3.3 2l18.7 18.7-1.3 1.3-3.5-3.5A11 11 0 0112 19c-5 0-9-4.5-10-7 .6-1.5 2.2-3.7 4.5-5.3L2 3.3 3.3 2zM12 5c5 0 9 4.5 10 7-.4 1-1.3 2.4-2.5 3.7L8.3 5.6A10 10 0 0112 5z',
} as const

export type IconName = keyof typeof paths

export function Icon({ name, size = 22 }: { name: IconName; size?: number }) {
  return (
    <svg aria-hidden="true" focusable="false" width={size} height={size} viewBox="0 0 24 24" className="icon">
      <path d={paths[name]} fill="currentColor" />
    </svg>
  )
}
